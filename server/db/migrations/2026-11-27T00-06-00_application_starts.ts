import { PostgresAdapter, type Kysely } from 'kysely'

/*
 * application_starts: every time a citizen opened a 全程网办 item's application form
 * (GET /api/services/:code/application-form). Nothing else recorded the opening of a form
 * apart from the audit log, which is for investigators and is purged after its retention;
 * the demand report needs "started vs submitted" (abandonment) over months.
 *
 * No foreign keys: starts outlive items and accounts, like service_views.
 * Frozen in time: no app imports.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db)
  await db.schema
    .createTable('application_starts')
    .addColumn('id', 'integer', (column) => (postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement()))
    .addColumn('item_code', 'text', (column) => column.notNull())
    // The form route needs real-name level 3, so there is always a citizen.
    .addColumn('citizen_id', 'text', (column) => column.notNull())
    .addColumn('account_id', 'text', (column) => column.notNull())
    // ISO 8601 UTC, like every other timestamp.
    .addColumn('started_at', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('application_starts_time_idx').on('application_starts').columns(['started_at', 'item_code']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_starts').execute()
}
