import type { Kysely } from 'kysely'
import type { AuditLog } from '../audit/audit-log'
import type { Clock } from '../clock'
import type { Config } from '../config'
import type { Database } from '../db/database'
import type { IdentityCrypto } from '../identity/crypto'
import { createAuthorisationStore, type AuthorisationStore } from './authorisation-store'
import { createLedger, type Ledger } from './ledger'
import { createPeople, type People } from './people'
import { createPresentationStore, type PresentationStore } from './presentation-store'
import { createPresentationSigner, type PresentationSigner } from './presentation-token'
import { createCertificatesRepository, type CertificatesRepository } from './repository'

/** What the certificate operations work with; built once by this domain's register… (index.ts). */
export interface CertificatesContext {
  certificates: CertificatesRepository
  presentations: PresentationStore
  authorisations: AuthorisationStore
  ledger: Ledger
  people: People
  signer: PresentationSigner
  audit: AuditLog
  clock: Clock
  presentationTtlSeconds: number
}

export interface CertificatesContextOptions {
  config: Config
  db: Kysely<Database>
  /** The identity crypto: sensitive field values are encrypted with the identity key. */
  crypto: IdentityCrypto
  audit: AuditLog
  clock: Clock
}

export function createCertificatesContext({ config, db, crypto, audit, clock }: CertificatesContextOptions): CertificatesContext {
  return {
    certificates: createCertificatesRepository(db, crypto),
    presentations: createPresentationStore(db),
    authorisations: createAuthorisationStore(db),
    ledger: createLedger(db, clock),
    people: createPeople(db),
    signer: createPresentationSigner(config.certificateSigningKey),
    audit,
    clock,
    presentationTtlSeconds: config.certificatePresentationTtlSeconds,
  }
}

/** Audit event names of this feature, in the log's `area.action` form. */
export const CERTIFICATE_AUDIT_EVENTS = {
  reveal: 'certificate.reveal',
  present: 'certificate.present',
  withdraw: 'certificate.withdraw',
  verify: 'certificate.verify',
  authorise: 'certificate.authorise',
  revokeAuthorisation: 'certificate.revoke_authorisation',
  authorisedAccess: 'certificate.authorised_access',
} as const
