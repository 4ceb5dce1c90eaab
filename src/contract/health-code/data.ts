/**
 * Health-code words the client renders. Plain data with no TypeBox import, so a page can
 * import it without pulling the schema runtime into the mini-program bundle.
 */
import type { HealthColour, VerifyFailureReason } from './schemas'

/** Colour in words: colour is never the only signal. */
export const COLOUR_WORDS: Record<HealthColour, string> = { green: '绿码', yellow: '黄码', red: '红码' }

export const VERIFY_REASON_WORDS: Record<VerifyFailureReason, string> = {
  malformed: '无法识别的健康码',
  unknown_key: '签发密钥未知，可能是伪造的健康码',
  bad_signature: '签名校验失败，健康码可能被篡改',
  expired: '健康码已过期，请让对方刷新后重新出示',
  status_changed: '该健康码签发后状态已变更，请让对方刷新',
}

