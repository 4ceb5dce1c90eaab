import { PostgresAdapter, sql, type Kysely } from 'kysely'

/*
 * The audit log: who did what to whose personal data, and when. Append-only: the app has
 * no update path and deletes only by age (retention). No foreign keys on purpose: an
 * entry must outlive the account or citizen it mentions. Frozen in time: no app imports.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db)
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (column) =>
      postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement(),
    )
    .addColumn('occurred_at', 'text', (column) => column.notNull())
    // e.g. auth.login, identity.real_name, privacy.reveal
    .addColumn('event', 'text', (column) => column.notNull())
    .addColumn('outcome', 'text', (column) => column.notNull())
    .addColumn('account_id', 'text')
    .addColumn('citizen_id', 'text')
    .addColumn('ip', 'text')
    // JSON with masked values only.
    .addColumn('detail', 'text')
    .addCheckConstraint('audit_log_outcome_check', sql`outcome in ('success', 'failure')`)
    .execute()
  // Retention purges by age; investigations read one citizen's history.
  await db.schema.createIndex('audit_log_occurred_at_idx').on('audit_log').column('occurred_at').execute()
  await db.schema.createIndex('audit_log_citizen_id_idx').on('audit_log').columns(['citizen_id', 'occurred_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute()
}
