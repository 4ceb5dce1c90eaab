import type { ResultDeclaration } from '../../src/contract/results/schemas'

/**
 * What each 一件事一次办 member item delivers when 办结 (src/contract/life-events/data.ts
 * names the same results in words), keyed by item code and merged with ./result-kinds.ts at
 * seed time (server/results/seed.ts). The placeholders are the member's form keys as the
 * package maps them. Statements name the applicant masked ({name}, {idNumber}) and never the
 * child by name: a proof's text is read by whoever checks it.
 */
export const lifeEventResultKinds: Readonly<Record<string, ResultDeclaration>> = {
  // 出生一件事
  'SF-WJ-0001': {
    kind: 'proof',
    title: '出生医学证明',
    statement: '兹证明{name}（公民身份号码{idNumber}）之子女（{babySex}）于{babyBirthDate}在{birthHospital}出生，出生体重{birthWeight}克。',
    validDays: 366,
  },
  'SF-GA-0006': {
    kind: 'proof',
    title: '户口登记证明（新生儿入户）',
    statement: '兹证明{name}（公民身份号码{idNumber}）之子女（{babySex}，{babyBirthDate}出生）已在本市登记常住户口，与户主关系：{relationToHead}。',
    validDays: 366,
  },
  'SF-YB-0004': {
    kind: 'proof',
    title: '城乡居民医保参保凭证',
    statement: '兹证明{name}（公民身份号码{idNumber}）为其{babyBirthDate}出生的子女办理的城乡居民基本医疗保险参保登记已完成，缴费方式：{payMethod}。',
    validDays: 366,
  },
  'SF-RS-0004': {
    kind: 'proof',
    title: '电子社会保障卡签发凭证',
    statement: '兹证明{name}（公民身份号码{idNumber}）为其子女申领的社会保障卡已制发，电子社会保障卡已签发；实体卡领取方式：{cardDelivery}。',
    validDays: 366,
  },
  // 退休一件事
  'SF-RS-0007': {
    kind: 'proof',
    title: '基本养老金核定通知',
    statement: '经核定，{name}（公民身份号码{idNumber}）自{retirementDate}起按月领取职工基本养老金，退休类型：{retirementType}，发放至：{payoutTo}。',
    validDays: 366,
  },
  'SF-YB-0007': {
    kind: 'proof',
    title: '退休人员医保待遇核定结果',
    statement: '经核定，{name}（公民身份号码{idNumber}）自{retirementDate}起享受职工基本医疗保险退休人员待遇，首选定点医疗机构：{designatedHospital}。',
    validDays: 366,
  },
  'SF-GJJ-0005': {
    kind: 'proof',
    title: '住房公积金离退休提取凭证',
    statement: '{name}（公民身份号码{idNumber}）的住房公积金离退休提取已办结，余额转入：{payoutTo}；账户处理：{closeAccount}。',
    validDays: 366,
  },
  // 开办企业一件事
  'SF-SJ-0003': {
    kind: 'proof',
    title: '准予设立登记通知书',
    statement: '{companyName}（住所：{companyAddress}，类型：{companyType}）准予设立登记，法定代表人{name}（公民身份号码{idNumber}），电子营业执照已签发。',
    validDays: 366,
  },
  'SF-GA-0201': {
    kind: 'proof',
    title: '印章刻制备案回执',
    statement: '{companyName}的印章刻制已备案（{sealSet}），法定代表人{name}（公民身份号码{idNumber}）。',
    validDays: 366,
  },
  'SF-SW-0005': {
    kind: 'proof',
    title: '新办纳税人涉税事项办理回执',
    statement: '{companyName}的新办纳税人涉税事项已办结，纳税人类型：{taxpayerType}，法定代表人{name}（公民身份号码{idNumber}）。',
    validDays: 366,
  },
  'SF-RS-0011': {
    kind: 'proof',
    title: '单位社会保险登记证明',
    statement: '{companyName}已办理单位社会保险登记，首批参保职工{employeeCount}人，法定代表人{name}（公民身份号码{idNumber}）。',
    validDays: 366,
  },
}
