import type { Kysely } from 'kysely'

/*
 * Uploaded materials (申请材料上传): a photo or PDF a citizen uploads for one material of one
 * item. Uploaded first (application_id null), attached to the application on submit or on a
 * 补正 answer. A replaced version keeps its row (superseded_at, replaced_by) so the reviewer
 * sees old and new; purged_at marks a file removed by the retention purge (the row stays as a
 * record that there was one). The bytes live in the configured storage under storage_key,
 * never under a static path.
 *
 * Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_uploads')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('citizen_id', 'text', (column) => column.notNull())
    .addColumn('account_id', 'text', (column) => column.notNull())
    .addColumn('item_code', 'text', (column) => column.notNull())
    .addColumn('material', 'text', (column) => column.notNull())
    .addColumn('application_id', 'text')
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('content_type', 'text', (column) => column.notNull())
    .addColumn('size', 'integer', (column) => column.notNull())
    .addColumn('sha256', 'text', (column) => column.notNull())
    .addColumn('storage_key', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('superseded_at', 'text')
    .addColumn('replaced_by', 'text')
    .addColumn('purged_at', 'text')
    .execute()
  await db.schema.createIndex('application_uploads_citizen_idx').on('application_uploads').columns(['citizen_id', 'created_at']).execute()
  await db.schema.createIndex('application_uploads_application_idx').on('application_uploads').column('application_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_uploads').execute()
}
