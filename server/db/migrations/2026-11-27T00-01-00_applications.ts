import { PostgresAdapter, type Kysely } from 'kysely'

/*
 * Online applications (网上申请) and their status timeline. An application belongs to a
 * citizen (not to one platform account: the same person may follow it from WeChat or
 * Alipay). The form values hold personal data and are stored encrypted. A submit carries
 * an idempotency key, unique per citizen, so a retried submit finds the first application
 * instead of creating a second one. Every status change is one row in application_events.
 * Frozen in time: no app imports.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db)
  await db.schema
    .createTable('applications')
    // 128 random bits, base64url: ids are not guessable or countable.
    .addColumn('id', 'text', (column) => column.primaryKey())
    // Human-readable number on the receipt (受理编号), e.g. 20261122-000123.
    .addColumn('number', 'text', (column) => column.notNull().unique())
    .addColumn('citizen_id', 'text', (column) => column.notNull().references('citizens.id'))
    .addColumn('account_id', 'text', (column) => column.notNull())
    .addColumn('item_code', 'text', (column) => column.notNull().references('service_items.code'))
    .addColumn('idempotency_key', 'text', (column) => column.notNull())
    // submitted | accepted | reviewing | completed | rejected | denied | withdrawn
    .addColumn('status', 'text', (column) => column.notNull())
    // AES-256-GCM of the JSON form values (as submitted, prefilled values included).
    .addColumn('form_encrypted', 'text', (column) => column.notNull())
    // JSON array of attached materials: { name, certificateId?, certificateType? }.
    .addColumn('materials', 'text', (column) => column.notNull().defaultTo('[]'))
    // The promised limit copied from the item at submit time (the item may change later).
    .addColumn('time_limit_days', 'integer', (column) => column.notNull())
    .addColumn('submitted_at', 'text', (column) => column.notNull())
    // Set when accepted: the working-day countdown runs from here.
    .addColumn('accepted_at', 'text')
    // Due date (working days from acceptance), ISO date; null until accepted.
    .addColumn('due_on', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute()
  await db.schema
    .createIndex('applications_idempotency_idx')
    .on('applications')
    .columns(['citizen_id', 'idempotency_key'])
    .unique()
    .execute()
  await db.schema.createIndex('applications_citizen_idx').on('applications').columns(['citizen_id', 'submitted_at']).execute()
  await db.schema.createIndex('applications_status_idx').on('applications').columns(['status', 'submitted_at']).execute()

  await db.schema
    .createTable('application_events')
    .addColumn('id', 'integer', (column) =>
      postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement(),
    )
    .addColumn('application_id', 'text', (column) => column.notNull().references('applications.id'))
    .addColumn('status', 'text', (column) => column.notNull())
    // Required for rejected / denied; the reviewer's note otherwise (shown to the citizen).
    .addColumn('reason', 'text')
    // 'citizen' or the operator's id (never shown to the citizen; the audit log has it too).
    .addColumn('actor', 'text', (column) => column.notNull())
    .addColumn('at', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('application_events_application_idx').on('application_events').columns(['application_id', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_events').execute()
  await db.schema.dropTable('applications').execute()
}
