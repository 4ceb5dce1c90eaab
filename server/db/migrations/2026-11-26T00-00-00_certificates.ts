import { sql, type Kysely } from 'kysely'

/*
 * Electronic certificates (电子证照) and their fields. A certificate belongs to a person
 * by the keyed hash of their ID number (the same HMAC as citizens.id_number_hash), so
 * certificates issued before the person ever used the app are found once they verify.
 * Fields are rows: a non-sensitive field keeps its value in `plain_value`; a sensitive one
 * keeps a ready mask (so listing never decrypts) and the value encrypted with the identity
 * key (AES-256-GCM), never in clear. Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('certificates')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('holder_id_number_hash', 'text', (column) => column.notNull())
    .addColumn('type', 'text', (column) => column.notNull())
    // 电子证照标识: unique nationally; the seed matches on it.
    .addColumn('identifier', 'text', (column) => column.notNull().unique())
    .addColumn('issuer_name', 'text', (column) => column.notNull())
    .addColumn('issuer_code', 'text', (column) => column.notNull())
    .addColumn('version', 'text', (column) => column.notNull())
    // Calendar dates (YYYY-MM-DD, China time); valid_until null means no end date (长期).
    .addColumn('issued_on', 'text', (column) => column.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revocation_reason', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('certificates_holder_idx').on('certificates').column('holder_id_number_hash').execute()

  await db.schema
    .createTable('certificate_fields')
    .addColumn('certificate_id', 'text', (column) => column.notNull().references('certificates.id').onDelete('cascade'))
    .addColumn('field_key', 'text', (column) => column.notNull())
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('plain_value', 'text')
    .addColumn('masked_value', 'text')
    .addColumn('encrypted_value', 'text')
    .addPrimaryKeyConstraint('certificate_fields_pkey', ['certificate_id', 'field_key'])
    // Either plain, or masked + encrypted: a sensitive value can never sit in plain_value too.
    .addCheckConstraint(
      'certificate_fields_value_check',
      sql`(plain_value is not null and masked_value is null and encrypted_value is null) or (plain_value is null and masked_value is not null and encrypted_value is not null)`,
    )
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificate_fields').execute()
  await db.schema.dropTable('certificates').execute()
}
