/**
 * Social-security words and small helpers the client renders. Plain data with no TypeBox
 * import, so a page can import it without pulling the schema runtime into the bundle.
 */
import type { AccountKind, EnrolmentStatus, InsuranceType, PersonStatus } from './schemas'

/** The longest period one proof of contributions may cover, in months (the server refuses longer). */
export const MAX_PROOF_MONTHS = 120

/** The insurance types in the order every list shows them. */
export const INSURANCE_TYPES: readonly InsuranceType[] = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity']

export const INSURANCE_TYPE_WORDS: Record<InsuranceType, string> = {
  pension: '养老保险',
  medical: '医疗保险',
  unemployment: '失业保险',
  work_injury: '工伤保险',
  maternity: '生育保险',
}

export const ENROLMENT_STATUS_WORDS: Record<EnrolmentStatus, string> = { active: '参保中', paused: '暂停', ended: '终止' }

export const PERSON_STATUS_WORDS: Record<PersonStatus, string> = { active: '正常参保', paused: '暂停参保', ended: '终止参保' }

export const ACCOUNT_WORDS: Record<AccountKind, string> = { pension: '养老保险个人账户', medical: '医保个人账户' }

/** ABCD2345EFGH → ABCD-2345-EFGH (the form shown and printed). */
export function formatProofCode(code: string): string {
  const plain = code.replace(/[^0-9A-Za-z]/g, '').toUpperCase()
  return plain.match(/.{1,4}/g)?.join('-') ?? ''
}

export const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$'

export const MAX_PAGE_SIZE = 60

/** How long a proof can be verified after it was issued. */
export const PROOF_VALID_DAYS = 90

/** The verification code as shown and typed: 12 characters in groups of four, XXXX-XXXX-XXXX. */
export const PROOF_CODE_PATTERN = '^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$'
