import { timingSafeEqual } from 'node:crypto'
import type { AuthorisedCertificate } from '../../src/contract/certificates/schemas'
import { AppError } from '../errors'
import type { RequestMeta } from '../identity/context'
import { notFound } from './access'
import { authorisationStatus, hashAccessKey } from './authorisations'
import { CERTIFICATE_AUDIT_EVENTS, type CertificatesContext } from './context'
import { certificateStatus } from './status'
import { disclosedValues, toHeader } from './views'

/**
 * An organisation fetching what a citizen authorised: the grant id and its access key.
 * Every fetch reads the grant, so a revocation or expiry stops access at the very next
 * request. Each fetch by a key holder — answered or refused — is in the holder's ledger;
 * a wrong key only in the audit log (it proves nothing about who tried).
 */
export async function fetchAuthorised(
  context: CertificatesContext,
  grantId: string,
  accessKey: string | undefined,
  meta: RequestMeta,
): Promise<AuthorisedCertificate> {
  const row = await context.authorisations.findById(grantId)
  if (!row) throw notFound('授权')
  const audit = (outcome: 'success' | 'failure', reason?: string) =>
    context.audit.record({
      event: CERTIFICATE_AUDIT_EVENTS.authorisedAccess,
      outcome,
      accountId: null,
      citizenId: row.citizen_id,
      ip: meta.ip,
      detail: { authorisationId: row.id, certificateId: row.certificate_id, organisation: row.organisation_name, reason },
    })
  if (!accessKey || !sameHash(hashAccessKey(accessKey), row.access_key_hash)) {
    await audit('failure', 'ACCESS_KEY_INVALID')
    throw new AppError('ACCESS_KEY_INVALID')
  }

  const fields = JSON.parse(row.fields) as string[]
  const now = context.clock()
  const record = (outcome: 'success' | 'refused', reason?: string) =>
    context.ledger.append({
      certificateId: row.certificate_id,
      event: 'authorised_access',
      outcome,
      reason,
      purposeText: row.purpose,
      fields,
      actor: { kind: 'organisation', name: row.organisation_name },
      authorisationId: row.id,
    })
  const refuse = async (reason: string, error: AppError): Promise<never> => {
    await record('refused', reason)
    await audit('failure', reason)
    throw error
  }

  const status = authorisationStatus(row, now)
  if (status === 'revoked') return refuse('authorisation_revoked', new AppError('AUTHORISATION_REVOKED'))
  if (status === 'expired') return refuse('authorisation_expired', new AppError('AUTHORISATION_EXPIRED'))
  const certificate = await context.certificates.findById(row.certificate_id)
  if (!certificate) throw notFound('授权')
  const certificateState = certificateStatus(certificate, now)
  if (certificateState !== 'valid') {
    const words = certificateState === 'revoked' ? '已注销' : '已过期'
    return refuse(`certificate_${certificateState}`, new AppError('CERTIFICATE_NOT_PRESENTABLE', { message: `该证照${words}，无法调取` }))
  }

  const values = await context.certificates.fullValues(certificate.id, fields)
  await record('success')
  await audit('success')
  return {
    grantId: row.id,
    organisation: { name: row.organisation_name, ...(row.organisation_code ? { creditCode: row.organisation_code } : {}) },
    purpose: row.purpose,
    validUntil: new Date(row.valid_until).toISOString(),
    certificate: toHeader(certificate, now),
    holder: { name: (await context.people.maskedName(row.citizen_id)) ?? '*' },
    fields: disclosedValues(certificate.type, fields, values),
    accessedAt: now.toISOString(),
  }
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && timingSafeEqual(left, right)
}
