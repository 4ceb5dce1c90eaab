import type { ResultDeclaration } from '../../src/contract/results/schemas'

/**
 * What each demo service item delivers when 办结, keyed by item code (server/seed-data/
 * demo-services.ts), merged into service_result_kinds at seed time (server/results/seed.ts)
 * so the large catalogue file stays untouched. A catalogue import may set or change an
 * item's declaration with its optional `result`.
 *
 * Proof statements use {name} and {idNumber} (masked) and any form field of the item, e.g.
 * {purpose}. Money results take the amount and the bank account from form fields.
 */
export const demoResultKinds: Readonly<Record<string, ResultDeclaration>> = {
  // --- electronic proofs -------------------------------------------------------------------
  'SF-GA-0005': {
    kind: 'proof',
    title: '户籍证明',
    statement: '兹证明{name}（公民身份号码{idNumber}）系本市常住户口居民，户籍登记信息真实有效。此证明用于：{purpose}。',
    validDays: 90,
  },
  'SF-MZ-0002': {
    kind: 'proof',
    title: '婚姻登记记录证明',
    statement: '经查询本市婚姻登记档案，{name}（公民身份号码{idNumber}）的婚姻登记记录如实出具，以档案记载为准。',
    validDays: 90,
  },
  'SF-GJJ-0004': {
    kind: 'proof',
    title: '住房公积金缴存证明',
    statement: '兹证明{name}（公民身份号码{idNumber}）在本中心缴存住房公积金，证明类型：{certificateKind}。',
    validDays: 30,
  },
  'SF-RS-0003': {
    kind: 'proof',
    title: '个人权益记录',
    statement: '兹证明{name}（公民身份号码{idNumber}）的社会保险个人权益记录以本中心数据为准。此证明用于：{purpose}。',
    validDays: 90,
  },
  'SF-SW-0004': {
    kind: 'proof',
    title: '清税证明',
    statement: '经核查，{name}（公民身份号码{idNumber}）{fromMonth}至{toMonth}期间所有税务事项均已结清。',
    validDays: 90,
  },
  'SF-BDC-0001': { kind: 'proof', title: '不动产登记信息查询结果', statement: '经查询本市不动产登记簿，{name}（公民身份号码{idNumber}）名下不动产登记信息以登记簿记载为准。查询用途：{purpose}。', validDays: 30 },
  'SF-YB-0001': { kind: 'proof', title: '异地就医备案凭证', statement: '{name}（公民身份号码{idNumber}）已办理异地就医备案，备案类别：{category}，就医地：{destination}，自{startDate}起生效。', validDays: 366 },
  'SF-JY-0003': { kind: 'proof', title: '学籍证明', statement: '兹证明{name}（公民身份号码{idNumber}）的学籍信息以全国中小学生学籍信息管理系统记载为准。', validDays: 180 },
  // --- e-certificates into the wallet ------------------------------------------------------------
  'SF-GA-0008': {
    kind: 'certificate',
    title: '居住证',
    certificateType: 'residence_permit',
    fields: { name: '$name', idNumber: '$idNumber', address: 'residenceAddress' },
    validYears: 1,
  },
  // --- money --------------------------------------------------------------------------------
  // Paid to the bank card the form asks for (shown masked); the department decides the amount and
  // records it after paying (POST /api/operator/applications/:id/result/payout).
  'SF-GJJ-0001': { kind: 'money', title: '住房公积金提取款', accountField: 'bankAccount' },
  'SF-RS-0002': { kind: 'money', title: '失业保险金', accountField: 'bankAccount' },
  'SF-YB-0003': { kind: 'money', title: '生育津贴', accountField: 'bankAccount' },
  // --- physical results ---------------------------------------------------------------------
  // 驾驶证期满换证 is 全程网办: the new licence is posted by EMS or collected.
  'SF-JJ-0001': { kind: 'physical', title: '机动车驾驶证', methods: ['ems', 'counter'] },
  'SF-GA-0001': { kind: 'physical', title: '居民身份证', methods: ['ems', 'counter'] },
  'SF-GA-0002': { kind: 'physical', title: '居民身份证', methods: ['ems', 'counter'] },
  'SF-JJ-0002': { kind: 'physical', title: '机动车驾驶证', methods: ['ems', 'counter'] },
  'SF-MZ-0003': { kind: 'physical', title: '结婚证', methods: ['counter'] },
  'SF-SJ-0005': { kind: 'physical', title: '营业执照', methods: ['ems', 'counter'] },
  'SF-BDC-0004': { kind: 'physical', title: '不动产权证书', methods: ['ems', 'counter'] },
}
