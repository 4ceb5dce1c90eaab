import { PostgresAdapter, type Kysely } from 'kysely'

/*
 * identity_bindings: every time an account was bound to a citizen (identity claimed with
 * name + ID number, level 3), proven (face, level 4) or had its binding removed. The
 * citizen's other accounts read it: "新的微信账号于 … 绑定了您的身份", with a way to remove
 * that binding. Append-only; the holder's view, like the certificate ledger (the audit
 * log keeps the same events for investigators).
 *
 * platform_accounts.bindings_seen_at: when this account last acknowledged the binding
 * notices, so a notice is shown until its owner says "是我本人" or removes the binding.
 *
 * Frozen in time: no app imports.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db)
  await db.schema
    .createTable('identity_bindings')
    .addColumn('id', 'integer', (column) => (postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement()))
    .addColumn('citizen_id', 'text', (column) => column.notNull())
    .addColumn('account_id', 'text', (column) => column.notNull())
    .addColumn('platform', 'text', (column) => column.notNull())
    // claimed | proven | removed
    .addColumn('event', 'text', (column) => column.notNull())
    // For "removed": the account that removed the binding (null when the account left by itself).
    .addColumn('by_account_id', 'text')
    // ISO 8601 UTC, like every other timestamp.
    .addColumn('at', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('identity_bindings_citizen_idx').on('identity_bindings').columns(['citizen_id', 'id']).execute()
  await db.schema.alterTable('platform_accounts').addColumn('bindings_seen_at', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('platform_accounts').dropColumn('bindings_seen_at').execute()
  await db.schema.dropTable('identity_bindings').execute()
}
