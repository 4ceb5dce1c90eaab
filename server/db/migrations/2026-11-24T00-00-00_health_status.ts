import { PostgresAdapter, sql, type Kysely } from 'kysely'

/*
 * Health status (健康码状态): each citizen's current colour with its reason and source, and
 * the history of every change. The current row carries a version that goes up by one with
 * each change: a code carries the version it was issued for, so a verifier can tell a code
 * issued before a change. `subject` is the pseudonym a code carries instead of the citizen
 * id (a keyed hash), indexed so a verification finds the status from it.
 * Frozen in time: no app imports. Timestamps are ISO 8601 UTC text, as elsewhere.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db)
  await db.schema
    .createTable('health_status')
    .addColumn('citizen_id', 'text', (column) => column.primaryKey().references('citizens.id'))
    .addColumn('subject', 'text', (column) => column.notNull().unique())
    .addColumn('colour', 'text', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    // Who says so, e.g. 市卫健委 or an import batch's name.
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    // When the colour or reason last changed.
    .addColumn('since', 'text', (column) => column.notNull())
    // The operator account of the last change; null for seeded or imported statuses.
    .addColumn('updated_by', 'text')
    .addCheckConstraint('health_status_colour_check', sql`colour in ('green', 'yellow', 'red')`)
    .addCheckConstraint('health_status_version_check', sql`version >= 1`)
    .execute()

  // Append-only: every version a citizen's status ever had. No foreign key to accounts on
  // purpose: the history must outlive an operator account.
  await db.schema
    .createTable('health_status_history')
    .addColumn('id', 'integer', (column) =>
      postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement(),
    )
    .addColumn('citizen_id', 'text', (column) => column.notNull().references('citizens.id'))
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('colour', 'text', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('changed_at', 'text', (column) => column.notNull())
    .addColumn('changed_by', 'text')
    // Rows applied together in one batch share it; null for single changes and the seed.
    .addColumn('batch_id', 'text')
    .addUniqueConstraint('health_status_history_citizen_version_key', ['citizen_id', 'version'])
    .addCheckConstraint('health_status_history_colour_check', sql`colour in ('green', 'yellow', 'red')`)
    .execute()
  await db.schema.createIndex('health_status_history_batch_id_idx').on('health_status_history').column('batch_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('health_status_history').execute()
  await db.schema.dropTable('health_status').execute()
}
