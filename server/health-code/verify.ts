import type { VerifyResponse } from '../../src/contract/health-code/schemas'
import type { HealthCodeContext } from './context'
import { checkToken } from './token'

export interface VerifyOutcome {
  response: VerifyResponse
  /** The holder, once the signature proved the subject is ours; for the audit log only. */
  citizenId: string | null
  kid?: string
  source?: 'live' | 'cache'
}

/**
 * Checks a scanned code: form, key, signature, expiry (./token.ts), then that the holder's
 * status is still the version the code was issued for. A valid answer carries colour, masked
 * name and validity times: never more personal data than a checkpoint needs.
 */
export async function verifyHealthCode(context: HealthCodeContext, token: string): Promise<VerifyOutcome> {
  const checked = checkToken(token, context.keyring, context.clock())
  if (!checked.ok) return { response: { valid: false, reason: checked.reason }, citizenId: null, kid: checked.kid }
  const { code } = checked
  const read = await context.reader.bySubject(code.sub)
  // No status under a subject we signed: it was removed, or the subject key changed since.
  if (!read) return { response: { valid: false, reason: 'status_changed' }, citizenId: null, kid: code.kid }
  const { status, source } = read
  if (status.version !== code.statusVersion) {
    return { response: { valid: false, reason: 'status_changed' }, citizenId: status.citizenId, kid: code.kid, source }
  }
  return {
    response: {
      valid: true,
      colour: status.colour,
      name: status.maskedName,
      issuedAt: code.issuedAt.toISOString(),
      expiresAt: code.expiresAt.toISOString(),
    },
    citizenId: status.citizenId,
    kid: code.kid,
    source,
  }
}
