import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { dialectOf } from './dialect'
import * as m20261122notices from './migrations/2026-11-22T00-00-00_notices'
import * as m20261123citizens from './migrations/2026-11-23T00-00-00_citizens_and_accounts'
import * as m20261123sessions from './migrations/2026-11-23T00-01-00_sessions'
import * as m20261123face from './migrations/2026-11-23T00-02-00_face_verifications'
import * as m20261123audit from './migrations/2026-11-23T00-03-00_audit_log'
import * as m20261124health from './migrations/2026-11-24T00-00-00_health_status'
import * as m20261125social from './migrations/2026-11-25T00-00-00_social_security'
import * as m20261126certificates from './migrations/2026-11-26T00-00-00_certificates'
import * as m20261126presentations from './migrations/2026-11-26T00-01-00_certificate_presentations'
import * as m20261126authorisations from './migrations/2026-11-26T00-02-00_certificate_authorisations'
import * as m20261126ledger from './migrations/2026-11-26T00-03-00_certificate_ledger'
import * as m20261127serviceItems from './migrations/2026-11-27T00-00-00_service_items'
import * as m20261127applications from './migrations/2026-11-27T00-01-00_applications'
import * as m20261127serviceSearch from './migrations/2026-11-27T00-02-00_service_search'
import * as m20261127applicationRequestHash from './migrations/2026-11-27T00-03-00_application_request_hash'
import * as m20261127notifications from './migrations/2026-11-27T00-03-10_notifications'
import * as m20261127numberCounters from './migrations/2026-11-27T00-03-20_application_number_counters'
import * as m20261127evaluations from './migrations/2026-11-27T00-04-00_evaluations_and_feedback'
import * as m20261127operators from './migrations/2026-11-27T00-05-00_operators'
import * as m20261127applicationStarts from './migrations/2026-11-27T00-06-00_application_starts'
import * as m20261206identityBindings from './migrations/2026-12-06T00-00-00_identity_bindings'
import * as m20261206maskSearchQueries from './migrations/2026-12-06T01-00-00_mask_search_queries'
import * as m20261206messageRead from './migrations/2026-12-06T02-00-00_message_read'
import * as m20261206workingCalendar from './migrations/2026-12-06T04-00-00_working_calendar'
import * as m20261206operatorMustChangePassword from './migrations/2026-12-06T05-00-00_operator_must_change_password'
import * as m20261206feedbackClosing from './migrations/2026-12-06T05-10-00_feedback_closing'
import * as m20261206applicationSupplements from './migrations/2026-12-06T05-40-00_application_supplements'
import * as m20261206resultsDelivered from './migrations/2026-12-06T12-00-00_results_delivered'
import * as m20261206delegations from './migrations/2026-12-06T15-00-00_delegations'
import * as m20261206applicationUploads from './migrations/2026-12-06T10-00-00_application_uploads'
import * as m20261206appointments from './migrations/2026-12-06T11-00-00_appointments'
import * as m20261206payments from './migrations/2026-12-06T14-00-00_payments'
import * as m20261206lifeEventApplications from './migrations/2026-12-06T13-00-00_life_event_applications'
import * as m20261206appointmentReminders from './migrations/2026-12-06T17-00-00_appointment_reminders'

/**
 * Every migration, by name, in an explicit list: it works the same under tsx, jest and a
 * bundler, where scanning the filesystem would not. Names sort by date; add new ones last.
 */
const migrations: Record<string, Migration> = {
  '2026-11-22T00-00-00_notices': m20261122notices,
  '2026-11-23T00-00-00_citizens_and_accounts': m20261123citizens,
  '2026-11-23T00-01-00_sessions': m20261123sessions,
  '2026-11-23T00-02-00_face_verifications': m20261123face,
  '2026-11-23T00-03-00_audit_log': m20261123audit,
  '2026-11-24T00-00-00_health_status': m20261124health,
  '2026-11-25T00-00-00_social_security': m20261125social,
  '2026-11-26T00-00-00_certificates': m20261126certificates,
  '2026-11-26T00-01-00_certificate_presentations': m20261126presentations,
  '2026-11-26T00-02-00_certificate_authorisations': m20261126authorisations,
  '2026-11-26T00-03-00_certificate_ledger': m20261126ledger,
  '2026-11-27T00-00-00_service_items': m20261127serviceItems,
  '2026-11-27T00-01-00_applications': m20261127applications,
  '2026-11-27T00-02-00_service_search': m20261127serviceSearch,
  '2026-11-27T00-03-00_application_request_hash': m20261127applicationRequestHash,
  '2026-11-27T00-03-10_notifications': m20261127notifications,
  '2026-11-27T00-03-20_application_number_counters': m20261127numberCounters,
  '2026-11-27T00-04-00_evaluations_and_feedback': m20261127evaluations,
  '2026-11-27T00-05-00_operators': m20261127operators,
  '2026-11-27T00-06-00_application_starts': m20261127applicationStarts,
  '2026-12-06T00-00-00_identity_bindings': m20261206identityBindings,
  '2026-12-06T01-00-00_mask_search_queries': m20261206maskSearchQueries,
  '2026-12-06T02-00-00_message_read': m20261206messageRead,
  '2026-12-06T04-00-00_working_calendar': m20261206workingCalendar,
  '2026-12-06T05-00-00_operator_must_change_password': m20261206operatorMustChangePassword,
  '2026-12-06T05-10-00_feedback_closing': m20261206feedbackClosing,
  '2026-12-06T05-40-00_application_supplements': m20261206applicationSupplements,
  '2026-12-06T12-00-00_results_delivered': m20261206resultsDelivered,
  '2026-12-06T15-00-00_delegations': m20261206delegations,
  '2026-12-06T10-00-00_application_uploads': m20261206applicationUploads,
  '2026-12-06T11-00-00_appointments': m20261206appointments,
  '2026-12-06T14-00-00_payments': m20261206payments,
  '2026-12-06T13-00-00_life_event_applications': m20261206lifeEventApplications,
  '2026-12-06T17-00-00_appointment_reminders': m20261206appointmentReminders,
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

export async function createMigrator(db: Kysely<any>): Promise<Migrator> {
  return new Migrator({ db, provider, migrationTableSchema: await migrationTableSchema(db) })
}

/**
 * Kysely looks for its bookkeeping tables in every schema it can introspect. On PostgreSQL
 * that would find another schema's `kysely_migration` (e.g. a parallel test run) and skip
 * creating our own, so pin the bookkeeping to the schema this connection works in.
 */
async function migrationTableSchema(db: Kysely<any>): Promise<string | undefined> {
  if (dialectOf(db) !== 'postgres') return undefined
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return rows[0]?.schema
}

export class MigrationError extends Error {
  readonly migrationName?: string

  constructor(migrationName: string | undefined, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(migrationName ? `Migration ${migrationName} failed: ${reason}` : `Migrating failed: ${reason}`, { cause })
    this.name = 'MigrationError'
    this.migrationName = migrationName
  }
}

/** Applies every pending migration; returns the names applied. Throws naming the failed one. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = await createMigrator(db)
  for (let attempt = 1; ; attempt += 1) {
    const { error, results = [] } = await migrator.migrateToLatest()
    if (!error) return results.filter((result) => result.status === 'Success').map((result) => result.migrationName)
    const failed = results.find((result) => result.status === 'Error')?.migrationName
    // Kysely reads the catalogue of every schema to find its bookkeeping tables; a schema
    // dropped meanwhile by someone else (another tenant, a parallel test run) fails that
    // read with 3F000 naming *that* schema. Nothing of ours was touched: read again.
    if (!failed && attempt < 5 && (await isOtherSchemaGone(db, error))) {
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
      continue
    }
    throw new MigrationError(failed, error)
  }
}

async function isOtherSchemaGone(db: Kysely<any>, error: unknown): Promise<boolean> {
  if (dialectOf(db) !== 'postgres' || (error as { code?: string } | undefined)?.code !== '3F000') return false
  const own = await migrationTableSchema(db)
  return own !== undefined && !(error as Error).message.includes(`"${own}"`)
}
