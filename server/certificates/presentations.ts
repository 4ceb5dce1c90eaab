import { randomBytes } from 'node:crypto'
import { PRESENTATION_PURPOSES, type Presentation, type PresentationRequest, type PresentationState } from '../../src/contract/certificates/schemas'
import type { RequestMeta } from '../identity/context'
import type { Identity } from '../plugins/auth'
import { citizenIdOf, notFound, requireFreshVerification } from './access'
import { CERTIFICATE_AUDIT_EVENTS, type CertificatesContext } from './context'
import { actorLabel, type ActorKind } from './ledger'
import type { PresentationRow } from './presentation-store'
import { assertPresentable, selectedFields } from './selection'
import { namedFields } from './views'

/**
 * Issuing a presentation code (亮证码) for exactly one certificate, purpose and set of
 * fields, and the holder's side of it afterwards: its state while shown, and withdrawal.
 */
export async function issuePresentation(
  context: CertificatesContext,
  identity: Identity,
  request: PresentationRequest,
  meta: RequestMeta,
): Promise<Presentation> {
  const citizenId = citizenIdOf(identity)
  const found = await context.certificates.findForCitizen(citizenId, request.certificateId)
  if (!found) throw notFound('证照')
  requireFreshVerification(identity, context.clock, '亮证')
  const now = context.clock()
  assertPresentable(found.record, now)
  const fields = selectedFields(found.record, request.fields)

  // Whole seconds, as in the signed payload, so the row and the code agree exactly.
  const iat = Math.floor(now.getTime() / 1000)
  const exp = iat + context.presentationTtlSeconds
  const id = randomBytes(16).toString('base64url')
  const issuedAt = new Date(iat * 1000).toISOString()
  const expiresAt = new Date(exp * 1000).toISOString()
  await context.presentations.insert({
    id,
    certificate_id: found.record.id,
    citizen_id: citizenId,
    account_id: identity.account.id,
    purpose: request.purpose,
    fields: JSON.stringify(fields),
    kid: context.signer.kid,
    issued_at: issuedAt,
    expires_at: expiresAt,
    withdrawn_at: null,
    verified_at: null,
    verifier_kind: null,
    verifier_name: null,
  })
  await context.ledger.append({
    certificateId: found.record.id,
    event: 'presentation_issued',
    purpose: request.purpose,
    fields,
    actor: { kind: 'holder', accountId: identity.account.id },
    presentationId: id,
  })
  await context.audit.record({
    event: CERTIFICATE_AUDIT_EVENTS.present,
    accountId: identity.account.id,
    citizenId,
    ip: meta.ip,
    detail: { certificateId: found.record.id, presentationId: id, purpose: request.purpose, fields: fields.join(',') },
  })
  return {
    presentationId: id,
    code: context.signer.sign({ pid: id, iat, exp }),
    issuedAt,
    expiresAt,
    purpose: request.purpose,
    purposeName: PRESENTATION_PURPOSES[request.purpose].name,
    fields: namedFields(found.record.type, fields),
  }
}

export async function presentationState(context: CertificatesContext, identity: Identity, presentationId: string): Promise<PresentationState> {
  const row = await context.presentations.findForCitizen(citizenIdOf(identity), presentationId)
  if (!row) throw notFound('亮证码')
  return stateOf(row, context.clock())
}

/** Idempotent: withdrawing a used, expired or already withdrawn code changes nothing. */
export async function withdrawPresentation(context: CertificatesContext, identity: Identity, presentationId: string, meta: RequestMeta): Promise<void> {
  const citizenId = citizenIdOf(identity)
  const row = await context.presentations.findForCitizen(citizenId, presentationId)
  if (!row) throw notFound('亮证码')
  const now = context.clock()
  if (stateOf(row, now).status !== 'active') return
  if (!(await context.presentations.withdraw(row.id, now.toISOString()))) return
  await context.ledger.append({
    certificateId: row.certificate_id,
    event: 'presentation_withdrawn',
    purpose: row.purpose as PresentationRequest['purpose'],
    fields: JSON.parse(row.fields) as string[],
    actor: { kind: 'holder', accountId: identity.account.id },
    presentationId: row.id,
  })
  await context.audit.record({
    event: CERTIFICATE_AUDIT_EVENTS.withdraw,
    accountId: identity.account.id,
    citizenId,
    ip: meta.ip,
    detail: { certificateId: row.certificate_id, presentationId: row.id },
  })
}

function stateOf(row: PresentationRow, now: Date): PresentationState {
  const state: PresentationState = { presentationId: row.id, status: 'active', expiresAt: new Date(row.expires_at).toISOString() }
  if (row.verified_at) {
    state.status = 'verified'
    state.verifiedAt = new Date(row.verified_at).toISOString()
    if (row.verifier_kind) state.verifier = { kind: row.verifier_kind, label: actorLabel(row.verifier_kind as ActorKind, row.verifier_name) }
  } else if (row.withdrawn_at) {
    state.status = 'withdrawn'
  } else if (now.getTime() >= Date.parse(row.expires_at)) {
    state.status = 'expired'
  }
  return state
}
