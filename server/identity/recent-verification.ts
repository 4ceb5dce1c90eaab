import type { ReverifyRequest, ReverifyResponse } from '../../src/contract/identity/schemas'
import { normaliseIdNumber } from '../../src/contract/id-number'
import { AUDIT_EVENTS } from '../audit/audit-log'
import type { Clock } from '../clock'
import { AppError } from '../errors'
import { maskIdNumber } from '../privacy/masking'
import type { Account } from './accounts'
import type { IdentityContext, RequestMeta } from './context'
import { assertValidIdNumber } from './id-number-rule'
import type { ActiveSession } from './sessions/sessions'

/**
 * "Recently verified": this session passed a real-name, face or re-verification check in
 * the last 5 minutes. Revealing a full value needs it, so a phone left unlocked with a
 * logged-in mini-program does not hand over the owner's ID number.
 */
export const RECENT_VERIFICATION_MS = 5 * 60 * 1000

export function recentlyVerifiedUntil(session: ActiveSession, clock: Clock): Date | undefined {
  if (!session.verifiedAt) return undefined
  const until = new Date(session.verifiedAt.getTime() + RECENT_VERIFICATION_MS)
  return clock().getTime() < until.getTime() ? until : undefined
}

/** Re-verification: the citizen types their ID number again and it must match their record. */
export async function reverify(
  context: IdentityContext,
  account: Account,
  session: ActiveSession,
  request: ReverifyRequest,
  meta: RequestMeta,
): Promise<ReverifyResponse> {
  const idNumber = normaliseIdNumber(request.idNumber)
  assertValidIdNumber(idNumber, 'body.idNumber', context.clock())
  const citizen = account.citizenId ? await context.citizens.findById(account.citizenId) : undefined
  const matches = citizen !== undefined && context.crypto.sameHash(context.crypto.hashIdNumber(idNumber), citizen.idNumberHash)
  await context.audit.record({
    event: AUDIT_EVENTS.reverify,
    outcome: matches ? 'success' : 'failure',
    accountId: account.id,
    citizenId: account.citizenId,
    ip: meta.ip,
    detail: { idNumber: maskIdNumber(idNumber) },
  })
  if (!matches) throw new AppError('IDENTITY_MISMATCH', { message: '身份证号码与实名信息不一致，请核对后重试' })
  const verifiedAt = await context.sessions.markVerified(session.tokenHash)
  return { verifiedUntil: new Date(verifiedAt.getTime() + RECENT_VERIFICATION_MS).toISOString() }
}
