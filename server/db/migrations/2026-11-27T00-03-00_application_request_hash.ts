import type { Kysely } from 'kysely'

/*
 * What a submit asked for, so a retry with the same Idempotency-Key can be told apart from
 * a different request reusing the key: SHA-256 (hex) of the canonical JSON of the request
 * body (item code, values, materials) as the client sent it. Nullable only because ALTER
 * TABLE cannot add a NOT NULL column without a default; the app always sets it.
 * Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('request_hash', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('request_hash').execute()
}
