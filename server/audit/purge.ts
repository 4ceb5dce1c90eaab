import type { Kysely } from 'kysely'
import type { Database } from '../db/database'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Deletes audit entries older than the retention period (AUDIT_RETENTION_DAYS): the only
 * delete the audit log allows. Returns how many entries went.
 */
export async function purgeAuditLog(db: Kysely<Database>, options: { retentionDays: number; now: Date }): Promise<number> {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * DAY_MS).toISOString()
  const result = await db.deleteFrom('audit_log').where('occurred_at', '<', cutoff).executeTakeFirst()
  return Number(result.numDeletedRows)
}
