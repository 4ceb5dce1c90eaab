import { monthWords } from '@/contract/months'
import type { InsuranceType } from '@/contract/social-security/schemas'
import { INSURANCE_TYPE_WORDS } from '@/contract/social-security/data'
import type { ArrearsMonth } from './social-security-store'
import { yuanWords } from '@/utils/money'

export const OVERVIEW_PAGE = '/packages/social-security/pages/overview/index'
export const CONTRIBUTIONS_PAGE = '/packages/social-security/pages/contributions/index'
export const PROOF_PAGE = '/packages/social-security/pages/proof/index'

/** 养老保险、医疗保险 (all five: 全部险种). */
export function typeList(types: InsuranceType[]): string {
  return types.length === 5 ? '全部五个险种' : types.map((type) => INSURANCE_TYPE_WORDS[type]).join('、')
}

/** The arrears in one sentence a citizen can act on. */
export function arrearsSentence(month: ArrearsMonth): string {
  return `${monthWords(month.month)}：${typeList(month.types)}未缴，单位${month.employerName}，应缴个人部分${yuanWords(month.personalCents)}、单位部分${yuanWords(month.employerCents)}。`
}
