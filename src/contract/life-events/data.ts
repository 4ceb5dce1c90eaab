/**
 * 一件事一次办 (life-event packages) as data: each package bundles published catalogue items
 * (its members) into one application. The shared data (共同信息) is entered once and mapped
 * into each member item's form; each member also asks what only it needs. On submit every
 * member becomes its own application, routed to its own department's queue, and the package
 * follows them on one timeline.
 *
 * Plain values only (no TypeBox): the client imports this file for the words and the
 * package list; the server validates submits against the same definitions.
 */
import type { FormField, LifeEvent, PrefillSource } from '../services/data'

/**
 * A field of the shared data. `maskAs`: a personal value typed by the citizen is masked in
 * every response as that source would be (another parent's name as a name).
 */
export type PackageField = FormField & { maskAs?: PrefillSource }

export interface PackageMember {
  /** A published catalogue item; its department receives this member's application. */
  itemCode: string
  /** What the citizen receives when this item is finished: the title of its declared result (server/seed-data/life-event-result-kinds.ts). */
  result: string
  /** This item's form field key → the shared field it is filled from (entered once). */
  shared: Record<string, string>
  /** What only this item needs, asked on its own step. */
  fields: PackageField[]
  /**
   * Materials another member of the same package produces (material name → that member's item
   * code): the departments share it once that member is 办结, so the citizen hands in nothing,
   * and never an older document of their own in its place (another company's licence).
   */
  fromMembers?: Record<string, string>
}

export type LifeEventPackageKey = 'birth' | 'retirement' | 'business_startup'

export interface LifeEventPackage {
  key: LifeEventPackageKey
  name: string
  /** The catalogue's life event the package belongs to (links from the catalogue's 一件事). */
  lifeEvent: LifeEvent
  /** One plain sentence: who it is for and what it does. */
  summary: string
  /** Who may apply, in words. */
  conditions: string[]
  sharedFields: PackageField[]
  members: PackageMember[]
}

// --- shared building blocks --------------------------------------------------------------------

const applicantName: PackageField = { key: 'applicantName', label: '申请人姓名', type: 'text', required: true, prefill: { source: 'population.name', locked: true } }
const applicantIdNumber: PackageField = { key: 'idNumber', label: '申请人公民身份号码', type: 'id_number', required: true, prefill: { source: 'population.id_number', locked: true } }
const phone: PackageField = { key: 'phone', label: '联系电话', type: 'phone', required: true, prefill: { source: 'population.phone', locked: false } }
const address: PackageField = { key: 'address', label: '联系地址', type: 'text', required: true, maxLength: 100, prefill: { source: 'population.address', locked: false } }

/** The applicant's own fields, mapped under the same keys into every member. */
const applicantMapping = { applicantName: 'applicantName', idNumber: 'idNumber', phone: 'phone' }

export const LIFE_EVENT_PACKAGES: readonly LifeEventPackage[] = [
  {
    key: 'birth',
    name: '出生一件事',
    lifeEvent: 'birth',
    summary: '宝宝出生后，一次填写、一次提交，同时办理出生医学证明、新生儿入户、医保参保和社保卡申领。',
    conditions: ['新生儿在本市助产机构出生', '申请人为新生儿的父亲或母亲，已完成实名认证', '新生儿随父亲或母亲在本市落户'],
    sharedFields: [
      applicantName,
      applicantIdNumber,
      phone,
      { key: 'babyName', label: '新生儿姓名', type: 'text', required: true, maxLength: 20, hint: '与出生医学证明上填写的一致', maskAs: 'population.name' },
      { key: 'babySex', label: '新生儿性别', type: 'select', required: true, options: ['男', '女'] },
      { key: 'babyBirthDate', label: '出生日期', type: 'date', required: true },
      { key: 'birthHospital', label: '出生医院', type: 'text', required: true, maxLength: 50, hint: '助产机构全称，如：示范市妇幼保健院' },
      { key: 'otherParentName', label: '另一方父（母）姓名', type: 'text', required: true, maxLength: 20, maskAs: 'population.name' },
      { key: 'otherParentIdNumber', label: '另一方父（母）公民身份号码', type: 'id_number', required: true },
      { ...address, key: 'householdAddress', label: '入户地址（户口所在地）', hint: '新生儿随父（母）落户的地址' },
    ],
    members: [
      {
        itemCode: 'SF-WJ-0001',
        result: '出生医学证明',
        shared: { ...applicantMapping, babyName: 'babyName', babySex: 'babySex', babyBirthDate: 'babyBirthDate', birthHospital: 'birthHospital', otherParentName: 'otherParentName', otherParentIdNumber: 'otherParentIdNumber' },
        fields: [{ key: 'birthWeight', label: '出生体重（克）', type: 'number', required: true, min: 300, max: 7000, hint: '见医院出具的分娩记录' }],
      },
      {
        itemCode: 'SF-GA-0006',
        fromMembers: { 出生医学证明: 'SF-WJ-0001' },
        result: '户口登记证明（新生儿入户）',
        shared: { ...applicantMapping, babyName: 'babyName', babySex: 'babySex', babyBirthDate: 'babyBirthDate', householdAddress: 'householdAddress' },
        fields: [{ key: 'relationToHead', label: '新生儿与户主关系', type: 'select', required: true, options: ['子', '女', '孙子', '孙女', '其他'] }],
      },
      {
        itemCode: 'SF-YB-0004',
        result: '城乡居民医保参保凭证',
        shared: { ...applicantMapping, babyName: 'babyName', babyBirthDate: 'babyBirthDate' },
        fields: [{ key: 'payMethod', label: '医保缴费方式', type: 'select', required: true, options: ['微信支付', '支付宝', '银行代扣'] }],
      },
      {
        itemCode: 'SF-RS-0004',
        result: '电子社会保障卡签发凭证',
        shared: { ...applicantMapping, babyName: 'babyName', babySex: 'babySex', householdAddress: 'householdAddress' },
        fields: [{ key: 'cardDelivery', label: '实体社保卡领取方式', type: 'select', required: true, options: ['邮寄到入户地址', '到合作银行网点领取'] }],
      },
    ],
  },
  {
    key: 'retirement',
    name: '退休一件事',
    lifeEvent: 'retirement',
    summary: '到了退休年龄，一次填写、一次提交，同时办理养老金申领、退休人员医保待遇核定和公积金退休提取。',
    conditions: ['已达到法定退休年龄或符合提前退休条件', '在本市参加职工基本养老保险和职工医保', '申请人本人已完成实名认证'],
    sharedFields: [
      applicantName,
      applicantIdNumber,
      phone,
      address,
      { key: 'retirementDate', label: '退休日期', type: 'date', required: true, hint: '单位或人社部门核定的退休日期' },
      { key: 'employer', label: '退休前所在单位', type: 'text', required: true, maxLength: 50, prefill: { source: 'social_security.employer', locked: false } },
      { key: 'payoutTo', label: '待遇发放账户', type: 'select', required: true, options: ['本人社会保障卡银行账户', '本人名下其他银行账户（受理时核验）'] },
    ],
    members: [
      {
        itemCode: 'SF-RS-0007',
        result: '基本养老金核定通知',
        shared: { ...applicantMapping, retirementDate: 'retirementDate', employer: 'employer', payoutTo: 'payoutTo' },
        fields: [{ key: 'retirementType', label: '退休类型', type: 'select', required: true, options: ['正常退休', '提前退休（特殊工种）', '提前退休（因病）'] }],
      },
      {
        itemCode: 'SF-YB-0007',
        fromMembers: { 退休审批表或养老金核定表: 'SF-RS-0007' },
        result: '退休人员医保待遇核定结果',
        shared: { ...applicantMapping, retirementDate: 'retirementDate', employer: 'employer' },
        fields: [{ key: 'designatedHospital', label: '首选定点医疗机构', type: 'text', required: true, maxLength: 40, hint: '如：示范市第一人民医院' }],
      },
      {
        itemCode: 'SF-GJJ-0005',
        result: '住房公积金离退休提取凭证',
        shared: { ...applicantMapping, retirementDate: 'retirementDate', payoutTo: 'payoutTo', address: 'address' },
        fields: [{ key: 'closeAccount', label: '提取后账户', type: 'select', required: true, options: ['提取全部余额并销户', '提取全部余额，保留账户'] }],
      },
    ],
  },
  {
    key: 'business_startup',
    name: '开办企业一件事',
    lifeEvent: 'business_startup',
    summary: '开公司，一次填写、一次提交，同时办理公司设立登记、公章刻制、新办纳税人涉税事项和单位参保登记。',
    conditions: ['企业名称已通过“企业名称自主申报”', '申请人为拟任法定代表人，已完成实名认证', '有本市的住所（经营场所）'],
    sharedFields: [
      { ...applicantName, label: '法定代表人姓名' },
      { ...applicantIdNumber, label: '法定代表人公民身份号码' },
      phone,
      { key: 'companyName', label: '企业名称', type: 'text', required: true, maxLength: 50, hint: '与名称自主申报通过的名称一致' },
      { key: 'companyAddress', label: '住所（经营场所）', type: 'text', required: true, maxLength: 100 },
      { key: 'businessScope', label: '经营范围', type: 'textarea', required: true, maxLength: 500, hint: '按《经营范围规范表述目录》选择填写' },
      { key: 'registeredCapital', label: '注册资本（万元）', type: 'number', required: true, min: 1, max: 1000000 },
    ],
    members: [
      {
        itemCode: 'SF-SJ-0003',
        result: '准予设立登记通知书',
        shared: { ...applicantMapping, companyName: 'companyName', companyAddress: 'companyAddress', businessScope: 'businessScope', registeredCapital: 'registeredCapital' },
        fields: [{ key: 'companyType', label: '公司类型', type: 'select', required: true, options: ['有限责任公司（自然人投资或控股）', '有限责任公司（自然人独资）'] }],
      },
      {
        itemCode: 'SF-GA-0201',
        fromMembers: { 营业执照: 'SF-SJ-0003' },
        result: '印章刻制备案回执',
        shared: { ...applicantMapping, companyName: 'companyName', companyAddress: 'companyAddress' },
        fields: [{ key: 'sealSet', label: '刻制印章', type: 'select', required: true, options: ['公章、财务专用章、发票专用章（免费套装）', '仅公章'] }],
      },
      {
        itemCode: 'SF-SW-0005',
        fromMembers: { 营业执照: 'SF-SJ-0003' },
        result: '新办纳税人涉税事项办理回执',
        shared: { ...applicantMapping, companyName: 'companyName', companyAddress: 'companyAddress', businessScope: 'businessScope' },
        fields: [{ key: 'taxpayerType', label: '纳税人类型', type: 'select', required: true, options: ['小规模纳税人', '一般纳税人'] }],
      },
      {
        itemCode: 'SF-RS-0011',
        fromMembers: { 营业执照: 'SF-SJ-0003' },
        result: '单位社会保险登记证明',
        shared: { ...applicantMapping, companyName: 'companyName', companyAddress: 'companyAddress' },
        fields: [{ key: 'employeeCount', label: '首批参保职工人数', type: 'number', required: true, min: 0, max: 10000 }],
      },
    ],
  },
]

export const LIFE_EVENT_PACKAGE_KEYS = LIFE_EVENT_PACKAGES.map((item) => item.key)

export function lifeEventPackage(key: string): LifeEventPackage | undefined {
  return LIFE_EVENT_PACKAGES.find((item) => item.key === key)
}

/** The package of a catalogue life event, if it has one (the catalogue links to it). */
export function packageOfLifeEvent(lifeEvent: string): LifeEventPackage | undefined {
  return LIFE_EVENT_PACKAGES.find((item) => item.lifeEvent === lifeEvent)
}

/** A package application's state, computed from its members. */
export type PackageStatus = 'in_progress' | 'completed' | 'ended'

export const PACKAGE_STATUSES: Record<PackageStatus, string> = {
  in_progress: '办理中',
  /** Every member item completed. */
  completed: '已全部办结',
  /** Every member item finished, some not completed (不予受理 / 不予许可 / 撤回). */
  ended: '已结束（部分事项未办成）',
}

export const MAX_PACKAGE_PAGE_SIZE = 50
