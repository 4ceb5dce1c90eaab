import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { AUTHORISATION_MAX_DAYS, CERTIFICATE_TYPES } from '../../src/contract/certificates/data'
import { AUTHORISATION_STATUS_NAMES, type Authorisation, type AuthorisationCreated, type AuthorisationRequest, type AuthorisationStatus } from '../../src/contract/certificates/schemas'
import { AppError } from '../errors'
import type { RequestMeta } from '../identity/context'
import type { Identity } from '../plugins/auth'
import { citizenIdOf, notFound, requireFreshVerification } from './access'
import type { AuthorisationRow } from './authorisation-store'
import { isCertificateType } from './catalogue'
import { CERTIFICATE_AUDIT_EVENTS, type CertificatesContext } from './context'
import type { AccessStats } from './ledger'
import { assertPresentable, selectedFields } from './selection'
import { isValidUscc } from './uscc'
import { namedFields } from './views'

/**
 * The citizen's side of authorisations (授权): grant an organisation chosen fields of one
 * certificate until a date (at most a year), list grants, revoke. The organisation's side
 * is authorised-access.ts. The access key is returned once, at creation; only its SHA-256
 * is kept (256 random bits need no slow hash).
 */

const DAY_MS = 24 * 60 * 60 * 1000
/** Recognisable in logs and secret scanners: "eca" = e-certificate access. */
const ACCESS_KEY_PREFIX = 'eca_'

export function hashAccessKey(accessKey: string): string {
  return createHash('sha256').update(accessKey).digest('hex')
}

export async function createAuthorisation(
  context: CertificatesContext,
  identity: Identity,
  certificateId: string,
  request: AuthorisationRequest,
  meta: RequestMeta,
): Promise<AuthorisationCreated> {
  const citizenId = citizenIdOf(identity)
  const found = await context.certificates.findForCitizen(citizenId, certificateId)
  if (!found) throw notFound('证照')
  requireFreshVerification(identity, context.clock, '授权')
  const now = context.clock()
  assertPresentable(found.record, now)
  const fields = selectedFields(found.record, request.fields)
  const validUntil = checkedValidUntil(request.validUntil, now)
  const { creditCode } = request.organisation
  if (creditCode !== undefined && !isValidUscc(creditCode)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '统一社会信用代码校验未通过，请核对后重新填写',
      field: 'body.organisation.creditCode',
      rule: 'GB 32100 check character',
    })
  }

  const id = randomUUID()
  const accessKey = ACCESS_KEY_PREFIX + randomBytes(32).toString('base64url')
  const row = {
    id,
    certificate_id: found.record.id,
    citizen_id: citizenId,
    organisation_name: request.organisation.name.trim(),
    organisation_code: creditCode ?? null,
    purpose: request.purpose.trim(),
    fields: JSON.stringify(fields),
    access_key_hash: hashAccessKey(accessKey),
    created_at: now.toISOString(),
    valid_until: validUntil.toISOString(),
    revoked_at: null,
  }
  await context.authorisations.insert(row)
  await context.ledger.append({
    certificateId: found.record.id,
    event: 'authorisation_granted',
    purposeText: row.purpose,
    fields,
    actor: { kind: 'holder', accountId: identity.account.id },
    authorisationId: id,
  })
  await context.audit.record({
    event: CERTIFICATE_AUDIT_EVENTS.authorise,
    accountId: identity.account.id,
    citizenId,
    ip: meta.ip,
    detail: { certificateId: found.record.id, authorisationId: id, organisation: row.organisation_name, fields: fields.join(','), validUntil: row.valid_until },
  })
  return {
    authorisation: toAuthorisation({ ...row, certificate_type: found.record.type }, now, { count: 0 }),
    accessKey,
    accessPath: `/api/certificates/authorised/${id}`,
  }
}

export async function listAuthorisations(context: CertificatesContext, identity: Identity, certificateId?: string): Promise<Authorisation[]> {
  const citizenId = citizenIdOf(identity)
  // Asking about someone else's certificate is 404, like every other route, not an empty list.
  if (certificateId && !(await context.certificates.findForCitizen(citizenId, certificateId))) throw notFound('证照')
  const rows = await context.authorisations.listForCitizen(citizenId, certificateId)
  const stats = await context.ledger.accessStats(rows.map((row) => row.id))
  const now = context.clock()
  return rows.flatMap((row) => (isCertificateType(row.certificate_type) ? [toAuthorisation(row, now, stats.get(row.id) ?? { count: 0 })] : []))
}

/** Effective immediately: the organisation's next fetch reads revoked_at. Idempotent. */
export async function revokeAuthorisation(context: CertificatesContext, identity: Identity, grantId: string, meta: RequestMeta): Promise<Authorisation> {
  const citizenId = citizenIdOf(identity)
  const row = await context.authorisations.findForCitizen(citizenId, grantId)
  if (!row) throw notFound('授权')
  const now = context.clock()
  if (await context.authorisations.revoke(row.id, now.toISOString())) {
    await context.ledger.append({
      certificateId: row.certificate_id,
      event: 'authorisation_revoked',
      purposeText: row.purpose,
      fields: JSON.parse(row.fields) as string[],
      actor: { kind: 'holder', accountId: identity.account.id },
      authorisationId: row.id,
    })
    await context.audit.record({
      event: CERTIFICATE_AUDIT_EVENTS.revokeAuthorisation,
      accountId: identity.account.id,
      citizenId,
      ip: meta.ip,
      detail: { certificateId: row.certificate_id, authorisationId: row.id, organisation: row.organisation_name },
    })
  }
  const current = (await context.authorisations.findForCitizen(citizenId, grantId)) ?? row
  const stats = await context.ledger.accessStats([row.id])
  return toAuthorisation(current, now, stats.get(row.id) ?? { count: 0 })
}

export function authorisationStatus(row: Pick<AuthorisationRow, 'revoked_at' | 'valid_until'>, now: Date): AuthorisationStatus {
  if (row.revoked_at) return 'revoked'
  return now.getTime() >= Date.parse(row.valid_until) ? 'expired' : 'active'
}

function checkedValidUntil(raw: string, now: Date): Date {
  const validUntil = new Date(raw)
  if (Number.isNaN(validUntil.getTime()) || validUntil.getTime() <= now.getTime()) {
    throw new AppError('VALIDATION_FAILED', { message: '授权截止时间需晚于当前时间', field: 'body.validUntil', rule: 'after now' })
  }
  if (validUntil.getTime() > now.getTime() + AUTHORISATION_MAX_DAYS * DAY_MS) {
    throw new AppError('VALIDATION_FAILED', {
      message: `授权期限最长 ${AUTHORISATION_MAX_DAYS} 天，请缩短后重试`,
      field: 'body.validUntil',
      rule: `at most ${AUTHORISATION_MAX_DAYS} days ahead`,
    })
  }
  return validUntil
}

function toAuthorisation(row: AuthorisationRow, now: Date, stats: AccessStats): Authorisation {
  const type = row.certificate_type as keyof typeof CERTIFICATE_TYPES
  const status = authorisationStatus(row, now)
  const authorisation: Authorisation = {
    id: row.id,
    certificateId: row.certificate_id,
    certificateType: type,
    certificateTypeName: CERTIFICATE_TYPES[type].name,
    organisation: { name: row.organisation_name, ...(row.organisation_code ? { creditCode: row.organisation_code } : {}) },
    purpose: row.purpose,
    fields: namedFields(type, JSON.parse(row.fields) as string[]),
    createdAt: new Date(row.created_at).toISOString(),
    validUntil: new Date(row.valid_until).toISOString(),
    status,
    statusName: AUTHORISATION_STATUS_NAMES[status],
    accessCount: stats.count,
  }
  if (row.revoked_at) authorisation.revokedAt = new Date(row.revoked_at).toISOString()
  if (stats.lastAt) authorisation.lastAccessedAt = new Date(stats.lastAt).toISOString()
  return authorisation
}
