import type { OperatorSession } from '../../src/contract/operators/schemas'
import type { ThrottleKey } from '../cache/failure-throttle'
import { AppError } from '../errors'
import type { OperatorsContext } from './context'
import { OPERATOR_AUDIT_EVENTS, toProfile } from './events'

const USERNAME = /^[a-z0-9._-]{3,32}$/

/** How a wait is worded: seconds under a minute, else whole minutes (rounded up). */
export function waitWords(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`
}

/** OPERATOR_LOGIN_THROTTLED, with how long to wait, for the route's retry-after header. */
export class OperatorLoginThrottledError extends AppError {
  readonly retryAfterSeconds: number

  constructor(retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
    super('OPERATOR_LOGIN_THROTTLED', { message: `登录失败次数过多，请 ${waitWords(seconds)}后再试` })
    this.retryAfterSeconds = seconds
  }
}

/** The throttle keys of a login: the username as typed (folded), whether or not it exists. */
export function usernameThrottleKey(username: string): string {
  return `operator-login-failures:user:${username}`
}

function loginThrottleKeys(context: OperatorsContext, username: string, ip: string): { user: ThrottleKey; ip: ThrottleKey } {
  return {
    user: { key: usernameThrottleKey(username), free: context.throttle.perUsername },
    ip: { key: `operator-login-failures:ip:${ip}`, free: context.throttle.perIp },
  }
}

/**
 * Username + password login. Nothing here depends on whether the username exists until the
 * password has been checked, so neither the answer nor its timing tells which usernames
 * exist:
 * - every attempt is counted per username (existing or not) and per client IP before the
 *   password is checked; past OPERATOR_LOGIN_FAILURES_PER_USERNAME / _PER_IP attempts each
 *   further one must wait (1 s, 2 s, 4 s… up to OPERATOR_LOGIN_MAX_DELAY_SECONDS): one made
 *   sooner is 429 OPERATOR_LOGIN_THROTTLED with retry-after, without hashing. Nothing locks:
 *   an attacker can slow one account's logins down, not shut its operator out;
 * - unknown username: a full scrypt verification anyway (against a dummy hash), then the
 *   same OPERATOR_LOGIN_FAILED as a wrong password;
 * - wrong password (a disabled account's too): OPERATOR_LOGIN_FAILED;
 * - right password: the username's count is cleared and the IP gets its attempt back; then
 *   OPERATOR_DISABLED for a disabled account, else a session opens.
 * Every attempt is audited, with the operator's id when the username exists.
 */
export async function loginOperator(context: OperatorsContext, input: { username: string; password: string }, source: { ip: string }): Promise<OperatorSession> {
  const { operators, passwords, audit, clock, loginThrottle } = context
  const username = input.username.trim().toLowerCase()
  const keys = loginThrottleKeys(context, username, source.ip)
  const verdict = await loginThrottle.attempt([keys.user, keys.ip])
  const operator = USERNAME.test(username) ? await operators.findByUsername(username) : undefined
  const failed = (operatorId: string | null, reason: string) =>
    audit.record({ event: OPERATOR_AUDIT_EVENTS.login, outcome: 'failure', operatorId, ip: source.ip, detail: { reason } })

  if (!verdict.allowed) {
    await failed(operator?.id ?? null, 'throttled')
    throw new OperatorLoginThrottledError(verdict.retryAfterMs)
  }
  if (!operator) {
    await passwords.verifyNobody(input.password)
    await failed(null, 'unknown_username')
    throw new AppError('OPERATOR_LOGIN_FAILED')
  }
  if (!(await passwords.verify(input.password, operator.passwordHash))) {
    await failed(operator.id, operator.disabledAt ? 'wrong_password_disabled' : 'wrong_password')
    throw new AppError('OPERATOR_LOGIN_FAILED')
  }
  await loginThrottle.clear(keys.user.key)
  await loginThrottle.succeeded([keys.ip])
  if (operator.disabledAt) {
    await failed(operator.id, 'disabled')
    throw new AppError('OPERATOR_DISABLED')
  }
  await operators.recordSuccess(operator.id, clock())
  const session = await context.sessions.open(operator.id)
  await audit.record({ event: OPERATOR_AUDIT_EVENTS.login, operatorId: operator.id, ip: source.ip })
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), operator: toProfile(operator) }
}
