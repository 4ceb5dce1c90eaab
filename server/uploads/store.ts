import type { Kysely, Selectable } from 'kysely'
import type { ApplicationUploadsTable, Database } from '../db/database'

export type UploadRow = Selectable<ApplicationUploadsTable>

/**
 * Upload rows. A citizen reaches an upload only through a query with their citizen id
 * (someone else's is not found: 404); reviewers reach them through the application.
 */
export function createUploadStore(db: Kysely<Database>) {
  return {
    insert(row: UploadRow): Promise<unknown> {
      return db.insertInto('application_uploads').values(row).execute()
    },
    findForCitizen(citizenId: string, id: string): Promise<UploadRow | undefined> {
      return db.selectFrom('application_uploads').selectAll().where('id', '=', id).where('citizen_id', '=', citizenId).where('purged_at', 'is', null).executeTakeFirst()
    },
    findById(id: string): Promise<UploadRow | undefined> {
      return db.selectFrom('application_uploads').selectAll().where('id', '=', id).executeTakeFirst()
    },
    /** The citizen's uploads for an item not yet attached to an application, newest first. */
    drafts(citizenId: string, itemCode: string): Promise<UploadRow[]> {
      return db
        .selectFrom('application_uploads')
        .selectAll()
        .where('citizen_id', '=', citizenId)
        .where('item_code', '=', itemCode)
        .where('application_id', 'is', null)
        .where('purged_at', 'is', null)
        .orderBy('created_at', 'desc')
        .execute()
    },
    /** Every version attached to an application, oldest first (the reviewer sees old and new). */
    async forApplication(applicationId: string): Promise<UploadRow[]> {
      const rows = await db.selectFrom('application_uploads').selectAll().where('application_id', '=', applicationId).orderBy('created_at', 'asc').orderBy('id', 'asc').execute()
      // Uploaded in the same instant: the replaced version still comes before its replacement.
      return rows.sort((a, b) => a.created_at.localeCompare(b.created_at) || Number(a.superseded_at === null) - Number(b.superseded_at === null))
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom('application_uploads').where('id', '=', id).execute()
    },
  }
}

export type UploadStore = ReturnType<typeof createUploadStore>
