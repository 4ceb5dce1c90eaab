import { PostgresAdapter, sql, type Kysely } from 'kysely'

/*
 * The day-before reminder of a booking (在线预约) goes through the same outbox as the
 * application-status messages, so the dispatcher sends it to WeChat / Alipay and the message
 * centre (消息中心) lists it. A reminder belongs to an appointment, not to an application:
 *   notification_outbox.application_id becomes nullable, appointment_id (nullable) is added,
 *   and exactly one of the two is set (check constraint).
 * SQLite cannot drop a NOT NULL in place, so there the table is rebuilt with the same
 * columns, rows and indexes (nothing references notification_outbox).
 *
 * Frozen in time: no app imports.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

const ONE_OWNER = sql`(application_id is null) <> (appointment_id is null)`
const SHARED_COLUMNS = 'id, application_id, account_id, platform, template_key, payload, status, attempts, next_attempt_at, sent_at, last_error, created_at, read_at'

/** SQLite: the outbox rebuilt with (forward) or without (back) appointment reminders, rows and indexes kept. */
async function rebuildOnSqlite(db: Kysely<any>, forward: boolean): Promise<void> {
  let table = db.schema
    .createTable('notification_outbox_next')
    .addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement())
    .addColumn('application_id', 'text', (column) => (forward ? column : column.notNull()).references('applications.id'))
    .addColumn('account_id', 'text', (column) => column.notNull().references('platform_accounts.id'))
    .addColumn('platform', 'text', (column) => column.notNull())
    .addColumn('template_key', 'text', (column) => column.notNull())
    .addColumn('payload', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (column) => column.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('read_at', 'text')
    .addCheckConstraint('notification_outbox_status_check', sql`status in ('pending', 'sent', 'failed', 'skipped')`)
  if (forward) {
    table = table.addColumn('appointment_id', 'text', (column) => column.references('appointments.id')).addCheckConstraint('notification_outbox_owner_check', ONE_OWNER)
  }
  await table.execute()
  const columns = sql.raw(SHARED_COLUMNS)
  await sql`insert into notification_outbox_next (${columns}) select ${columns} from notification_outbox`.execute(db)
  await db.schema.dropTable('notification_outbox').execute()
  await db.schema.alterTable('notification_outbox_next').renameTo('notification_outbox').execute()
  await db.schema.createIndex('notification_outbox_due_idx').on('notification_outbox').columns(['status', 'next_attempt_at']).execute()
  await db.schema.createIndex('notification_outbox_application_idx').on('notification_outbox').column('application_id').execute()
  await db.schema.createIndex('notification_outbox_account_idx').on('notification_outbox').columns(['account_id', 'id']).execute()
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table notification_outbox alter column application_id drop not null`.execute(db)
    await db.schema.alterTable('notification_outbox').addColumn('appointment_id', 'text', (column) => column.references('appointments.id')).execute()
    await db.schema.alterTable('notification_outbox').addCheckConstraint('notification_outbox_owner_check', ONE_OWNER).execute()
  } else {
    await rebuildOnSqlite(db, true)
  }
  await db.schema.createIndex('notification_outbox_appointment_idx').on('notification_outbox').column('appointment_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  // Reminders have no application to belong to: they go with the column.
  await db.deleteFrom('notification_outbox').where('application_id', 'is', null).execute()
  await db.schema.dropIndex('notification_outbox_appointment_idx').execute()
  if (isPostgres(db)) {
    await db.schema.alterTable('notification_outbox').dropConstraint('notification_outbox_owner_check').execute()
    await db.schema.alterTable('notification_outbox').dropColumn('appointment_id').execute()
    await sql`alter table notification_outbox alter column application_id set not null`.execute(db)
  } else {
    await rebuildOnSqlite(db, false)
  }
}
