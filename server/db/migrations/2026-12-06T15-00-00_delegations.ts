import type { Kysely } from 'kysely'
import { PostgresAdapter, sql } from 'kysely'

/*
 * 亲情代办 (family delegation). delegations: one helper citizen acting for one principal
 * citizen within scopes (JSON string[]) until ends_at; state invited → active → ended (expired
 * is read from ends_at, never written). How the principal consented is recorded:
 * principal_session (their own level-4 account, consent_account_id) or face_of_principal (a
 * face verification of the principal on the helper's device, consent_face_verification_id).
 * delegation_acts: every act done as delegate, append-only: what the principal reads as
 * "由 张* 查看了您的健康码", with the record acted on (an application id, a certificate id).
 *
 * Frozen in time: no app imports.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('delegations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('helper_citizen_id', 'text', (column) => column.notNull().references('citizens.id'))
    .addColumn('helper_account_id', 'text', (column) => column.notNull())
    .addColumn('principal_citizen_id', 'text', (column) => column.notNull().references('citizens.id'))
    .addColumn('scopes', 'text', (column) => column.notNull())
    .addColumn('ends_at', 'text', (column) => column.notNull())
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('consent_method', 'text')
    .addColumn('consent_account_id', 'text')
    .addColumn('consent_face_verification_id', 'text')
    // The face verification of the principal started on the helper's device, until it settles.
    .addColumn('pending_face_verification_id', 'text')
    .addColumn('consented_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text')
    .addCheckConstraint('delegations_state_check', sql`state in ('invited', 'active', 'ended')`)
    .addCheckConstraint('delegations_two_people_check', sql`helper_citizen_id <> principal_citizen_id`)
    .execute()
  await db.schema.createIndex('delegations_helper_idx').on('delegations').columns(['helper_citizen_id', 'state']).execute()
  await db.schema.createIndex('delegations_principal_idx').on('delegations').columns(['principal_citizen_id', 'state']).execute()

  const postgres = isPostgres(db)
  await db.schema
    .createTable('delegation_acts')
    .addColumn('id', 'integer', (column) => (postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement()))
    .addColumn('delegation_id', 'text', (column) => column.notNull().references('delegations.id'))
    .addColumn('principal_citizen_id', 'text', (column) => column.notNull())
    .addColumn('helper_citizen_id', 'text', (column) => column.notNull())
    .addColumn('helper_account_id', 'text', (column) => column.notNull())
    // e.g. health_code.view, application.submit (server/delegations/delegated-routes.ts)
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('target_id', 'text')
    .addColumn('occurred_at', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('delegation_acts_principal_idx').on('delegation_acts').columns(['principal_citizen_id', 'id']).execute()
  await db.schema.createIndex('delegation_acts_target_idx').on('delegation_acts').column('target_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delegation_acts').execute()
  await db.schema.dropTable('delegations').execute()
}
