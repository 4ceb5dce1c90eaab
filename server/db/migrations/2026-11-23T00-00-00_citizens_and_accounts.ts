import { PostgresAdapter, sql, type Kysely } from 'kysely'

/*
 * Identity: the population registry (who exists), citizens (people who verified with us),
 * platform accounts (WeChat / Alipay / sandbox logins) and their roles. A citizen is
 * separate from accounts so the same person's WeChat and Alipay accounts reach one record.
 * Frozen in time: no app imports. Timestamps are ISO 8601 UTC text, as in the notices table.
 * ID numbers and phones never appear in clear: `*_encrypted` is AES-256-GCM, `*_hash` an
 * HMAC for lookup.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db)
  await db.schema
    .createTable('population_registry')
    .addColumn('id', 'integer', (column) =>
      postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement(),
    )
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('id_number_hash', 'text', (column) => column.notNull().unique())
    .addColumn('id_number_encrypted', 'text', (column) => column.notNull())
    .addColumn('phone_encrypted', 'text')
    .addColumn('address', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute()

  await db.schema
    .createTable('citizens')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('id_number_hash', 'text', (column) => column.notNull().unique())
    .addColumn('id_number_encrypted', 'text', (column) => column.notNull())
    .addColumn('phone_encrypted', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute()

  await db.schema
    .createTable('platform_accounts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('platform', 'text', (column) => column.notNull())
    // WeChat openid, Alipay open_id / user_id, sandbox citizen key.
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('union_id', 'text')
    .addColumn('citizen_id', 'text', (column) => column.references('citizens.id'))
    .addColumn('level', 'integer', (column) => column.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('last_login_at', 'text', (column) => column.notNull())
    .addUniqueConstraint('platform_accounts_platform_subject_key', ['platform', 'subject'])
    .addCheckConstraint('platform_accounts_platform_check', sql`platform in ('weapp', 'alipay', 'h5dev')`)
    // Level 1 is "logged in, unknown person"; 3 and 4 exist only with a citizen behind them.
    .addCheckConstraint(
      'platform_accounts_level_check',
      sql`(level = 1 and citizen_id is null) or (level in (3, 4) and citizen_id is not null)`,
    )
    .execute()
  await db.schema.createIndex('platform_accounts_citizen_id_idx').on('platform_accounts').column('citizen_id').execute()

  await db.schema
    .createTable('account_roles')
    .addColumn('account_id', 'text', (column) => column.notNull().references('platform_accounts.id').onDelete('cascade'))
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('granted_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('account_roles_pkey', ['account_id', 'role'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_roles').execute()
  await db.schema.dropTable('platform_accounts').execute()
  await db.schema.dropTable('citizens').execute()
  await db.schema.dropTable('population_registry').execute()
}
