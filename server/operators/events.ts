import type { OperatorAccount, OperatorProfile } from '../../src/contract/operators/schemas'
import type { Operator } from './repository'

/** Audit event names of operator actions (each entry also carries the operator's id). */
export const OPERATOR_AUDIT_EVENTS = {
  login: 'operator.login',
  logout: 'operator.logout',
  create: 'operator.create',
  roles: 'operator.roles',
  disable: 'operator.disable',
  enable: 'operator.enable',
  unlock: 'operator.unlock',
  /** A session ended by the server, e.g. after too many wrong current passwords. */
  sessionEnd: 'operator.session_end',
  passwordReset: 'operator.password_reset',
  passwordChange: 'operator.password_change',
  noticePublish: 'notice.publish',
  noticeRetire: 'notice.retire',
} as const

export function toProfile(operator: Operator): OperatorProfile {
  return {
    id: operator.id,
    username: operator.username,
    displayName: operator.displayName,
    roles: operator.roles,
    // Only when set: the console then shows nothing but the password change.
    ...(operator.mustChangePassword ? { mustChangePassword: true as const } : {}),
  }
}

/** `loginWaitUntil`: until when logins under this username must wait after repeated failures (the login throttle), if they must now. */
export function toAccount(operator: Operator, loginWaitUntil: Date | null = null): OperatorAccount {
  return {
    ...toProfile(operator),
    disabled: operator.disabledAt !== null,
    lockedUntil: loginWaitUntil ? loginWaitUntil.toISOString() : null,
    createdAt: new Date(operator.createdAt).toISOString(),
    lastLoginAt: operator.lastLoginAt ? new Date(operator.lastLoginAt).toISOString() : null,
  }
}
