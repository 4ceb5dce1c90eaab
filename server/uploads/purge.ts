/**
 * Retention of uploaded materials: a withdrawn or finished application (办结、不予受理、退回、
 * 撤回) keeps its files for UPLOAD_RETENTION_DAYS after it finished; an upload never attached
 * to an application is kept as long from its upload. Then the bytes are removed from the
 * storage and the row marked purged_at (it stays: the record that a file was there, with its
 * hash, size and material). Safe to run again: purged rows are skipped, deleting a missing
 * object is no error.
 */
import type { Kysely } from 'kysely'
import { FINAL_APPLICATION_STATUSES } from '../../src/contract/applications/data'
import type { AuditLog } from '../audit/audit-log'
import type { Database } from '../db/database'
import { UPLOAD_AUDIT_EVENTS } from './context'
import type { FileStorage } from './storage'

const DAY_MS = 24 * 60 * 60 * 1000

export interface PurgeResult {
  /** Files of finished applications. */
  finished: number
  /** Uploads never attached to an application. */
  abandoned: number
}

export async function purgeUploads(
  db: Kysely<Database>,
  storage: FileStorage,
  options: { retentionDays: number; now: Date; audit?: AuditLog },
): Promise<PurgeResult> {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * DAY_MS).toISOString()
  const finished = await db
    .selectFrom('application_uploads as upload')
    .innerJoin('applications', 'applications.id', 'upload.application_id')
    .select(['upload.id', 'upload.storage_key'])
    .where('upload.purged_at', 'is', null)
    .where('applications.status', 'in', [...FINAL_APPLICATION_STATUSES])
    .where('applications.finished_at', 'is not', null)
    .where('applications.finished_at', '<', cutoff)
    .execute()
  const abandoned = await db
    .selectFrom('application_uploads')
    .select(['id', 'storage_key'])
    .where('purged_at', 'is', null)
    .where('application_id', 'is', null)
    .where('created_at', '<', cutoff)
    .execute()
  const at = options.now.toISOString()
  // One at a time: the bytes go first, then the row says so; a crash in between leaves a row the next run finishes.
  for (const row of [...finished, ...abandoned]) {
    await storage.delete(row.storage_key)
    await db.updateTable('application_uploads').set({ purged_at: at }).where('id', '=', row.id).execute()
  }
  const result = { finished: finished.length, abandoned: abandoned.length }
  await options.audit?.record({ event: UPLOAD_AUDIT_EVENTS.purge, detail: { ...result, retentionDays: options.retentionDays, storage: storage.kind } })
  return result
}
