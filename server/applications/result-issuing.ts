import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { issueResult, type ResultIssuer } from '../results/issue'
import type { ApplicationRow } from './store'

/**
 * 办结 delivers the item's declared result (server/results/issue.ts) in the same transaction
 * as the status change: a completed application has its result, exactly once.
 */
export async function issueApplicationResult(trx: Kysely<Database>, issuer: ResultIssuer, row: ApplicationRow, now: Date): Promise<void> {
  await issueResult(trx, issuer, { applicationId: row.id, citizenId: row.citizen_id, itemCode: row.item_code, values: submittedValues(issuer, row) }, now)
}

/** The submitted values by key: the stored form is `{fields: [{key, value}]}` (older rows: a plain key → value object). */
function submittedValues(issuer: ResultIssuer, row: ApplicationRow): Record<string, string | number> {
  const parsed = JSON.parse(issuer.crypto.decrypt(row.form_encrypted)) as { fields?: { key: string; value: string | number }[] } | Record<string, string | number>
  if (Array.isArray(parsed.fields)) {
    const values: Record<string, string | number> = {}
    for (const field of parsed.fields as { key: string; value: string | number }[]) values[field.key] = field.value
    return values
  }
  return parsed as Record<string, string | number>
}
