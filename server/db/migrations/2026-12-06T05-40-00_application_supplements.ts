import type { Kysely } from 'kysely'

/*
 * 补正 (a request for missing items): a reviewer names what is missing and the application
 * waits for the citizen, its promised time limit paused, then returns to the status it came
 * from. While it waits: supplement_items (JSON string[]: material names or free text),
 * supplement_from (the status to return to) and supplement_requested_at (when the pause
 * began; the due day moves on by the working days it lasted). All null otherwise.
 *
 * Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('supplement_items', 'text').execute()
  await db.schema.alterTable('applications').addColumn('supplement_from', 'text').execute()
  await db.schema.alterTable('applications').addColumn('supplement_requested_at', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('supplement_requested_at').execute()
  await db.schema.alterTable('applications').dropColumn('supplement_from').execute()
  await db.schema.alterTable('applications').dropColumn('supplement_items').execute()
}
