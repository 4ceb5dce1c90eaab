import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely'

/*
 * 好差评 and feedback.
 *
 * evaluations: one row per rating of a finished application. Round 1 is the rating, round
 * 2 the one re-rate allowed after a rectification was answered; rows are never updated, so
 * auditors see both. (application_id, round) is unique: a double submit cannot rate twice.
 *
 * rectifications (整改): opened by a rating ≤ 2, in the same transaction as the rating,
 * for the department that handled the item (copied: the catalogue may change later). One
 * per evaluation; `is_repeat` marks one opened by a re-rate that was bad again.
 *
 * feedback (投诉 / 建议 / 咨询): owned by the citizen when the account was verified, else
 * by the account; optionally about a service item or a search that found nothing. No
 * foreign key to service_items: feedback outlives catalogue changes.
 * Frozen in time: no app imports.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db)
  const identity = (column: ColumnDefinitionBuilder) => (postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement())

  await db.schema
    .createTable('evaluations')
    .addColumn('id', 'integer', identity)
    .addColumn('application_id', 'text', (column) => column.notNull().references('applications.id'))
    .addColumn('citizen_id', 'text', (column) => column.notNull().references('citizens.id'))
    // The platform account that rated (the audit log has it too).
    .addColumn('account_id', 'text', (column) => column.notNull())
    .addColumn('round', 'integer', (column) => column.notNull())
    .addColumn('rating', 'integer', (column) => column.notNull())
    // JSON array of tag words (from the rating's group).
    .addColumn('tags', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('comment', 'text')
    // Required for ratings ≤ 2 (enforced by the app and here).
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addCheckConstraint('evaluations_round_check', sql`round in (1, 2)`)
    .addCheckConstraint('evaluations_rating_check', sql`rating between 1 and 5`)
    .addCheckConstraint('evaluations_reason_check', sql`rating > 2 or reason is not null`)
    .execute()
  await db.schema.createIndex('evaluations_application_round_idx').on('evaluations').columns(['application_id', 'round']).unique().execute()
  await db.schema.createIndex('evaluations_citizen_idx').on('evaluations').columns(['citizen_id', 'created_at']).execute()

  await db.schema
    .createTable('rectifications')
    .addColumn('id', 'integer', identity)
    .addColumn('evaluation_id', 'integer', (column) => column.notNull().unique().references('evaluations.id'))
    .addColumn('application_id', 'text', (column) => column.notNull().references('applications.id'))
    .addColumn('item_code', 'text', (column) => column.notNull())
    .addColumn('department', 'text', (column) => column.notNull())
    // 1 when opened by a re-rate that was bad again, else 0.
    .addColumn('is_repeat', 'integer', (column) => column.notNull().defaultTo(0))
    // open | answered
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('answer', 'text')
    // The operator's account id (never shown to the citizen).
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addCheckConstraint('rectifications_status_check', sql`status in ('open', 'answered')`)
    .addCheckConstraint('rectifications_answer_check', sql`status = 'open' or (answer is not null and answered_at is not null)`)
    .execute()
  // The operator's queue: open ones, oldest first.
  await db.schema.createIndex('rectifications_status_idx').on('rectifications').columns(['status', 'created_at']).execute()
  await db.schema.createIndex('rectifications_application_idx').on('rectifications').column('application_id').execute()

  await db.schema
    .createTable('feedback')
    // 128 random bits, base64url: not guessable or countable.
    .addColumn('id', 'text', (column) => column.primaryKey())
    // Null when written before real-name verification; the account owns it then.
    .addColumn('citizen_id', 'text', (column) => column.references('citizens.id'))
    .addColumn('account_id', 'text', (column) => column.notNull().references('platform_accounts.id'))
    // complaint | suggestion | consultation
    .addColumn('kind', 'text', (column) => column.notNull())
    // A key of FEEDBACK_CATEGORIES (checked by the app: the list may grow).
    .addColumn('category', 'text', (column) => column.notNull())
    .addColumn('text', 'text', (column) => column.notNull())
    .addColumn('item_code', 'text')
    .addColumn('search_query', 'text')
    // open | answered | closed
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('reply', 'text')
    .addColumn('replied_by', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addCheckConstraint('feedback_kind_check', sql`kind in ('complaint', 'suggestion', 'consultation')`)
    .addCheckConstraint('feedback_status_check', sql`status in ('open', 'answered', 'closed')`)
    .execute()
  await db.schema.createIndex('feedback_citizen_idx').on('feedback').columns(['citizen_id', 'created_at']).execute()
  await db.schema.createIndex('feedback_account_idx').on('feedback').columns(['account_id', 'created_at']).execute()
  await db.schema.createIndex('feedback_status_idx').on('feedback').columns(['status', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feedback').execute()
  await db.schema.dropTable('rectifications').execute()
  await db.schema.dropTable('evaluations').execute()
}
