import { createHash, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { ResultDeclaration } from '../../src/contract/results/schemas'
import { certificateIdentifier, fieldsOf } from '../certificates/catalogue'
import { maskField } from '../certificates/field-masking'
import { createLedger } from '../certificates/ledger'
import { createCertificatesRepository } from '../certificates/repository'
import { buildUscc } from '../certificates/uscc'
import type { Database } from '../db/database'
import type { IdentityCrypto } from '../identity/crypto'

type CertificateDeclaration = Extract<ResultDeclaration, { kind: 'certificate' }>

/** What the result row keeps of the certificate it put into the wallet (its `content`). */
export interface CertificateResultContent {
  certificateId: string
}

/**
 * The issuing department's code in certificate identifiers: a government body's credit code
 * (11…) whose organisation code is derived from the department's name, so one department
 * always signs with the same code. A production deployment reads the departments' real codes.
 */
export function departmentIssuerCode(department: string): string {
  const digest = createHash('sha256').update(department).digest('hex').toUpperCase()
  return buildUscc('11', '110000', digest.slice(0, 8))
}

/**
 * Issues the declared e-certificate into the citizen's wallet: a row in `certificates` held by
 * the citizen's ID number hash (so the wallet lists it like any other), its fields from the
 * declared sources (sensitive ones masked + encrypted like the seeded ones), and an "issued"
 * entry in its ledger. Call it inside the 办结 transaction, only after the result row itself
 * was inserted (so a second 办结 issues no second certificate). Returns the certificate id.
 */
export async function issueCertificateResult(
  trx: Kysely<Database>,
  crypto: IdentityCrypto,
  declaration: CertificateDeclaration,
  matter: { resultId: string; citizenId: string; values: Readonly<Record<string, string | number>> },
  department: string,
  now: Date,
): Promise<string> {
  const citizen = await trx.selectFrom('citizens').select(['name', 'id_number_hash', 'id_number_encrypted']).where('id', '=', matter.citizenId).executeTakeFirstOrThrow()
  const issuedOn = now.toISOString().slice(0, 10)
  // The result id's digits: unique per result, so the identifier is too.
  const serial = matter.resultId.replace(/-/g, '').slice(0, 16).toUpperCase()
  const sources: Record<string, () => string> = {
    $name: () => citizen.name,
    $idNumber: () => crypto.decrypt(citizen.id_number_encrypted),
    $issuedOn: () => issuedOn,
    $serial: () => serial,
  }
  const valueOf = (source: string): string => sources[source]?.() ?? (matter.values[source] === undefined ? '' : String(matter.values[source]).trim())
  const id = randomUUID()
  const issuerCode = departmentIssuerCode(department)
  const version = '001'
  await createCertificatesRepository(trx, crypto).insert(
    {
      id,
      holderIdNumberHash: citizen.id_number_hash,
      type: declaration.certificateType,
      identifier: certificateIdentifier(declaration.certificateType, issuerCode, serial, version),
      issuerName: department,
      issuerCode,
      version,
      issuedOn,
      validUntil: declaration.validYears === undefined ? null : validUntilAfter(now, declaration.validYears),
      revokedAt: null,
      revocationReason: null,
      fields: fieldsOf(declaration.certificateType).map((field) => {
        const source = declaration.fields[field.key]
        const value = source === undefined ? '' : valueOf(source)
        return field.mask ? { key: field.key, plain: null, masked: maskField(field.mask, value), encrypted: crypto.encrypt(value) } : { key: field.key, plain: value, masked: null, encrypted: null }
      }),
    },
    now,
  )
  await createLedger(trx, () => now).append({ certificateId: id, event: 'issued', fields: [], actor: { kind: 'organisation', name: department } })
  return id
}

/** The same calendar day `years` later (a 29 February rolls to 1 March in a common year, never an impossible date). */
function validUntilAfter(now: Date, years: number): string {
  return new Date(Date.UTC(now.getUTCFullYear() + years, now.getUTCMonth(), now.getUTCDate())).toISOString().slice(0, 10)
}
