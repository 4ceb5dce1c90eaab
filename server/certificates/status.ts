import { CERTIFICATE_STATUS_NAMES, type CertificateStatus } from '../../src/contract/certificates/schemas'

/**
 * A certificate's status is derived, not stored: revoked when the issuing authority
 * revoked it, else expired once its valid-until date has passed, else valid. Deriving it
 * means a certificate turns 已过期 at midnight without a job flipping a column.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/** Today's date in China (UTC+8, no daylight saving), YYYY-MM-DD: validity dates are Chinese calendar dates. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

export interface StatusSource {
  validUntil: string | null
  revokedAt: string | null
}

/** Valid through the whole of its valid-until day. */
export function certificateStatus(certificate: StatusSource, now: Date): CertificateStatus {
  if (certificate.revokedAt) return 'revoked'
  if (certificate.validUntil !== null && certificate.validUntil < chinaDate(now)) return 'expired'
  return 'valid'
}

export function statusName(status: CertificateStatus): string {
  return CERTIFICATE_STATUS_NAMES[status]
}
