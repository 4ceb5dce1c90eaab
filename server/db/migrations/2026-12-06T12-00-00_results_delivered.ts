import type { Kysely } from 'kysely'

/*
 * Results delivered (办理结果).
 *
 * service_result_kinds: what each service item delivers when 办结, as data (JSON of a
 * ResultDeclaration: proof / money / physical), keyed by item code; seeded from
 * server/seed-data/result-kinds.ts and set by catalogue imports.
 *
 * issued_results: one row per finished application (application_id unique: issued exactly
 * once, in the transaction that marks it 办结). Proofs carry a verification code (unique,
 * 12 characters of Crockford base32), their masked content as JSON and an HMAC token over
 * code, period and content (a changed row no longer verifies). Money results keep the amount
 * and the masked account only. Physical results keep the citizen's delivery choice: the EMS
 * recipient, phone and address encrypted (AES-256-GCM, identity key) beside their masks, and
 * the tracking number the department fills.
 *
 * Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_result_kinds')
    .addColumn('item_code', 'text', (column) => column.primaryKey())
    .addColumn('declaration', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute()

  await db.schema
    .createTable('issued_results')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('application_id', 'text', (column) => column.notNull().unique())
    .addColumn('citizen_id', 'text', (column) => column.notNull())
    .addColumn('item_code', 'text', (column) => column.notNull())
    // proof | money | physical
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('department', 'text', (column) => column.notNull())
    // Proofs only: the verification code (upper case, no separators) and the signed token.
    .addColumn('code', 'text', (column) => column.unique())
    .addColumn('token', 'text')
    // JSON: a proof's masked content, or {} for the other kinds.
    .addColumn('content', 'text', (column) => column.notNull())
    .addColumn('issued_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text')
    // Money only.
    .addColumn('amount_cents', 'integer')
    .addColumn('account_masked', 'text')
    // Physical only: the citizen's choice (ems | counter), EMS details encrypted and masked, the waybill.
    .addColumn('delivery_method', 'text')
    .addColumn('delivery_encrypted', 'text')
    .addColumn('delivery_masked', 'text')
    .addColumn('delivery_chosen_at', 'text')
    .addColumn('tracking_number', 'text')
    .execute()
  await db.schema.createIndex('issued_results_citizen_idx').on('issued_results').columns(['citizen_id', 'issued_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('issued_results').execute()
  await db.schema.dropTable('service_result_kinds').execute()
}
