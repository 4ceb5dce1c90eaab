import type { OperatorAccount, OperatorCreate, OperatorRole, OperatorSession } from '../../src/contract/operators/schemas'
import type { AuditLog } from '../audit/audit-log'
import { isUniqueViolation } from '../db/unique-violation'
import { AppError } from '../errors'
import type { OperatorsContext } from './context'
import { OPERATOR_AUDIT_EVENTS, toAccount, toProfile } from './events'
import { usernameThrottleKey } from './login'
import { assertAcceptablePassword } from './password-rule'
import type { Operator, OperatorsRepository } from './repository'

/**
 * What admins do to operator accounts, and an operator's own password change. Each change
 * and its audit entry (the acting operator's id, the target's id) commit in one
 * transaction. The last active admin can be neither disabled nor stripped of the admin
 * role, so the service cannot lock itself out (the command line can still add an admin):
 * the check and the change are one transaction that first locks the active admins
 * (lockActiveAdmins), so two admins disabling each other at once cannot both pass it.
 * Sessions and login throttles are ended after the commit: they may live in Redis, outside
 * the transaction.
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
        { username: input.username, displayName: input.displayName.trim(), passwordHash, roles: input.roles, grantedBy: actor.operatorId, mustChangePassword: true },
        context.clock(),
      )
      await record(tx, OPERATOR_AUDIT_EVENTS.create, actor, id, { username: input.username, roles: input.roles.join(',') })
      return toAccount((await tx.operators.findById(id))!)
    })
  } catch (error) {
    // Two admins creating the same username at once: the table's unique index decides.
    if (isUniqueViolation(error)) throw new AppError('OPERATOR_USERNAME_TAKEN')
    throw error
  }
}

export async function setOperatorRoles(context: OperatorsContext, id: string, roles: readonly OperatorRole[], actor: Actor): Promise<OperatorAccount> {
  const operator = await context.transact(async (tx) => {
    const admins = await tx.operators.lockActiveAdmins()
    const target = await existing(tx, id)
    if (target.roles.includes('admin') && !roles.includes('admin')) assertNotLastAdmin(admins, target)
    await tx.operators.setRoles(id, roles, actor.operatorId, context.clock())
    await record(tx, OPERATOR_AUDIT_EVENTS.roles, actor, id, { roles: roles.join(','), previousRoles: target.roles.join(',') })
    return (await tx.operators.findById(id))!
  })
  return accountOf(context, operator)
}

/** Disabled: cannot log in, and every session ends now. */
export async function disableOperator(context: OperatorsContext, id: string, actor: Actor): Promise<OperatorAccount> {
  const operator = await context.transact(async (tx) => {
    const admins = await tx.operators.lockActiveAdmins()
    const target = await existing(tx, id)
    if (!target.disabledAt) {
      if (target.roles.includes('admin')) assertNotLastAdmin(admins, target)
      await tx.operators.setDisabled(id, context.clock())
    }
    await record(tx, OPERATOR_AUDIT_EVENTS.disable, actor, id)
    return (await tx.operators.findById(id))!
  })
  await context.sessionStore.deleteAllFor(id)
  return accountOf(context, operator)
}

export async function enableOperator(context: OperatorsContext, id: string, actor: Actor): Promise<OperatorAccount> {
  const operator = await context.transact(async (tx) => {
    await existing(tx, id)
    await tx.operators.setDisabled(id, null)
    await record(tx, OPERATOR_AUDIT_EVENTS.enable, actor, id)
    return (await tx.operators.findById(id))!
  })
  return accountOf(context, operator)
}

/** Ends the wait after repeated failed logins under this operator's username before its time (the operator called the admin). */
export async function unlockOperator(context: OperatorsContext, id: string, actor: Actor): Promise<OperatorAccount> {
  const target = await existing(context, id)
  await context.loginThrottle.clear(usernameThrottleKey(target.username))
  await record(context, OPERATOR_AUDIT_EVENTS.unlock, actor, id)
  return toAccount(target)
}

/** An admin sets a new password (the operator forgot theirs): their sessions and any login wait end. */
export async function resetOperatorPassword(context: OperatorsContext, id: string, newPassword: string, actor: Actor): Promise<OperatorAccount> {
  const target = await existing(context, id)
  assertAcceptablePassword(newPassword, target.username, 'body.newPassword')
  const passwordHash = await context.passwords.hash(newPassword)
  const operator = await context.transact(async (tx) => {
    await tx.operators.setPasswordHash(id, passwordHash, true)
    await record(tx, OPERATOR_AUDIT_EVENTS.passwordReset, actor, id)
    return (await tx.operators.findById(id))!
  })
  await context.sessionStore.deleteAllFor(id)
  await context.loginThrottle.clear(usernameThrottleKey(target.username))
  return toAccount(operator)
}

/** An operator account as admins see it, with the login throttle's wait for its username. */
export async function accountOf(context: Pick<OperatorsContext, 'loginThrottle'>, operator: Operator): Promise<OperatorAccount> {
  return toAccount(operator, await context.loginThrottle.waitingUntil(usernameThrottleKey(operator.username)))
}

/**
 * An operator changes their own password, proving the current one. Every session of theirs
 * ends (a thief's too), and a fresh one is returned so the operator carries on.
 *
 * Wrong current passwords are counted per operator (in the login throttle's store, counted
 * before the check so parallel guesses count too): the one that reaches
 * OPERATOR_PASSWORD_CHANGE_FAILURES ends the session that made it (audited), so a stolen
 * session cannot be used to guess the password on and on. Before that each is a 400.
 */
export async function changeOwnPassword(
  context: OperatorsContext,
  operator: Operator,
  input: { currentPassword: string; newPassword: string },
  source: { ip: string; sessionTokenHash: string },
): Promise<OperatorSession> {
  const actor = { operatorId: operator.id, ip: source.ip }
  const attempts = { key: `operator-password-change-failures:${operator.id}`, free: context.throttle.passwordChangeFailures }
  const endSession = async (): Promise<never> => {
    // The count is kept (until a right password or OPERATOR_LOGIN_FAILURE_WINDOW_MINUTES):
    // parallel guesses on this session, and further wrong ones on others, end theirs too.
    await context.sessionStore.delete(source.sessionTokenHash)
    await record(context, OPERATOR_AUDIT_EVENTS.sessionEnd, actor, operator.id, { reason: 'too_many_wrong_current_passwords' })
    throw new AppError('UNAUTHENTICATED', { message: `当前密码已连续输入错误 ${attempts.free} 次，为保护账号安全已退出登录，请重新登录` })
  }
  const verdict = await context.loginThrottle.attempt([attempts])
  if (!verdict.allowed) return endSession()
  if (!(await context.passwords.verify(input.currentPassword, operator.passwordHash))) {
    await record(context, OPERATOR_AUDIT_EVENTS.passwordChange, actor, operator.id, { reason: 'wrong_current_password' }, 'failure')
    // The attempt that used up the allowance: this session ends here.
    if (verdict.exhausted) return endSession()
    throw new AppError('VALIDATION_FAILED', { message: '当前密码不正确，请重新输入', field: 'body.currentPassword', rule: 'current password' })
  }
  await context.loginThrottle.clear(attempts.key)
  assertAcceptablePassword(input.newPassword, operator.username, 'body.newPassword')
  if (input.newPassword === input.currentPassword) {
    throw new AppError('VALIDATION_FAILED', { message: '新密码不能与当前密码相同', field: 'body.newPassword', rule: 'differs from the current password' })
  }
  const passwordHash = await context.passwords.hash(input.newPassword)
  await context.transact(async (tx) => {
    await tx.operators.setPasswordHash(operator.id, passwordHash, false)
    await record(tx, OPERATOR_AUDIT_EVENTS.passwordChange, actor, operator.id)
  })
  await context.sessionStore.deleteAllFor(operator.id)
  const session = await context.sessions.open(operator.id)
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), operator: toProfile({ ...operator, mustChangePassword: false }) }
}

async function existing(tx: Pick<Tx, 'operators'>, id: string): Promise<Operator> {
  const operator = await tx.operators.findById(id)
  if (!operator) throw new AppError('NOT_FOUND', { message: NOT_FOUND_MESSAGE })
  return operator
}

/** `admins`: the active admins as locked at the start of the transaction. */
function assertNotLastAdmin(admins: readonly string[], target: Operator): void {
  if (target.disabledAt) return
  if (admins.length <= 1 && admins.includes(target.id)) throw new AppError('LAST_ADMIN')
}

function record(tx: Pick<Tx, 'audit'>, event: string, actor: Actor, targetId: string, detail: Record<string, string> = {}, outcome: 'success' | 'failure' = 'success') {
  return tx.audit.record({ event, outcome, operatorId: actor.operatorId, ip: actor.ip, detail: { targetOperatorId: targetId, ...detail } })
}
