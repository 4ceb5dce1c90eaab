import type { Kysely, Selectable } from 'kysely'
import type { CertificateType } from '../../src/contract/certificates/schemas'
import type { CertificatesTable, Database } from '../db/database'
import type { IdentityCrypto } from '../identity/crypto'
import { isCertificateType } from './catalogue'

/**
 * Certificates and their fields. A citizen reaches a certificate only through the join on
 * their ID number hash: every "find" takes the citizen id, so a certificate of someone
 * else is simply not found (the routes answer 404, never 403, so ids cannot be probed).
 * Ciphertext is read only by `fullValues`, for a reveal, a verification or an
 * organisation's fetch; listing works on the stored masks.
 */
export interface CertificateRecord {
  id: string
  type: CertificateType
  identifier: string
  issuerName: string
  issuerCode: string
  version: string
  issuedOn: string
  validUntil: string | null
  revokedAt: string | null
}

/** A field as the wallet shows it: plain, or the stored mask of a sensitive value. */
export interface ShownField {
  key: string
  value: string
  sensitive: boolean
}

export interface NewCertificate extends CertificateRecord {
  holderIdNumberHash: string
  revocationReason: string | null
  fields: { key: string; plain: string | null; masked: string | null; encrypted: string | null }[]
}

export interface CertificatesRepository {
  listForCitizen(citizenId: string): Promise<{ record: CertificateRecord; fields: ShownField[] }[]>
  findForCitizen(citizenId: string, certificateId: string): Promise<{ record: CertificateRecord; fields: ShownField[] } | undefined>
  /** Any certificate by id, for verifications and organisation fetches (already authorised by a code or grant). */
  findById(certificateId: string): Promise<CertificateRecord | undefined>
  /** The full values of the given keys (decrypting sensitive ones), in the order given. */
  fullValues(certificateId: string, keys: readonly string[]): Promise<Map<string, string>>
  insert(certificate: NewCertificate, now: Date): Promise<void>
  existsByIdentifier(identifier: string): Promise<boolean>
}

export function createCertificatesRepository(db: Kysely<Database>, crypto: IdentityCrypto): CertificatesRepository {
  const ownedBy = (citizenId: string) =>
    db
      .selectFrom('certificates')
      .innerJoin('citizens', 'citizens.id_number_hash', 'certificates.holder_id_number_hash')
      .selectAll('certificates')
      .where('citizens.id', '=', citizenId)

  const shownFields = async (ids: string[]): Promise<Map<string, ShownField[]>> => {
    const byCertificate = new Map<string, ShownField[]>(ids.map((id) => [id, []]))
    if (ids.length === 0) return byCertificate
    const rows = await db
      .selectFrom('certificate_fields')
      // Never the ciphertext here.
      .select(['certificate_id', 'field_key', 'plain_value', 'masked_value'])
      .where('certificate_id', 'in', ids)
      .orderBy('certificate_id')
      .orderBy('position')
      .execute()
    for (const row of rows) {
      const sensitive = row.plain_value === null
      byCertificate.get(row.certificate_id)?.push({ key: row.field_key, value: (sensitive ? row.masked_value : row.plain_value) ?? '', sensitive })
    }
    return byCertificate
  }

  return {
    async listForCitizen(citizenId) {
      const rows = await ownedBy(citizenId).execute()
      const records = rows.map(toRecord).filter((record): record is CertificateRecord => record !== undefined)
      const fields = await shownFields(records.map((record) => record.id))
      return records.map((record) => ({ record, fields: fields.get(record.id) ?? [] }))
    },

    async findForCitizen(citizenId, certificateId) {
      const row = await ownedBy(citizenId).where('certificates.id', '=', certificateId).executeTakeFirst()
      const record = row && toRecord(row)
      if (!record) return undefined
      return { record, fields: (await shownFields([record.id])).get(record.id) ?? [] }
    },

    async findById(certificateId) {
      const row = await db.selectFrom('certificates').selectAll().where('id', '=', certificateId).executeTakeFirst()
      return row && toRecord(row)
    },

    async fullValues(certificateId, keys) {
      const values = new Map<string, string>()
      if (keys.length === 0) return values
      const rows = await db
        .selectFrom('certificate_fields')
        .select(['field_key', 'plain_value', 'encrypted_value'])
        .where('certificate_id', '=', certificateId)
        .where('field_key', 'in', [...keys])
        .execute()
      const byKey = new Map(rows.map((row) => [row.field_key, row]))
      for (const key of keys) {
        const row = byKey.get(key)
        if (!row) continue
        values.set(key, row.plain_value ?? crypto.decrypt(row.encrypted_value!))
      }
      return values
    },

    async insert(certificate, now) {
      await db
        .insertInto('certificates')
        .values({
          id: certificate.id,
          holder_id_number_hash: certificate.holderIdNumberHash,
          type: certificate.type,
          identifier: certificate.identifier,
          issuer_name: certificate.issuerName,
          issuer_code: certificate.issuerCode,
          version: certificate.version,
          issued_on: certificate.issuedOn,
          valid_until: certificate.validUntil,
          revoked_at: certificate.revokedAt,
          revocation_reason: certificate.revocationReason,
          created_at: now.toISOString(),
        })
        .execute()
      await db
        .insertInto('certificate_fields')
        .values(
          certificate.fields.map((field, position) => ({
            certificate_id: certificate.id,
            field_key: field.key,
            position,
            plain_value: field.plain,
            masked_value: field.masked,
            encrypted_value: field.encrypted,
          })),
        )
        .execute()
    },

    async existsByIdentifier(identifier) {
      return (await db.selectFrom('certificates').select('id').where('identifier', '=', identifier).executeTakeFirst()) !== undefined
    },
  }
}

/** undefined for a type this version does not know (a newer deployment's row): it is left out, not shown wrongly. */
function toRecord(row: Selectable<CertificatesTable>): CertificateRecord | undefined {
  if (!isCertificateType(row.type)) return undefined
  return {
    id: row.id,
    type: row.type,
    identifier: row.identifier,
    issuerName: row.issuer_name,
    issuerCode: row.issuer_code,
    version: row.version,
    issuedOn: row.issued_on,
    validUntil: row.valid_until,
    revokedAt: row.revoked_at,
  }
}
