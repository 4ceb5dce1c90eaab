import type { Kysely } from 'kysely'

/*
 * Presentation codes (亮证码). The QR code carries only this row's id (signed); what it
 * discloses — the certificate, the purpose, the chosen field keys — stays here, so the
 * code stays short and holds no personal data. A code is verified at most once
 * (verified_at), can be withdrawn by its holder, and dies at expires_at.
 * Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('certificate_presentations')
    // 128 random bits, base64url.
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('certificate_id', 'text', (column) => column.notNull().references('certificates.id'))
    .addColumn('citizen_id', 'text', (column) => column.notNull().references('citizens.id'))
    .addColumn('account_id', 'text', (column) => column.notNull())
    .addColumn('purpose', 'text', (column) => column.notNull())
    // JSON array of field keys, in display order.
    .addColumn('fields', 'text', (column) => column.notNull())
    .addColumn('kid', 'text', (column) => column.notNull())
    .addColumn('issued_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('verified_at', 'text')
    // Who verified: for the holder's 亮证 view; the ledger keeps the full history.
    .addColumn('verifier_kind', 'text')
    .addColumn('verifier_name', 'text')
    .execute()
  await db.schema.createIndex('certificate_presentations_certificate_idx').on('certificate_presentations').column('certificate_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificate_presentations').execute()
}
