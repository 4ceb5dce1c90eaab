import type { Kysely } from 'kysely'

/*
 * The department closes a 诉求 itself (settled by phone, a duplicate, out of scope…) with a
 * note the citizen reads: closing_note (free text, masked for personal numbers when shown),
 * who closed it (an operator id; null when the citizen confirmed the reply settled it) and
 * when. Rows closed before this keep nulls.
 *
 * Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('feedback').addColumn('closing_note', 'text').execute()
  await db.schema.alterTable('feedback').addColumn('closed_by', 'text').execute()
  await db.schema.alterTable('feedback').addColumn('closed_at', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('feedback').dropColumn('closed_at').execute()
  await db.schema.alterTable('feedback').dropColumn('closed_by').execute()
  await db.schema.alterTable('feedback').dropColumn('closing_note').execute()
}
