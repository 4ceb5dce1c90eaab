import { CONSENT_METHOD_WORDS, DELEGATION_SCOPE_WORDS, type DelegationScope } from '@/contract/delegations/data'
import type { Delegation } from '@/contract/delegations/schemas'

/** How long a delegation lasts, as the helper chooses it (the server allows at most a year). */
export const DURATIONS = [
  { value: 30, label: '1个月' },
  { value: 90, label: '3个月' },
  { value: 182, label: '半年' },
  { value: 365, label: '1年' },
] as const

export const scopeNames = (scopes: readonly DelegationScope[]) => scopes.map((scope) => DELEGATION_SCOPE_WORDS[scope].name).join('、')

export function consentWords(delegation: Delegation): string | undefined {
  return delegation.consentMethod ? CONSENT_METHOD_WORDS[delegation.consentMethod] : undefined
}

/** YYYY-MM-DD as 2027年1月5日. */
export function dayWords(day: string): string {
  const [year, month, date] = day.split('-').map(Number)
  return `${year}年${month}月${date}日`
}

/** The China calendar day `days` after today, YYYY-MM-DD. */
export function chinaDayAfter(days: number, now: Date = new Date()): string {
  return new Date(now.getTime() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
}
