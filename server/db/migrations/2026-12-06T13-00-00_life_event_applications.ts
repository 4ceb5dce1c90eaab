import type { Kysely } from 'kysely'

/*
 * 一件事一次办: one package application per submit, linked to the ordinary applications it
 * created (one per member item, each in its own department's queue). The package row keeps
 * the shared data entered once (encrypted, it is personal) and the submit's idempotency key,
 * unique per citizen, so a retried submit finds the first package instead of creating a second.
 * The package's status is not stored: it is computed from its members' applications.
 *
 * Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('life_event_applications')
    // 128 random bits, base64url.
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('citizen_id', 'text', (column) => column.notNull().references('citizens.id'))
    .addColumn('account_id', 'text', (column) => column.notNull())
    // birth | retirement | business_startup (src/contract/life-events/data.ts)
    .addColumn('package_key', 'text', (column) => column.notNull())
    .addColumn('idempotency_key', 'text', (column) => column.notNull())
    // SHA-256 of the canonical JSON of package key + body: the same key with another body is refused.
    .addColumn('request_hash', 'text', (column) => column.notNull())
    // AES-256-GCM of the JSON shared fields (as stored for the members: value, label, source).
    .addColumn('shared_encrypted', 'text', (column) => column.notNull())
    .addColumn('submitted_at', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('life_event_applications_idempotency_idx').on('life_event_applications').columns(['citizen_id', 'idempotency_key']).unique().execute()
  await db.schema.createIndex('life_event_applications_citizen_idx').on('life_event_applications').columns(['citizen_id', 'submitted_at']).execute()

  await db.schema
    .createTable('life_event_members')
    .addColumn('package_application_id', 'text', (column) => column.notNull().references('life_event_applications.id'))
    // The package's order of members (the guide's order).
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('application_id', 'text', (column) => column.notNull().unique().references('applications.id'))
    .addColumn('item_code', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('life_event_members_pk', ['package_application_id', 'position'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('life_event_members').execute()
  await db.schema.dropTable('life_event_applications').execute()
}
