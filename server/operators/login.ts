import type { OperatorSession } from '../../src/contract/operators'
import { AppError } from '../errors'
import type { OperatorsContext } from './context'
import { OPERATOR_AUDIT_EVENTS, toProfile } from './events'

const USERNAME = /^[a-z0-9._-]{3,32}$/

/** OPERATOR_LOCKED, with how long is left, for the route's retry-after header. */
export class OperatorLockedError extends AppError {
  readonly retryAfterSeconds: number

  constructor(lockedUntil: string, now: Date) {
    const seconds = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000))
    const minutes = Math.ceil(seconds / 60)
    super('OPERATOR_LOCKED', { message: `连续登录失败次数过多，账号已暂时锁定，请 ${minutes} 分钟后再试或联系管理员解锁` })
    this.retryAfterSeconds = seconds
  }
}

/**
 * Username + password login. The rules, in order:
 * - unknown username: a full scrypt verification anyway (against a dummy hash), then the
 *   same OPERATOR_LOGIN_FAILED as a wrong password, so neither the answer nor its timing
 *   tells which usernames exist;
 * - locked (too many failures, until `locked_until`): OPERATOR_LOCKED even with the right
 *   password, without hashing (nothing to learn, and it keeps a flood cheap);
 * - wrong password: counted; the failure that reaches the limit locks the account;
 * - disabled: OPERATOR_DISABLED only when the password was right (a wrong one stays the
 *   plain failure, uncounted);
 * - otherwise the count resets and a session opens.
 * Every attempt is audited, with the operator's id when the username exists.
 */
export async function loginOperator(context: OperatorsContext, input: { username: string; password: string }, source: { ip: string }): Promise<OperatorSession> {
  const { operators, passwords, audit, clock, lockout } = context
  const username = input.username.trim().toLowerCase()
  const operator = USERNAME.test(username) ? await operators.findByUsername(username) : undefined
  const failed = (operatorId: string | null, reason: string, extra: Record<string, string> = {}) =>
    audit.record({ event: OPERATOR_AUDIT_EVENTS.login, outcome: 'failure', operatorId, ip: source.ip, detail: { reason, ...extra } })

  if (!operator) {
    await passwords.verifyNobody(input.password)
    await failed(null, 'unknown_username')
    throw new AppError('OPERATOR_LOGIN_FAILED')
  }
  const now = clock()
  if (operator.lockedUntil && Date.parse(operator.lockedUntil) > now.getTime()) {
    await failed(operator.id, 'locked')
    throw new OperatorLockedError(operator.lockedUntil, now)
  }
  const matches = await passwords.verify(input.password, operator.passwordHash)
  if (!matches) {
    if (operator.disabledAt) {
      await failed(operator.id, 'wrong_password_disabled')
      throw new AppError('OPERATOR_LOGIN_FAILED')
    }
    const lockedUntil = await operators.recordFailure(operator.id, lockout.attempts, new Date(now.getTime() + lockout.ms))
    await failed(operator.id, 'wrong_password', lockedUntil ? { lockedUntil } : {})
    if (lockedUntil) throw new OperatorLockedError(lockedUntil, now)
    throw new AppError('OPERATOR_LOGIN_FAILED')
  }
  if (operator.disabledAt) {
    await failed(operator.id, 'disabled')
    throw new AppError('OPERATOR_DISABLED')
  }
  await operators.recordSuccess(operator.id, now)
  const session = await context.sessions.open(operator.id)
  await audit.record({ event: OPERATOR_AUDIT_EVENTS.login, operatorId: operator.id, ip: source.ip })
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), operator: toProfile(operator) }
}
