import { sql, type Kysely } from 'kysely'

/*
 * Operator accounts: the people who run the service (content editors, health officers,
 * reviewers, admins), separate from citizens' platform accounts. They log in with a
 * username and password (scrypt hash, never the password), are locked out for a while
 * after repeated failures, and hold roles granted by an admin.
 *
 * operator_sessions: their sessions when no Redis is configured; a sibling of `sessions`
 * (same token-hash key and timeouts) so an operator token can never be looked up as a
 * citizen's and the reverse.
 *
 * audit_log.operator_id: which operator acted, so an auditor can list one operator's
 * actions (no foreign key, like the other audit columns: entries outlive accounts).
 *
 * account_roles: only `verifier` stays a platform-account role (checkpoint staff scan in
 * the mini-program); grants of operator-only roles there were development seeds and are
 * no longer honoured, so they are removed rather than left to mislead. Not restored by down().
 *
 * Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('operators')
    .addColumn('id', 'text', (column) => column.primaryKey())
    // Lower case [a-z0-9._-], 3-32 characters; what the operator types to log in.
    .addColumn('username', 'text', (column) => column.notNull().unique())
    .addColumn('display_name', 'text', (column) => column.notNull())
    // scrypt$N$r$p$salt$hash (base64), see server/operators/passwords.ts.
    .addColumn('password_hash', 'text', (column) => column.notNull())
    // Consecutive failed logins since the last success or lockout.
    .addColumn('failed_attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('last_login_at', 'text')
    .addCheckConstraint('operators_username_check', sql`length(username) between 3 and 32 and username = lower(username)`)
    .execute()

  await db.schema
    .createTable('operator_roles')
    .addColumn('operator_id', 'text', (column) => column.notNull().references('operators.id').onDelete('cascade'))
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('granted_at', 'text', (column) => column.notNull())
    // The admin who granted it; null for the first admin (created from the command line).
    .addColumn('granted_by', 'text')
    .addPrimaryKeyConstraint('operator_roles_pkey', ['operator_id', 'role'])
    .addCheckConstraint('operator_roles_role_check', sql`role in ('admin', 'content_editor', 'health_officer', 'reviewer', 'verifier')`)
    .execute()

  await db.schema
    .createTable('operator_sessions')
    .addColumn('token_hash', 'text', (column) => column.primaryKey())
    .addColumn('operator_id', 'text', (column) => column.notNull().references('operators.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('idle_expires_at', 'text', (column) => column.notNull())
    .addColumn('absolute_expires_at', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('operator_sessions_idle_expires_at_idx').on('operator_sessions').column('idle_expires_at').execute()
  await db.schema.createIndex('operator_sessions_operator_id_idx').on('operator_sessions').column('operator_id').execute()

  await db.schema.alterTable('audit_log').addColumn('operator_id', 'text').execute()
  await db.schema.createIndex('audit_log_operator_id_idx').on('audit_log').columns(['operator_id', 'occurred_at']).execute()

  await db.deleteFrom('account_roles').where('role', '!=', 'verifier').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_operator_id_idx').execute()
  await db.schema.alterTable('audit_log').dropColumn('operator_id').execute()
  await db.schema.dropTable('operator_sessions').execute()
  await db.schema.dropTable('operator_roles').execute()
  await db.schema.dropTable('operators').execute()
}
