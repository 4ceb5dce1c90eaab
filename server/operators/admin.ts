import type { OperatorAccount, OperatorCreate, OperatorRole, OperatorSession } from '../../src/contract/operators'
import type { AuditLog } from '../audit/audit-log'
import { isUniqueViolation } from '../db/unique-violation'
import { AppError } from '../errors'
import type { OperatorsContext } from './context'
import { OPERATOR_AUDIT_EVENTS, toAccount, toProfile } from './events'
import { assertAcceptablePassword } from './password-rule'
import type { Operator, OperatorsRepository } from './repository'

/**
 * What admins do to operator accounts, and an operator's own password change. Each change
 * and its audit entry (the acting operator's id, the target's id) commit in one
 * transaction. The last active admin can be neither disabled nor stripped of the admin
 * role, so the service cannot lock itself out (the command line can still add an admin).
 * Sessions are ended after the commit: they may live in Redis, outside the transaction.
 */
export interface Actor {
  operatorId: string
  ip: string
}

type Tx = { operators: OperatorsRepository; audit: AuditLog }

const NOT_FOUND_MESSAGE = '没有找到该操作员，请刷新列表后重试'

export async function createOperator(context: OperatorsContext, input: OperatorCreate, actor: Actor): Promise<OperatorAccount> {
  assertAcceptablePassword(input.password, input.username, 'body.password')
  if (await context.operators.findByUsername(input.username)) throw new AppError('OPERATOR_USERNAME_TAKEN')
  const passwordHash = await context.passwords.hash(input.password)
  try {
    return await context.transact(async (tx) => {
      const id = await tx.operators.create(
        { username: input.username, displayName: input.displayName.trim(), passwordHash, roles: input.roles, grantedBy: actor.operatorId },
        context.clock(),
      )
      await record(tx, OPERATOR_AUDIT_EVENTS.create, actor, id, { username: input.username, roles: input.roles.join(',') })
      return toAccount((await tx.operators.findById(id))!, context.clock())
    })
  } catch (error) {
    // Two admins creating the same username at once: the table's unique index decides.
    if (isUniqueViolation(error)) throw new AppError('OPERATOR_USERNAME_TAKEN')
    throw error
  }
}

export function setOperatorRoles(context: OperatorsContext, id: string, roles: readonly OperatorRole[], actor: Actor): Promise<OperatorAccount> {
  return context.transact(async (tx) => {
    const target = await existing(tx, id)
    if (target.roles.includes('admin') && !roles.includes('admin')) await assertNotLastAdmin(tx, target)
    await tx.operators.setRoles(id, roles, actor.operatorId, context.clock())
    await record(tx, OPERATOR_AUDIT_EVENTS.roles, actor, id, { roles: roles.join(','), previousRoles: target.roles.join(',') })
    return toAccount((await tx.operators.findById(id))!, context.clock())
  })
}

/** Disabled: cannot log in, and every session ends now. */
export async function disableOperator(context: OperatorsContext, id: string, actor: Actor): Promise<OperatorAccount> {
  const account = await context.transact(async (tx) => {
    const target = await existing(tx, id)
    if (!target.disabledAt) {
      if (target.roles.includes('admin')) await assertNotLastAdmin(tx, target)
      await tx.operators.setDisabled(id, context.clock())
    }
    await record(tx, OPERATOR_AUDIT_EVENTS.disable, actor, id)
    return toAccount((await tx.operators.findById(id))!, context.clock())
  })
  await context.sessionStore.deleteAllFor(id)
  return account
}

export function enableOperator(context: OperatorsContext, id: string, actor: Actor): Promise<OperatorAccount> {
  return context.transact(async (tx) => {
    await existing(tx, id)
    await tx.operators.setDisabled(id, null)
    await record(tx, OPERATOR_AUDIT_EVENTS.enable, actor, id)
    return toAccount((await tx.operators.findById(id))!, context.clock())
  })
}

/** Ends a lockout before its time (the operator called the admin). */
export function unlockOperator(context: OperatorsContext, id: string, actor: Actor): Promise<OperatorAccount> {
  return context.transact(async (tx) => {
    await existing(tx, id)
    await tx.operators.unlock(id)
    await record(tx, OPERATOR_AUDIT_EVENTS.unlock, actor, id)
    return toAccount((await tx.operators.findById(id))!, context.clock())
  })
}

/** An admin sets a new password (the operator forgot theirs): their sessions and any lockout end. */
export async function resetOperatorPassword(context: OperatorsContext, id: string, newPassword: string, actor: Actor): Promise<OperatorAccount> {
  const target = await existing(context, id)
  assertAcceptablePassword(newPassword, target.username, 'body.newPassword')
  const passwordHash = await context.passwords.hash(newPassword)
  const account = await context.transact(async (tx) => {
    await tx.operators.setPasswordHash(id, passwordHash)
    await tx.operators.unlock(id)
    await record(tx, OPERATOR_AUDIT_EVENTS.passwordReset, actor, id)
    return toAccount((await tx.operators.findById(id))!, context.clock())
  })
  await context.sessionStore.deleteAllFor(id)
  return account
}

/**
 * An operator changes their own password, proving the current one. Every session of theirs
 * ends (a thief's too), and a fresh one is returned so the operator carries on.
 */
export async function changeOwnPassword(
  context: OperatorsContext,
  operator: Operator,
  input: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<OperatorSession> {
  const actor = { operatorId: operator.id, ip }
  if (!(await context.passwords.verify(input.currentPassword, operator.passwordHash))) {
    await record(context, OPERATOR_AUDIT_EVENTS.passwordChange, actor, operator.id, { reason: 'wrong_current_password' }, 'failure')
    throw new AppError('VALIDATION_FAILED', { message: '当前密码不正确，请重新输入', field: 'body.currentPassword', rule: 'current password' })
  }
  assertAcceptablePassword(input.newPassword, operator.username, 'body.newPassword')
  if (input.newPassword === input.currentPassword) {
    throw new AppError('VALIDATION_FAILED', { message: '新密码不能与当前密码相同', field: 'body.newPassword', rule: 'differs from the current password' })
  }
  const passwordHash = await context.passwords.hash(input.newPassword)
  await context.transact(async (tx) => {
    await tx.operators.setPasswordHash(operator.id, passwordHash)
    await record(tx, OPERATOR_AUDIT_EVENTS.passwordChange, actor, operator.id)
  })
  await context.sessionStore.deleteAllFor(operator.id)
  const session = await context.sessions.open(operator.id)
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), operator: toProfile(operator) }
}

async function existing(tx: Pick<Tx, 'operators'>, id: string): Promise<Operator> {
  const operator = await tx.operators.findById(id)
  if (!operator) throw new AppError('NOT_FOUND', { message: NOT_FOUND_MESSAGE })
  return operator
}

async function assertNotLastAdmin(tx: Tx, target: Operator): Promise<void> {
  if (target.disabledAt) return
  const admins = await tx.operators.activeAdminIds()
  if (admins.length <= 1 && admins.includes(target.id)) throw new AppError('LAST_ADMIN')
}

function record(tx: Pick<Tx, 'audit'>, event: string, actor: Actor, targetId: string, detail: Record<string, string> = {}, outcome: 'success' | 'failure' = 'success') {
  return tx.audit.record({ event, outcome, operatorId: actor.operatorId, ip: actor.ip, detail: { targetOperatorId: targetId, ...detail } })
}
