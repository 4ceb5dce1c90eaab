import { AppError } from '../errors'
import { recentlyVerifiedUntil } from '../identity/recent-verification'
import type { Identity } from '../plugins/auth'
import type { Clock } from '../clock'

/**
 * Presenting a certificate or authorising an organisation hands personal data to someone
 * else, so it needs more than a session: a face-verified account (level 4), or a
 * verification in this session within the last 5 minutes (the same window as reveal).
 * A phone left unlocked with the mini-program open is not enough.
 */
export function requireFreshVerification(identity: Identity, clock: Clock, action: string): void {
  if (identity.account.level >= 4) return
  if (recentlyVerifiedUntil(identity.session, clock)) return
  throw new AppError('RECENT_VERIFICATION_REQUIRED', { message: `${action}前需要验证身份：请再次输入身份证号码，或完成人脸核验` })
}

/** The citizen behind a level-3 account (the routes require level 3, so it is set). */
export function citizenIdOf(identity: Identity): string {
  const { citizenId } = identity.account
  if (!citizenId) throw new AppError('REAL_NAME_REQUIRED')
  return citizenId
}

/**
 * The one answer for "no such thing" and "someone else's": ids of other citizens'
 * certificates, codes and grants cannot be probed.
 */
export function notFound(what: '证照' | '亮证码' | '授权'): AppError {
  return new AppError('NOT_FOUND', { message: `没有找到该${what}，请返回列表刷新后重试` })
}
