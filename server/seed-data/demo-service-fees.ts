/**
 * Fees of the demo service items, keyed by item code (merged at seed time into service_fees;
 * the guide's `fees` text in demo-services.ts stays the words, these are the amounts charged).
 * Amounts in fen. Items not listed charge nothing. 违法处理罚款 is not here: the amount is set
 * per decision, not per item.
 */
export interface DemoServiceFee {
  itemCode: string
  amountFen: number
  basis: string
  collector: string
}

export const demoServiceFees: readonly DemoServiceFee[] = [
  { itemCode: 'SF-GA-0101', amountFen: 12000, basis: '普通护照 120 元/本（国家发展改革委、财政部收费标准）', collector: '公安机关出入境管理部门（非税收入，缴入国库）' },
  { itemCode: 'SF-GA-0102', amountFen: 6000, basis: '往来港澳通行证 60 元/证（签注另收）', collector: '公安机关出入境管理部门（非税收入，缴入国库）' },
  { itemCode: 'SF-JJ-0001', amountFen: 1000, basis: '机动车驾驶证工本费 10 元/证', collector: '公安机关交通管理部门（非税收入，缴入国库）' },
  { itemCode: 'SF-JJ-0002', amountFen: 1000, basis: '机动车驾驶证工本费 10 元/证', collector: '公安机关交通管理部门（非税收入，缴入国库）' },
]
