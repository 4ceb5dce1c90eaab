/**
 * Certificate words the client renders that no response carries ready-made. Plain data with
 * no TypeBox import, so a page can import it without pulling the schema runtime into the
 * mini-program bundle (certificates.ts is for `import type` only on the client).
 */
import type { PresentationStatus } from './certificates'

/** The presentation code's state in words, for the 亮证 view (colour is never the only signal). */
export const PRESENTATION_STATUS_WORDS: Record<PresentationStatus, string> = {
  active: '待核验',
  verified: '已核验',
  expired: '已过期',
  withdrawn: '已撤回',
}

/** The 亮证 view's watermark: a screenshot of the card says what it may be used for. */
export const CERTIFICATE_WATERMARK = '仅供办理政务服务事项时使用'

/** The longest authorisation, in days, counted from the moment of granting (the server enforces it; the client offers no longer choice). */
export const AUTHORISATION_MAX_DAYS = 365
