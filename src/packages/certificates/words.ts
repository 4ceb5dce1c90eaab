import type { CertificateSummary, DisclosedField } from '@/contract/certificates/schemas'
import { AUTHORISATION_MAX_DAYS } from '@/contract/certificates/data'
import { dateWords, formatClock, formatDate } from '@/utils/format'

export const WALLET_PAGE = '/packages/certificates/pages/wallet/index'
export const DETAIL_PAGE = '/packages/certificates/pages/detail/index'
export const LEDGER_PAGE = '/packages/certificates/pages/ledger/index'
export const AUTHORISATIONS_PAGE = '/packages/certificates/pages/authorisations/index'
export const AUTHORISE_PAGE = '/packages/certificates/pages/authorise/index'

/** 长期 when the certificate has no end date. */
export function validityWords(certificate: Pick<CertificateSummary, 'validUntil'>): string {
  return certificate.validUntil === null ? '长期' : `至${dateWords(certificate.validUntil)}`
}

/** An ISO time → 2026年11月22日 14:03 (the viewer's local time). */
export function dateTimeWords(iso: string): string {
  return `${formatDate(iso)} ${formatClock(new Date(iso))}`
}

/** 证号、准驾车型 */
export function fieldLabels(fields: DisclosedField[]): string {
  return fields.map((field) => field.label).join('、')
}

/** 1分05秒 */
export function durationWords(seconds: number): string {
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return minutes > 0 ? `${minutes}分${String(rest).padStart(2, '0')}秒` : `${rest}秒`
}

/** How long an organisation may fetch: fixed choices, none beyond the one-year limit. */
export const AUTHORISATION_DURATIONS: { days: number; label: string }[] = [
  { days: 7, label: '7天' },
  { days: 30, label: '1个月' },
  { days: 90, label: '3个月' },
  { days: 180, label: '半年' },
  { days: AUTHORISATION_MAX_DAYS, label: '1年' },
]

/**
 * The end of the last day of a grant of `days` days counted from today (today is day 1),
 * in local time: 23:59:59, never more than `days` × 24 h from now.
 */
export function authorisationEnd(days: number, now: Date = new Date()): Date {
  const end = new Date(now.getTime())
  end.setHours(0, 0, 0, 0)
  end.setDate(end.getDate() + days)
  return new Date(end.getTime() - 1000)
}

/** The same syntax the server checks (GB 32100 characters); the check character is the server's to judge. */
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/
