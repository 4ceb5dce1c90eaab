import { PostgresAdapter, sql, type Kysely } from 'kysely'

/*
 * Notices (公告) shown on the home page.
 * Frozen in time: no app imports, so later changes to the app cannot change what this did.
 * Runs on SQLite and PostgreSQL; timestamps are ISO 8601 UTC text, which sorts correctly
 * on both and reads back identically.
 */

// The one unavoidable dialect difference: how an auto-generated integer key is spelled.
function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db)
  await db.schema
    .createTable('notices')
    .addColumn('id', 'integer', (column) =>
      postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement(),
    )
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('summary', 'text', (column) => column.notNull())
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('department', 'text', (column) => column.notNull())
    .addColumn('published_at', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull().defaultTo('published'))
    .addCheckConstraint('notices_status_check', sql`status in ('published', 'retired')`)
    .execute()

  // The home page asks for the newest published notices.
  await db.schema.createIndex('notices_status_published_at_idx').on('notices').columns(['status', 'published_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notices').execute()
}
