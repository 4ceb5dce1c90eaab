import type { Kysely } from 'kysely'

/*
 * The citizen's message centre (消息中心) reads the application-status messages already
 * written to notification_outbox, one row per account: read_at is when that account opened
 * the message in the inbox (null: unread). The index serves "my messages, newest first"
 * and the unread count.
 *
 * Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_outbox').addColumn('read_at', 'text').execute()
  await db.schema.createIndex('notification_outbox_account_idx').on('notification_outbox').columns(['account_id', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notification_outbox_account_idx').execute()
  await db.schema.alterTable('notification_outbox').dropColumn('read_at').execute()
}
