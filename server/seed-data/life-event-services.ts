/**
 * Member items of the 一件事一次办 packages (src/contract/life-events/data.ts) that the demo
 * catalogue did not have yet, each with a complete 办事指南 like the others in
 * ./demo-services.ts (which lists them after its own). Standalone they are 在线预审 items;
 * inside a package their form is the package's (shared data entered once), so they carry
 * no formSchema of their own (the import rules keep forms for 全程网办 items).
 * Department names, counters and phones are the demo catalogue's, so each item lands in the
 * same department's reviewer queue as that department's other items.
 */
import type { MaterialImport, ServiceItemImport } from '../../src/contract/services/schemas'

const REGION = '示范市'
const CENTRE = '示范市政务服务中心（振兴大道88号）'
const WEEKDAYS = '工作日 9:00-12:00、13:30-17:30；周六 9:00-12:00 延时服务（法定节假日除外）'

const departments = {
  police: { department: '市公安局', counterAddress: `${CENTRE}一楼公安综合窗口，或户籍所在地派出所户籍窗口`, counterHours: WEEKDAYS, contactPhone: '0999-86110110' },
  hrss: { department: '市人力资源和社会保障局', counterAddress: `${CENTRE}二楼人社综合窗口（21-30号），或各区社保经办大厅`, counterHours: WEEKDAYS, contactPhone: '0999-12333' },
  medical: { department: '市医疗保障局', counterAddress: `${CENTRE}二楼医保窗口（31-36号）`, counterHours: WEEKDAYS, contactPhone: '0999-86312345' },
  tax: { department: '国家税务总局示范市税务局', counterAddress: '示范市税务局办税服务厅（解放路56号）及各区办税服务厅', counterHours: '工作日 9:00-17:00', contactPhone: '0999-12366' },
  fund: { department: '市住房公积金管理中心', counterAddress: `${CENTRE}三楼公积金窗口（51-58号）`, counterHours: WEEKDAYS, contactPhone: '0999-12329' },
}

const idCard: MaterialImport = { name: '居民身份证', copies: 1, form: '原件', certificateType: 'resident_id_card' }
const licence: MaterialImport = { name: '营业执照', copies: 1, form: '副本原件', certificateType: 'business_licence' }

type Common = 'region' | 'department' | 'counterAddress' | 'counterHours' | 'contactPhone' | 'status'

function item(department: (typeof departments)[keyof typeof departments], input: Omit<ServiceItemImport, Common>): ServiceItemImport {
  return { ...input, ...department, region: REGION, status: 'published' }
}

export const lifeEventServices: readonly ServiceItemImport[] = [
  item(departments.medical, {
    code: 'SF-YB-0007',
    name: '退休人员医保待遇核定',
    aliases: ['退休医保', '退休后医保怎么办', '医保退休待遇'],
    audiences: ['personal'],
    category: '医疗保障',
    lifeEvents: ['retirement'],
    legalBasis: '《中华人民共和国社会保险法》第二十七条；《示范市职工基本医疗保险办法》',
    conditions: ['已办理职工基本养老保险待遇申领（退休）', '职工医保累计缴费年限达到本市规定（男满25年、女满20年，其中本市实际缴费满10年）'],
    materials: [idCard, { name: '退休审批表或养老金核定表', copies: 1, form: '电子或纸质', note: '“退休一件事”中由人社部门共享，无需提交' }],
    fees: '不收费',
    timeLimitDays: 10,
    onlineLevel: 'pre_review',
    faq: [
      { question: '缴费年限不够怎么办？', answer: '可按规定一次性补缴不足年限的医保费，补缴后享受退休人员医保待遇。' },
      { question: '退休后个人账户还有钱进来吗？', answer: '有。核定后按月划入个人账户，标准以本市当年公布的为准。' },
    ],
  }),
  item(departments.fund, {
    code: 'SF-GJJ-0005',
    name: '住房公积金提取（离退休）',
    aliases: ['退休提取公积金', '公积金销户提取', '退休取公积金'],
    audiences: ['personal'],
    category: '住房公积金',
    lifeEvents: ['retirement'],
    legalBasis: '《住房公积金管理条例》第二十四条',
    conditions: ['已办理离休、退休手续', '住房公积金账户未被冻结，无未结清的公积金贷款'],
    materials: [idCard, { name: '本人名下银行卡', copies: 1, form: '原件', note: '用于提取款到账，须为一类账户' }],
    fees: '不收费',
    timeLimitDays: 3,
    onlineLevel: 'pre_review',
    faq: [
      { question: '提取后账户还能用吗？', answer: '可选择销户；保留账户的，之后仍有补缴款项到账时可再次提取。' },
      { question: '多久能到账？', answer: '审核通过后 1 个工作日内转入您指定的本人银行账户。' },
    ],
  }),
  item(departments.police, {
    code: 'SF-GA-0201',
    name: '印章刻制备案',
    aliases: ['刻公章', '公章刻制', '刻章备案'],
    audiences: ['legal_person'],
    category: '市场主体',
    lifeEvents: ['business_startup'],
    legalBasis: '《国务院关于第一批清理规范89项国务院部门行政审批中介服务事项的决定》（国发〔2015〕58号）；《印铸刻字业暂行管理规则》',
    conditions: ['已取得营业执照', '由法定代表人或其委托的经办人申请'],
    materials: [licence, { ...idCard, name: '法定代表人居民身份证' }],
    fees: '新开办企业首套印章（公章、财务专用章、发票专用章）由政府购买服务免费刻制；其他印章按刻章企业标价收费',
    timeLimitDays: 1,
    onlineLevel: 'pre_review',
    faq: [
      { question: '可以自己选刻章店吗？', answer: '可以。在公安机关备案的刻章企业中任选，首套免费印章由政府统一支付费用。' },
      { question: '印章多久能拿到？', answer: '备案后 1 个工作日内刻制完成，可选择邮寄或到刻章企业领取。' },
    ],
  }),
  item(departments.tax, {
    code: 'SF-SW-0005',
    name: '新办纳税人涉税事项办理',
    aliases: ['新办企业税务登记', '新办纳税人套餐', '领发票'],
    audiences: ['legal_person'],
    category: '税务服务',
    lifeEvents: ['business_startup', 'tax'],
    legalBasis: '《中华人民共和国税收征收管理法》第十五条；《国家税务总局关于新办纳税人“套餐式”服务有关事项的公告》',
    conditions: ['已取得营业执照', '法定代表人、财务负责人、办税人员已完成实名办税信息采集'],
    materials: [licence, { name: '财务负责人、办税人员联系方式', copies: 1, form: '在线填写' }],
    fees: '不收费；税务 UKey 免费发放',
    timeLimitDays: 1,
    onlineLevel: 'pre_review',
    faq: [
      { question: '一般纳税人和小规模纳税人怎么选？', answer: '年应税销售额 500 万元以下的可选小规模纳税人；需要开具增值税专用发票抵扣的可申请登记为一般纳税人。' },
      { question: '发票怎么领？', answer: '核定后可在电子税务局开具数电发票，无需领取纸质发票。' },
    ],
  }),
  item(departments.hrss, {
    code: 'SF-RS-0011',
    name: '单位社会保险登记',
    aliases: ['单位参保登记', '企业社保开户', '公司社保登记'],
    audiences: ['legal_person'],
    category: '社会保险',
    lifeEvents: ['business_startup', 'employment'],
    legalBasis: '《中华人民共和国社会保险法》第五十七条；《社会保险登记管理暂行办法》',
    conditions: ['已取得营业执照，自成立之日起 30 日内申请', '有在职职工或拟招用职工'],
    materials: [licence, { name: '单位银行结算账户信息', copies: 1, form: '在线填写', note: '用于社会保险费扣缴' }],
    fees: '不收费',
    timeLimitDays: 1,
    onlineLevel: 'pre_review',
    faq: [
      { question: '没有招人也要登记吗？', answer: '企业成立后 30 日内应当办理单位社保登记；暂无职工的，登记后再为新招用的职工办理参保。' },
      { question: '登记后怎么给职工参保？', answer: '通过“职工参保登记”逐个增员，当月增员当月缴费。' },
    ],
  }),
]
