import { CERTIFICATE_VERIFY_REASON_WORDS, PRESENTATION_PURPOSES, type CertificateVerifyFailure, type CertificateVerifyResponse, type PresentationPurpose } from '../../src/contract/certificates/schemas'
import type { RequestMeta } from '../identity/context'
import type { Identity } from '../plugins/auth'
import { CERTIFICATE_AUDIT_EVENTS, type CertificatesContext } from './context'
import type { Actor } from './ledger'
import type { PresentationRow } from './presentation-store'
import { certificateStatus } from './status'
import { disclosedValues, toHeader } from './views'

/**
 * Verifying a presentation code. Anyone holding the code may verify it: the code is the
 * capability (the holder showed it to them), it lives 2 minutes and discloses once. A
 * logged-in verifier is recorded by account and masked name; an anonymous one as such.
 * The answer carries exactly the fields the holder chose, in full (disclosing them is the
 * point of showing a driving licence to a traffic officer), the certificate's status and
 * the holder's masked name — nothing else. Every attempt that names a real presentation
 * goes into the holder's ledger, refused ones too; all attempts go into the audit log.
 */
export async function verifyPresentation(
  context: CertificatesContext,
  code: string,
  verifierIdentity: Identity | null,
  meta: RequestMeta,
): Promise<CertificateVerifyResponse> {
  const verifier = await verifierOf(context, verifierIdentity)
  const audit = (outcome: 'success' | 'failure', details: { reason?: string; row?: PresentationRow }) =>
    context.audit.record({
      event: CERTIFICATE_AUDIT_EVENTS.verify,
      outcome,
      accountId: verifier.accountId ?? null,
      // Whose data was (or would have been) disclosed.
      citizenId: details.row?.citizen_id ?? null,
      ip: meta.ip,
      detail: {
        presentationId: details.row?.id,
        certificateId: details.row?.certificate_id,
        purpose: details.row?.purpose,
        fields: details.row ? (JSON.parse(details.row.fields) as string[]).join(',') : undefined,
        verifier: verifier.kind,
        reason: details.reason,
      },
    })
  const refuse = async (reason: CertificateVerifyFailure, row?: PresentationRow): Promise<CertificateVerifyResponse> => {
    if (row) {
      await context.ledger.append({
        certificateId: row.certificate_id,
        event: 'presentation_verified',
        outcome: 'refused',
        reason,
        purpose: row.purpose as PresentationPurpose,
        fields: JSON.parse(row.fields) as string[],
        actor: verifier,
        presentationId: row.id,
      })
    }
    await audit('failure', { reason, row })
    return { valid: false, reason, reasonText: CERTIFICATE_VERIFY_REASON_WORDS[reason] }
  }

  // Forged and tampered codes name no presentation we can trust: audit only.
  const opened = context.signer.open(code)
  if (!opened.ok) return refuse(opened.reason)
  const row = await context.presentations.findById(opened.claims.pid)
  // Signed by us but gone (e.g. a reset development database).
  if (!row) return refuse('malformed')

  const now = context.clock()
  if (now.getTime() >= opened.claims.exp * 1000 || now.getTime() >= Date.parse(row.expires_at)) return refuse('expired', row)
  if (row.withdrawn_at) return refuse('withdrawn', row)
  if (row.verified_at) return refuse('already_used', row)
  const certificate = await context.certificates.findById(row.certificate_id)
  if (!certificate) return refuse('malformed', row)
  // The certificate may have been revoked or run out since the code was issued.
  const status = certificateStatus(certificate, now)
  if (status === 'revoked') return refuse('certificate_revoked', row)
  if (status === 'expired') return refuse('certificate_expired', row)

  if (!(await context.presentations.claim(row.id, now.toISOString(), { kind: verifier.kind, name: verifier.name ?? null }))) {
    const current = await context.presentations.findById(row.id)
    return refuse(current?.withdrawn_at ? 'withdrawn' : 'already_used', row)
  }
  const keys = JSON.parse(row.fields) as string[]
  const values = await context.certificates.fullValues(certificate.id, keys)
  await context.ledger.append({
    certificateId: certificate.id,
    event: 'presentation_verified',
    purpose: row.purpose as PresentationPurpose,
    fields: keys,
    actor: verifier,
    presentationId: row.id,
  })
  await audit('success', { row })
  const purpose = row.purpose as PresentationPurpose
  return {
    valid: true,
    certificate: toHeader(certificate, now),
    holder: { name: (await context.people.maskedName(row.citizen_id)) ?? '*' },
    purpose,
    purposeName: PRESENTATION_PURPOSES[purpose].name,
    fields: disclosedValues(certificate.type, keys, values),
    presentedAt: new Date(row.issued_at).toISOString(),
    verifiedAt: now.toISOString(),
  }
}

/** verifier role → 核验员; any other logged-in account → 已登录用户; no session → anonymous. */
async function verifierOf(context: CertificatesContext, identity: Identity | null): Promise<Actor> {
  if (!identity) return { kind: 'anonymous' }
  const { account } = identity
  return {
    kind: account.roles.includes('verifier') ? 'verifier' : 'citizen',
    name: (await context.people.maskedName(account.citizenId)) ?? null,
    accountId: account.id,
  }
}
