import type { Kysely } from 'kysely'

/*
 * Sessions, for when no Redis is configured. The token itself is never stored: the key is
 * its SHA-256, so a leaked table cannot be replayed. Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('platform_accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (column) => column.notNull())
    // Never later than absolute_expires_at: each use moves it forward up to that limit.
    .addColumn('idle_expires_at', 'text', (column) => column.notNull())
    .addColumn('absolute_expires_at', 'text', (column) => column.notNull())
    // The last time this session's holder proved who they are (real-name, face, re-verify).
    .addColumn('verified_at', 'text')
    .execute()
  // Clearing expired sessions scans by expiry.
  await db.schema.createIndex('sessions_idle_expires_at_idx').on('sessions').column('idle_expires_at').execute()
  await db.schema.createIndex('sessions_account_id_idx').on('sessions').column('account_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sessions').execute()
}
