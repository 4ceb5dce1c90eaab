import { PostgresAdapter, sql, type Kysely } from 'kysely'

/*
 * Social security (社保): the insured person as the social-insurance agency knows them
 * (found by the ID number's keyed hash, like the population registry), enrolments per
 * insurance type, monthly contribution records, personal-account balances, and the proofs
 * of contributions citizens issue. Money is integer cents; months are `YYYY-MM` text and
 * dates `YYYY-MM-DD` text, which sort correctly on both dialects.
 * Frozen in time: no app imports.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

const TYPES = sql`('pension', 'medical', 'unemployment', 'work_injury', 'maternity')`
const STATUSES = sql`('active', 'paused', 'ended')`

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db)

  await db.schema
    .createTable('social_insured_persons')
    .addColumn('id', 'text', (column) => column.primaryKey())
    // HMAC of the ID number (IDENTITY_HASH_KEY), as citizens.id_number_hash.
    .addColumn('id_number_hash', 'text', (column) => column.notNull().unique())
    // 社会保障卡卡号
    .addColumn('card_number', 'text', (column) => column.notNull())
    .addColumn('insured_city', 'text', (column) => column.notNull())
    .addColumn('agency', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addCheckConstraint('social_insured_persons_status_check', sql`status in ${STATUSES}`)
    .execute()

  await db.schema
    .createTable('social_enrolments')
    .addColumn('person_id', 'text', (column) => column.notNull().references('social_insured_persons.id').onDelete('cascade'))
    .addColumn('insurance_type', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('started_on', 'text', (column) => column.notNull())
    .addColumn('ended_on', 'text')
    .addPrimaryKeyConstraint('social_enrolments_pkey', ['person_id', 'insurance_type'])
    .addCheckConstraint('social_enrolments_type_check', sql`insurance_type in ${TYPES}`)
    .addCheckConstraint('social_enrolments_status_check', sql`status in ${STATUSES}`)
    .execute()

  await db.schema
    .createTable('social_contributions')
    .addColumn('id', 'integer', (column) =>
      postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement(),
    )
    .addColumn('person_id', 'text', (column) => column.notNull().references('social_insured_persons.id').onDelete('cascade'))
    .addColumn('insurance_type', 'text', (column) => column.notNull())
    .addColumn('month', 'text', (column) => column.notNull())
    .addColumn('base_cents', 'integer', (column) => column.notNull())
    .addColumn('personal_cents', 'integer', (column) => column.notNull())
    .addColumn('employer_cents', 'integer', (column) => column.notNull())
    .addColumn('employer_name', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('paid_on', 'text')
    .addUniqueConstraint('social_contributions_person_type_month_key', ['person_id', 'insurance_type', 'month'])
    .addCheckConstraint('social_contributions_type_check', sql`insurance_type in ${TYPES}`)
    .addCheckConstraint('social_contributions_status_check', sql`status in ('paid', 'arrears')`)
    .addCheckConstraint('social_contributions_amounts_check', sql`base_cents >= 0 and personal_cents >= 0 and employer_cents >= 0`)
    // Paid records say when; arrears have no payment date.
    .addCheckConstraint('social_contributions_paid_on_check', sql`(status = 'paid') = (paid_on is not null)`)
    .execute()
  // Pages of one year are read newest month first.
  await db.schema.createIndex('social_contributions_person_month_idx').on('social_contributions').columns(['person_id', 'month']).execute()

  await db.schema
    .createTable('social_account_balances')
    .addColumn('person_id', 'text', (column) => column.notNull().references('social_insured_persons.id').onDelete('cascade'))
    .addColumn('account', 'text', (column) => column.notNull())
    .addColumn('balance_cents', 'integer', (column) => column.notNull())
    .addColumn('computed_on', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('social_account_balances_pkey', ['person_id', 'account'])
    .addCheckConstraint('social_account_balances_account_check', sql`account in ('pension', 'medical')`)
    .execute()

  await db.schema
    .createTable('social_proofs')
    // The verification code without separators, upper case.
    .addColumn('code', 'text', (column) => column.primaryKey())
    .addColumn('person_id', 'text', (column) => column.notNull().references('social_insured_persons.id').onDelete('cascade'))
    // Whose proof it is and which account asked for it (no foreign keys: kept as evidence).
    .addColumn('citizen_id', 'text', (column) => column.notNull())
    .addColumn('account_id', 'text', (column) => column.notNull())
    .addColumn('from_month', 'text', (column) => column.notNull())
    .addColumn('to_month', 'text', (column) => column.notNull())
    // JSON of what the proof states, masked values only.
    .addColumn('content', 'text', (column) => column.notNull())
    .addColumn('token', 'text', (column) => column.notNull())
    .addColumn('issued_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('social_proofs_citizen_id_idx').on('social_proofs').columns(['citizen_id', 'issued_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('social_proofs').execute()
  await db.schema.dropTable('social_account_balances').execute()
  await db.schema.dropTable('social_contributions').execute()
  await db.schema.dropTable('social_enrolments').execute()
  await db.schema.dropTable('social_insured_persons').execute()
}
