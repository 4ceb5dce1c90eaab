import type { Kysely } from 'kysely'

/*
 * An operator whose password someone else chose (an admin creating the account or resetting
 * its password, the command line creating an admin) must choose their own at the next
 * login: until then only their profile, the own-password change and logout answer.
 * 1 = must change, 0 = their own password. Existing accounts keep theirs (0).
 *
 * Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('operators').addColumn('must_change_password', 'integer', (column) => column.notNull().defaultTo(0)).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('operators').dropColumn('must_change_password').execute()
}
