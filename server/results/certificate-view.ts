import type { Kysely } from 'kysely'
import { CERTIFICATE_TYPES } from '../../src/contract/certificates/data'
import type { CertificateResult } from '../../src/contract/results/schemas'
import { isCertificateType } from '../certificates/catalogue'
import type { Database } from '../db/database'
import type { CertificateResultContent } from './certificate-issue'

/**
 * The wallet certificates that certificate results put there, by result id: the id to open it
 * in the wallet, the type's name and its number as the wallet masks it (never the plain value).
 */
export async function certificateResultsOf(db: Kysely<Database>, rows: readonly { id: string; kind: string; content: string }[]): Promise<Map<string, CertificateResult>> {
  const out = new Map<string, CertificateResult>()
  const byCertificate = new Map<string, string>()
  for (const row of rows) {
    if (row.kind !== 'certificate') continue
    const content = JSON.parse(row.content) as Partial<CertificateResultContent>
    if (typeof content.certificateId === 'string') byCertificate.set(content.certificateId, row.id)
  }
  if (byCertificate.size === 0) return out
  const ids = [...byCertificate.keys()]
  const certificates = await db.selectFrom('certificates').select(['id', 'type']).where('id', 'in', ids).execute()
  const fields = await db.selectFrom('certificate_fields').select(['certificate_id', 'field_key', 'plain_value', 'masked_value']).where('certificate_id', 'in', ids).execute()
  for (const certificate of certificates) {
    if (!isCertificateType(certificate.type)) continue
    const type = CERTIFICATE_TYPES[certificate.type]
    const number = fields.find((field) => field.certificate_id === certificate.id && field.field_key === type.numberField)
    out.set(byCertificate.get(certificate.id)!, { certificateId: certificate.id, typeName: type.name, number: number?.masked_value ?? number?.plain_value ?? '' })
  }
  return out
}
