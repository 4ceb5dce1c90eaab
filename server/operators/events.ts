import type { OperatorAccount, OperatorProfile } from '../../src/contract/operators'
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
  passwordReset: 'operator.password_reset',
  passwordChange: 'operator.password_change',
  noticePublish: 'notice.publish',
  noticeRetire: 'notice.retire',
} as const

export function toProfile(operator: Operator): OperatorProfile {
  return { id: operator.id, username: operator.username, displayName: operator.displayName, roles: operator.roles }
}

export function toAccount(operator: Operator, now: Date): OperatorAccount {
  const locked = operator.lockedUntil !== null && Date.parse(operator.lockedUntil) > now.getTime()
  return {
    ...toProfile(operator),
    disabled: operator.disabledAt !== null,
    lockedUntil: locked ? new Date(operator.lockedUntil!).toISOString() : null,
    createdAt: new Date(operator.createdAt).toISOString(),
    lastLoginAt: operator.lastLoginAt ? new Date(operator.lastLoginAt).toISOString() : null,
  }
}
