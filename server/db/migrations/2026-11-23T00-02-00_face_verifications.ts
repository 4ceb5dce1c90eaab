import { sql, type Kysely } from 'kysely'

/*
 * Face verification attempts: our id (what the client holds), the platform's certify id,
 * and the outcome the server learnt from the platform. Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('face_verifications')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('platform_accounts.id').onDelete('cascade'))
    .addColumn('citizen_id', 'text', (column) => column.notNull().references('citizens.id'))
    .addColumn('provider', 'text', (column) => column.notNull())
    .addColumn('certify_id', 'text')
    .addColumn('status', 'text', (column) => column.notNull().defaultTo('pending'))
    .addColumn('failure_reason', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('completed_at', 'text')
    .addCheckConstraint('face_verifications_status_check', sql`status in ('pending', 'passed', 'failed')`)
    .execute()
  await db.schema.createIndex('face_verifications_account_id_idx').on('face_verifications').column('account_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('face_verifications').execute()
}
