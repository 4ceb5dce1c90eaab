/**
 * The uploads as the applications domain uses them (a helper module: applications reach
 * uploads through it, never through its routes): a citizen's draft by id, attaching drafts
 * to an application inside its transaction, and replacing a material's files in a 补正.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { AppError } from '../errors'
import type { UploadRow } from './store'

/** The citizen's own upload, not yet attached and not purged; otherwise undefined. */
export function findDraftUpload(db: Kysely<Database>, citizenId: string, id: string): Promise<UploadRow | undefined> {
  return db
    .selectFrom('application_uploads')
    .selectAll()
    .where('id', '=', id)
    .where('citizen_id', '=', citizenId)
    .where('application_id', 'is', null)
    .where('purged_at', 'is', null)
    .executeTakeFirst()
}

/**
 * Attaches drafts to an application. Only rows still unattached are taken: when a concurrent
 * submit took one first, this throws and the caller's transaction writes nothing.
 */
export async function attachUploads(trx: Kysely<Database>, applicationId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  const result = await trx.updateTable('application_uploads').set({ application_id: applicationId }).where('id', 'in', [...ids]).where('application_id', 'is', null).executeTakeFirst()
  if (Number(result.numUpdatedRows) !== new Set(ids).size) {
    throw new AppError('CONFLICT', { message: '上传的文件已用于另一份申请，请重新上传后提交' })
  }
}

/**
 * A 补正 answer: the new uploads of each named material are attached, and the versions they
 * replace are marked superseded (kept, so the reviewer sees old and new).
 */
export async function replaceMaterialUploads(trx: Kysely<Database>, applicationId: string, byMaterial: ReadonlyMap<string, readonly string[]>, at: string): Promise<void> {
  for (const [material, ids] of byMaterial) {
    const current = await trx
      .selectFrom('application_uploads')
      .select('id')
      .where('application_id', '=', applicationId)
      .where('material', '=', material)
      .where('superseded_at', 'is', null)
      .execute()
    await attachUploads(trx, applicationId, ids)
    if (current.length > 0) {
      await trx
        .updateTable('application_uploads')
        .set({ superseded_at: at, replaced_by: ids[0] ?? null })
        .where('id', 'in', current.map((row) => row.id))
        .execute()
    }
  }
}
