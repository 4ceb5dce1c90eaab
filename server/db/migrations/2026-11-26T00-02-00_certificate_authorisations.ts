import type { Kysely } from 'kysely'

/*
 * Authorisations (授权): a citizen lets an organisation fetch chosen fields of one
 * certificate until a date. The organisation's access key is stored as its SHA-256 only
 * (it is 256 random bits, so a plain hash cannot be reversed by guessing); revoked_at ends
 * access at once because every fetch reads this row. Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('certificate_authorisations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('certificate_id', 'text', (column) => column.notNull().references('certificates.id'))
    .addColumn('citizen_id', 'text', (column) => column.notNull().references('citizens.id'))
    .addColumn('organisation_name', 'text', (column) => column.notNull())
    .addColumn('organisation_code', 'text')
    .addColumn('purpose', 'text', (column) => column.notNull())
    // JSON array of field keys, in display order.
    .addColumn('fields', 'text', (column) => column.notNull())
    .addColumn('access_key_hash', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('valid_until', 'text', (column) => column.notNull())
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('certificate_authorisations_citizen_idx').on('certificate_authorisations').columns(['citizen_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificate_authorisations').execute()
}
