import type { RevealRequest, RevealResponse } from '../../src/contract/identity/schemas'
import { AUDIT_EVENTS } from '../audit/audit-log'
import { AppError } from '../errors'
import type { Account } from '../identity/accounts'
import type { IdentityContext, RequestMeta } from '../identity/context'
import { recentlyVerifiedUntil } from '../identity/recent-verification'
import type { ActiveSession } from '../identity/sessions/sessions'

/**
 * The one way to a full personal value: only within 5 minutes of a verification in this
 * session, and every reveal (and every refused one) is in the audit log.
 */
export async function reveal(
  context: IdentityContext,
  account: Account,
  session: ActiveSession,
  request: RevealRequest,
  meta: RequestMeta,
): Promise<RevealResponse> {
  const audit = (outcome: 'success' | 'failure', reason?: string) =>
    context.audit.record({
      event: AUDIT_EVENTS.reveal,
      outcome,
      accountId: account.id,
      citizenId: account.citizenId,
      ip: meta.ip,
      detail: { field: request.field, reason },
    })

  if (!recentlyVerifiedUntil(session, context.clock)) {
    await audit('failure', 'RECENT_VERIFICATION_REQUIRED')
    throw new AppError('RECENT_VERIFICATION_REQUIRED')
  }
  const citizen = account.citizenId ? await context.citizens.findById(account.citizenId) : undefined
  if (!citizen) throw new AppError('REAL_NAME_REQUIRED')
  const value = request.field === 'name' ? citizen.name : request.field === 'idNumber' ? citizen.idNumber : citizen.phone
  if (!value) throw new AppError('NOT_FOUND', { message: '实名信息中没有手机号码', field: 'body.field' })
  // Logged before answering: a reveal that cannot be audited does not happen.
  await audit('success')
  return { field: request.field, value }
}
