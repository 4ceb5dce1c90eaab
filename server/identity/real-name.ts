import type { Profile, RealNameRequest } from '../../src/contract/identity/schemas'
import { normaliseIdNumber } from '../../src/contract/id-number'
import { AUDIT_EVENTS } from '../audit/audit-log'
import { AppError } from '../errors'
import { maskIdNumber, maskName } from '../privacy/masking'
import type { Account } from './accounts'
import type { IdentityContext, RequestMeta } from './context'
import { assertValidIdNumber } from './id-number-rule'
import { buildProfile } from './profile'
import type { ActiveSession } from './sessions/sessions'

/**
 * Level 3, identity CLAIMED: the name and ID number match a person in the population
 * registry. Names and ID numbers are not secrets (they are on every hotel register), so
 * this proves nothing: the account is linked to that person's citizen record only so that
 * a face verification of that person can follow (level 4, proven), and it reaches nothing
 * personal until then. It never counts as a recent verification (reveal), and the
 * citizen's proven accounts are told of the new binding and can remove it
 * (server/identity/README.md has the table of levels).
 */
export async function verifyRealName(
  context: IdentityContext,
  account: Account,
  _session: ActiveSession,
  request: RealNameRequest,
  meta: RequestMeta,
): Promise<Profile> {
  const idNumber = normaliseIdNumber(request.idNumber)
  assertValidIdNumber(idNumber, 'body.idNumber', context.clock())
  const audit = (outcome: 'success' | 'failure', details: { citizenId?: string; reason?: string; levelAfter?: number }) =>
    context.audit.record({
      event: AUDIT_EVENTS.realName,
      outcome,
      accountId: account.id,
      citizenId: details.citizenId ?? account.citizenId,
      ip: meta.ip,
      detail: { name: maskName(request.name), idNumber: maskIdNumber(idNumber), levelBefore: account.level, levelAfter: details.levelAfter, reason: details.reason },
    })

  const entry = await context.citizens.findInRegistry(idNumber)
  if (!entry || entry.name !== request.name.trim()) {
    // One answer for "no such person" and "wrong name", so the registry cannot be probed
    // for which ID numbers exist.
    await audit('failure', { reason: entry ? 'NAME_MISMATCH' : 'NOT_IN_REGISTRY' })
    throw new AppError('IDENTITY_MISMATCH')
  }

  // Checked before any citizen record is created: a refused attempt leaves nothing behind.
  if (account.citizenId) {
    const current = await context.citizens.findById(account.citizenId)
    if (current && !context.crypto.sameHash(current.idNumberHash, entry.idNumberHash)) {
      await audit('failure', { reason: 'ACCOUNT_BOUND_TO_ANOTHER_CITIZEN' })
      throw new AppError('CONFLICT', { message: '该账号已实名认证为他人，不能更改；如有疑问请联系客服' })
    }
  }
  const citizenId = await context.citizens.findOrCreate(entry, context.clock())
  // Verifying again never lowers a level already reached (a face-verified account stays 4).
  const level = account.level === 4 ? 4 : 3
  await context.accounts.setCitizenAndLevel(account.id, citizenId, level)
  if (account.citizenId !== citizenId) {
    await context.bindings.record({ citizenId, accountId: account.id, platform: account.platform, event: 'claimed', at: context.clock() })
  }
  await audit('success', { citizenId, levelAfter: level })
  return buildProfile(context, { ...account, citizenId, level })
}
