/**
 * The app for the 好差评 and feedback suites: the real app on a test database with the demo
 * citizens seeded and the sandbox login on, a movable clock, and a request helper that
 * fails the test the moment a response carries a full seeded ID number or phone.
 */
import type { FastifyInstance } from 'fastify'
import { sql, type Kysely } from 'kysely'
import type { Config } from '../../server/config'
import type { Database } from '../../server/db/database'
import { dialectOf } from '../../server/db/dialect'
import { testConfig, type TestDatabase } from './dialects'
import type { RequestOptions, TestResponse, TestServer } from './http'
import { fakeClock, leakedSecret } from './identity'
import { startApp } from './server-app'

export interface EvaluationsApp {
  server: TestServer & { app: FastifyInstance }
  app: FastifyInstance
  db: Kysely<Database>
  config: Config
  clock: ReturnType<typeof fakeClock>
  request(path: string, options?: RequestOptions & { token?: string }): Promise<TestResponse>
  close(): Promise<void>
}

export async function startEvaluationsApp(testDb: TestDatabase, env: Record<string, string> = {}): Promise<EvaluationsApp> {
  const config = testConfig({
    ...testDb.env,
    AUTH_SANDBOX: '1',
    RATE_LIMIT_LOGIN: '1000/1m',
    RATE_LIMIT_VERIFICATION: '1000/1m',
    ...env,
  })
  const db = testDb.open()
  const clock = fakeClock(new Date('2026-11-27T02:00:00.000Z'))
  const server = await startApp({ config, db, seed: true, build: { clock } })
  return {
    server,
    app: server.app,
    db,
    config,
    clock,
    async request(path, options = {}) {
      const { token, ...rest } = options
      const response = await server.request(path, { ...rest, headers: { ...rest.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } })
      const leaked = leakedSecret(response.text)
      if (leaked) throw new Error(`${path} leaked a full ID number or phone: ${response.text}`)
      return response
    },
    close: () => server.close(),
  }
}

export const post = (payload: unknown, token?: string): RequestOptions & { token?: string } => ({ method: 'POST', payload, token })

/** Rows in one of this feature's tables, optionally of one application. */
export async function count(db: Kysely<Database>, table: 'evaluations' | 'rectifications' | 'feedback', applicationId?: string): Promise<number> {
  const where = applicationId === undefined ? sql`` : sql`where application_id = ${applicationId}`
  const { rows } = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)} ${where}`.execute(db)
  return Number(rows[0]!.n)
}

/**
 * Makes every insert into rectifications fail, to prove a bad rating is never written
 * without its rectification. Returns the undo.
 */
export async function breakRectificationInserts(db: Kysely<Database>): Promise<() => Promise<void>> {
  if (dialectOf(db) === 'sqlite') {
    await sql`create trigger test_fail_rectification before insert on rectifications begin select raise(abort, 'injected failure'); end`.execute(db)
    return async () => void (await sql`drop trigger test_fail_rectification`.execute(db))
  }
  await sql`create function test_fail_rectification() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`.execute(db)
  await sql`create trigger test_fail_rectification before insert on rectifications for each row execute function test_fail_rectification()`.execute(db)
  return async () => {
    await sql`drop trigger test_fail_rectification on rectifications`.execute(db)
    await sql`drop function test_fail_rectification()`.execute(db)
  }
}

/** Audit rows of one event, oldest first, with their detail parsed. */
export async function auditOf(db: Kysely<Database>, event: string): Promise<{ account_id: string | null; operator_id: string | null; citizen_id: string | null; detail: Record<string, unknown> }[]> {
  const rows = await db.selectFrom('audit_log').select(['account_id', 'operator_id', 'citizen_id', 'detail']).where('event', '=', event).orderBy('id').execute()
  return rows.map((row) => ({ ...row, detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : {} }))
}
