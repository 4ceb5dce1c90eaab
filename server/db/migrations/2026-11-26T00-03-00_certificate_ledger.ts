import { PostgresAdapter, sql, type Kysely } from 'kysely'

/*
 * The certificate ledger (用证记录): every presentation, verification (also refused ones),
 * authorisation and organisation access of a certificate, for its holder to read.
 * Append-only like the audit log, and like it without foreign keys: an entry outlives
 * whatever it mentions. Field keys only, never values. Frozen in time: no app imports.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db)
  await db.schema
    .createTable('certificate_ledger')
    .addColumn('id', 'integer', (column) =>
      postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement(),
    )
    .addColumn('certificate_id', 'text', (column) => column.notNull())
    .addColumn('occurred_at', 'text', (column) => column.notNull())
    // presentation_issued, presentation_withdrawn, presentation_verified,
    // authorisation_granted, authorisation_revoked, authorised_access
    .addColumn('event', 'text', (column) => column.notNull())
    .addColumn('outcome', 'text', (column) => column.notNull())
    .addColumn('reason', 'text')
    // Presentations: the purpose key; authorisations: null (their purpose is free text).
    .addColumn('purpose', 'text')
    .addColumn('purpose_text', 'text', (column) => column.notNull())
    // JSON array of field keys.
    .addColumn('fields', 'text', (column) => column.notNull())
    // holder, verifier, citizen, anonymous, organisation; names masked (people) or the organisation's.
    .addColumn('actor_kind', 'text', (column) => column.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('actor_account_id', 'text')
    .addColumn('presentation_id', 'text')
    .addColumn('authorisation_id', 'text')
    .addCheckConstraint('certificate_ledger_outcome_check', sql`outcome in ('success', 'refused')`)
    .execute()
  await db.schema.createIndex('certificate_ledger_certificate_idx').on('certificate_ledger').columns(['certificate_id', 'id']).execute()
  await db.schema.createIndex('certificate_ledger_authorisation_idx').on('certificate_ledger').column('authorisation_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificate_ledger').execute()
}
