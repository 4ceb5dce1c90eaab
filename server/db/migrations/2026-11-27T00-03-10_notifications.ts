import { PostgresAdapter, sql, type Kysely } from 'kysely'

/*
 * Subscription messages (订阅消息) about applications.
 *
 * notification_subscriptions: what the citizen answered to wx/my.requestSubscribeMessage,
 * per platform account and template. One-time subscriptions are counted: every "accept"
 * allows one more message, every message sent uses one up.
 *
 * notification_outbox: one row per message to send, written in the same transaction as the
 * status change it announces, so a committed change always has its message and a rolled
 * back one never does. A dispatcher sends due rows later and retries transient failures
 * with backoff; a failure never touches the application.
 * Frozen in time: no app imports.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db)
  await db.schema
    .createTable('notification_subscriptions')
    .addColumn('account_id', 'text', (column) => column.notNull().references('platform_accounts.id'))
    // e.g. application_status (a key of our own; the platform template id is configuration).
    .addColumn('template_key', 'text', (column) => column.notNull())
    // Messages that may still be sent (one per accept, minus those sent).
    .addColumn('remaining', 'integer', (column) => column.notNull().defaultTo(0))
    // The last answer: accept | reject | ban.
    .addColumn('last_result', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('notification_subscriptions_pk', ['account_id', 'template_key'])
    .addCheckConstraint('notification_subscriptions_remaining_check', sql`remaining >= 0`)
    .execute()

  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'integer', (column) =>
      postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement(),
    )
    .addColumn('application_id', 'text', (column) => column.notNull().references('applications.id'))
    .addColumn('account_id', 'text', (column) => column.notNull().references('platform_accounts.id'))
    // weapp | alipay | h5dev
    .addColumn('platform', 'text', (column) => column.notNull())
    .addColumn('template_key', 'text', (column) => column.notNull())
    // JSON: what the message says (item name, status name, time, note, page); no personal data.
    .addColumn('payload', 'text', (column) => column.notNull())
    // pending | sent | failed (permanently, or out of attempts) | skipped (nothing to send to)
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (column) => column.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addCheckConstraint('notification_outbox_status_check', sql`status in ('pending', 'sent', 'failed', 'skipped')`)
    .execute()
  await db.schema.createIndex('notification_outbox_due_idx').on('notification_outbox').columns(['status', 'next_attempt_at']).execute()
  await db.schema.createIndex('notification_outbox_application_idx').on('notification_outbox').column('application_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_outbox').execute()
  await db.schema.dropTable('notification_subscriptions').execute()
}
