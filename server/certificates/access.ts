import { AppError } from '../errors'
import type { Identity } from '../plugins/auth'
import type { Clock } from '../clock'

/**
 * Presenting a certificate or authorising an organisation hands personal data to someone
 * else: only a proven identity (face verified, level 4) may. The routes require level 4
 * already; this guards the service functions too, whoever calls them.
 */
export function requireFreshVerification(identity: Identity, _clock: Clock, _action: string): void {
  if (identity.account.level >= 4) return
  throw new AppError('REAL_NAME_REQUIRED', { message: '此事项需要先完成人脸核验，请点击“去核验”', requiredLevel: 4, currentLevel: identity.account.level })
}

/** The citizen behind a proven account (the routes require level 4, so it is set). */
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
