import type { CertificateRevealResponse } from '../../src/contract/certificates/schemas'
import { AppError } from '../errors'
import type { RequestMeta } from '../identity/context'
import { recentlyVerifiedUntil } from '../identity/recent-verification'
import type { Identity } from '../plugins/auth'
import { citizenIdOf, notFound } from './access'
import { fieldDefinition, fieldsOf } from './catalogue'
import { CERTIFICATE_AUDIT_EVENTS, type CertificatesContext } from './context'

/**
 * The full value of one field of the holder's own certificate: only within 5 minutes of a
 * verification in this session (level 4 alone is not enough: a face check an hour ago says
 * nothing about who holds the phone now). Every reveal and every refused one is audited.
 */
export async function revealField(
  context: CertificatesContext,
  identity: Identity,
  certificateId: string,
  field: string,
  meta: RequestMeta,
): Promise<CertificateRevealResponse> {
  const citizenId = citizenIdOf(identity)
  const found = await context.certificates.findForCitizen(citizenId, certificateId)
  if (!found) throw notFound('证照')
  const definition = fieldDefinition(found.record.type, field)
  if (!definition) {
    const keys = fieldsOf(found.record.type).map((candidate) => candidate.key)
    throw new AppError('VALIDATION_FAILED', { message: '该证照没有这一项，请返回后重试', field: 'body.field', rule: `one of ${keys.join('|')}` })
  }

  const audit = (outcome: 'success' | 'failure', reason?: string) =>
    context.audit.record({
      event: CERTIFICATE_AUDIT_EVENTS.reveal,
      outcome,
      accountId: identity.account.id,
      citizenId,
      ip: meta.ip,
      detail: { certificateId, type: found.record.type, field, reason },
    })
  if (!recentlyVerifiedUntil(identity.session, context.clock)) {
    await audit('failure', 'RECENT_VERIFICATION_REQUIRED')
    throw new AppError('RECENT_VERIFICATION_REQUIRED')
  }
  const value = (await context.certificates.fullValues(certificateId, [field])).get(field)
  if (value === undefined) throw new AppError('NOT_FOUND', { message: '该证照没有登记这一项', field: 'body.field' })
  // Logged before answering: a reveal that cannot be audited does not happen.
  await audit('success')
  return { field, label: definition.label, value }
}
