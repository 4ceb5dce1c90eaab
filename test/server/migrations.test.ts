import { NO_MIGRATIONS, sql, type Kysely } from 'kysely'
import type { Database } from '../../server/db/database'
import { dialectOf } from '../../server/db/dialect'
import { createMigrator, MigrationError, migrateToLatest } from '../../server/db/migrator'
import { dialects } from '../support/dialects'
import { useDialectDb } from '../support/dialect-app'

async function tableNames(db: Kysely<Database>): Promise<string[]> {
  // Only this connection's schema: on PostgreSQL other suites' schemas are visible too.
  const tables = await db.introspection.getTables()
  const own = dialectOf(db) === 'postgres' ? await currentSchema(db) : undefined
  return tables.filter((table) => own === undefined || table.schema === own).map((table) => table.name)
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return rows[0]!.schema
}

const ALL_MIGRATIONS = [
  '2026-11-22T00-00-00_notices',
  '2026-11-23T00-00-00_citizens_and_accounts',
  '2026-11-23T00-01-00_sessions',
  '2026-11-23T00-02-00_face_verifications',
  '2026-11-23T00-03-00_audit_log',
  '2026-11-24T00-00-00_health_status',
  '2026-11-25T00-00-00_social_security',
  '2026-11-26T00-00-00_certificates',
  '2026-11-26T00-01-00_certificate_presentations',
  '2026-11-26T00-02-00_certificate_authorisations',
  '2026-11-26T00-03-00_certificate_ledger',
  '2026-11-27T00-00-00_service_items',
  '2026-11-27T00-01-00_applications',
  '2026-11-27T00-02-00_service_search',
  '2026-11-27T00-03-00_application_request_hash',
  '2026-11-27T00-03-10_notifications',
  '2026-11-27T00-03-20_application_number_counters',
  '2026-11-27T00-04-00_evaluations_and_feedback',
  '2026-11-27T00-05-00_operators',
  '2026-11-27T00-06-00_application_starts',
  '2026-12-06T00-00-00_identity_bindings',
  '2026-12-06T01-00-00_mask_search_queries',
  '2026-12-06T02-00-00_message_read',
  '2026-12-06T04-00-00_working_calendar',
  '2026-12-06T05-00-00_operator_must_change_password',
  '2026-12-06T05-10-00_feedback_closing',
  '2026-12-06T05-40-00_application_supplements',
  '2026-12-06T10-00-00_application_uploads',
  '2026-12-06T11-00-00_appointments',
  '2026-12-06T12-00-00_results_delivered',
  '2026-12-06T13-00-00_life_event_applications',
  '2026-12-06T14-00-00_payments',
  '2026-12-06T15-00-00_delegations',
  '2026-12-06T17-00-00_appointment_reminders',
]
const IDENTITY_TABLES = ['population_registry', 'citizens', 'platform_accounts', 'account_roles', 'sessions', 'face_verifications', 'audit_log']

describe.each(dialects())('migrations on $name', (dialect) => {
  const { db } = useDialectDb(dialect, { migrate: false })

  test('up, down, up again leaves a working notices table', async () => {
    expect(await migrateToLatest(db)).toEqual(ALL_MIGRATIONS)
    expect(await tableNames(db)).toEqual(expect.arrayContaining(['notices', ...IDENTITY_TABLES]))

    const migrator = await createMigrator(db)
    const down = await migrator.migrateTo(NO_MIGRATIONS)
    expect(down.error).toBeUndefined()
    const left = await tableNames(db)
    for (const table of ['notices', ...IDENTITY_TABLES]) expect(left).not.toContain(table)

    expect(await migrateToLatest(db)).toEqual(ALL_MIGRATIONS)
    const inserted = await db
      .insertInto('notices')
      .values({ title: '标题', summary: '摘要', body: '正文', department: '市政务服务管理局', published_at: '2026-01-01T00:00:00.000Z', status: 'published' })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(inserted.id).toBeGreaterThanOrEqual(1)
  })

  test('running again applies nothing', async () => {
    expect(await migrateToLatest(db)).toEqual([])
  })

  test('the status column only accepts published or retired', async () => {
    await expect(
      db
        .insertInto('notices')
        .values({ title: 't', summary: 's', body: 'b', department: 'd', published_at: '2026-01-01T00:00:00.000Z', status: 'draft' as 'published' })
        .execute(),
      // Not toThrow(): better-sqlite3's native addon keeps the error class of the first jest
      // sandbox that loaded it, so in later test files its errors are not `instanceof Error`.
    ).rejects.toMatchObject({ message: expect.stringMatching(/check/i) })
  })

  test('a failing migration is named in the error', async () => {
    const migrator = await createMigrator(db)
    expect((await migrator.migrateTo(NO_MIGRATIONS)).error).toBeUndefined()
    // A leftover table makes the notices migration fail.
    await db.schema.createTable('notices').addColumn('id', 'integer').execute()
    const failure = await migrateToLatest(db).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(MigrationError)
    expect((failure as MigrationError).migrationName).toBe('2026-11-22T00-00-00_notices')
    expect((failure as Error).message).toMatch(/^Migration 2026-11-22T00-00-00_notices failed: .*notices/)
  })
})
