import SqliteDatabase from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import pg from 'pg'
import { buildApp } from '../../../server/app'
import { createDb, poolTimeouts } from '../../../server/db/create-db'
import { stoppableDatabase, type StoppableDatabase } from '../../support/database-outage'
import { dialects, testConfig, type TestDatabase } from '../../support/dialects'
import type { TestResponse, TestServer } from '../../support/http'
import { memorySessionStore } from '../../support/memory-session-store'
import { startApp } from '../../support/server-app'
import { sessionFor } from '../../support/sessions'

/**
 * A database that stops answering rather than refusing connections: another session holds a
 * lock the routes need (PostgreSQL: LOCK TABLE … IN ACCESS EXCLUSIVE MODE in an open
 * transaction; SQLite: the write lock), or (PostgreSQL) the connection passes no more bytes.
 * The pool's timeouts turn that into the 503 + retry-after a refused connection gets, within
 * the timeout instead of never; the health code keeps coming from its cache; and once the lock
 * is gone everything answers again on the same pool.
 */

/** Small timeouts, so the suite does not wait long; the defaults are checked in config-rows.test.ts. */
const STATEMENT_TIMEOUT_MS = 1000
const ACQUIRE_TIMEOUT_MS = 1000
/** Scheduling slack on a loaded test machine; a hang would be far longer. */
const SLACK_MS = 2500

describe.each(dialects())('a database that stops answering on $name', (dialect) => {
  let testDb: TestDatabase
  let database: StoppableDatabase
  let server: TestServer & { app: FastifyInstance }
  let token: string

  const get = (path: string): Promise<TestResponse> => server.request(path, { headers: { authorization: `Bearer ${token}` } })
  const post = (path: string, payload: unknown): Promise<TestResponse> => server.request(path, { method: 'POST', payload, headers: { authorization: `Bearer ${token}` } })
  const feedback = { kind: 'suggestion', category: 'app_usage', text: '希望增加夜间办理时段' }
  const timed = async (send: () => Promise<TestResponse>) => {
    const started = performance.now()
    const response = await send()
    return { response, ms: performance.now() - started }
  }
  const expectUnavailable = ({ response, ms }: { response: TestResponse; ms: number }, within: number) => {
    expect({ status: response.status, code: response.body?.error?.code, retryAfter: response.headers.get('retry-after') }).toEqual({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      retryAfter: '30',
    })
    expect(ms).toBeLessThan(within + SLACK_MS)
  }

  beforeAll(async () => {
    testDb = await dialect.setup()
    const env = {
      ...testDb.env,
      AUTH_SANDBOX: '1',
      RATE_LIMIT_LOGIN: '1000/1m',
      RATE_LIMIT_VERIFICATION: '1000/1m',
      RATE_LIMIT_FEEDBACK: '1000/1m',
      DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      DB_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_TIMEOUT_MS),
    }
    const config = testConfig(env)
    // The API pool with this config's timeouts, as the server opens it; on PostgreSQL through a
    // relay that can stop passing bytes.
    if (dialect.name === 'postgres') {
      database = await stoppableDatabase(testDb, { timeouts: poolTimeouts(config, 'api') })
    } else {
      const db = createDb(config.database, { timeouts: poolTimeouts(config, 'api') })
      database = { db, stop: async () => undefined, start: async () => undefined, close: () => db.destroy() }
    }
    // Migrations wait for other suites' (one lock for every migrating process): not through the short-timeout pool.
    server = await startApp({ config, db: database.db, setupDb: testDb.open(), seed: true, build: { sessionStore: memorySessionStore() } })
    token = await sessionFor(server.app, 'zhang-wei')
  })
  afterAll(async () => {
    await server?.close()
    await database?.close()
    await testDb?.cleanup()
  })

  if (dialect.name === 'postgres') {
    test('another session holds LOCK TABLE … ACCESS EXCLUSIVE: 503 with retry-after within the statement timeout; the health code from its cache; all back after the lock', async () => {
      const live = await get('/api/health-code')
      expect(live.status).toBe(200)
      expect(live.body.source).toBe('live')
      expect((await get('/api/applications')).status).toBe(200)

      const locker = new pg.Client({ connectionString: testDb.env.DATABASE_URL })
      await locker.connect()
      try {
        await locker.query('begin')
        await locker.query('lock table applications, feedback, health_status in access exclusive mode')

        expectUnavailable(await timed(() => get('/api/applications')), STATEMENT_TIMEOUT_MS)
        expectUnavailable(await timed(() => post('/api/feedback', feedback)), STATEMENT_TIMEOUT_MS)
        const cached = await get('/api/health-code')
        expect(cached.status).toBe(200)
        expect(cached.body).toMatchObject({ source: 'cache', colour: live.body.colour })
        // Routes that need none of the locked tables are not held up.
        expect((await get('/api/notices')).status).toBe(200)
      } finally {
        await locker.query('rollback')
        await locker.end()
      }

      // The cancelled statements left the pool's connections usable.
      expect((await get('/api/applications')).status).toBe(200)
      expect((await post('/api/feedback', feedback)).status).toBe(201)
      expect((await get('/api/health-code')).body.source).toBe('live')
    })

    test('the server stops passing bytes altogether: 503 within the statement timeout plus the client grace; the hung connections are dropped, not reused', async () => {
      expect((await get('/api/health-code')).body.source).toBe('live')
      database.freeze!()
      try {
        // A query on an open connection: the client gives up after the server's own timeout + 1 s.
        expectUnavailable(await timed(() => get('/api/applications')), STATEMENT_TIMEOUT_MS + 1000)
        // No connection to be had: the acquire timeout.
        expectUnavailable(await timed(() => get('/api/feedback')), STATEMENT_TIMEOUT_MS + 1000 + ACQUIRE_TIMEOUT_MS)
        const cached = await get('/api/health-code')
        expect(cached.status).toBe(200)
        expect(cached.body.source).toBe('cache')
      } finally {
        database.thaw!()
      }
      expect((await get('/api/applications')).status).toBe(200)
      expect((await get('/api/health-code')).body.source).toBe('live')
    })

    test('an app that opens its own database has two pools: the API one with the short statement timeout, the reports one with the long', async () => {
      const config = testConfig({ ...testDb.env, DB_STATEMENT_TIMEOUT_MS: '1500', DB_REPORT_STATEMENT_TIMEOUT_MS: '600000' })
      const app = await buildApp({ config })
      try {
        await app.ready()
        expect(app.reportsDb).not.toBe(app.db)
        const timeoutOf = async (db: typeof app.db) => (await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db)).rows[0]?.statement_timeout
        expect(await timeoutOf(app.db)).toBe('1500ms')
        expect(await timeoutOf(app.reportsDb)).toBe('10min')
      } finally {
        await app.close()
      }
    })
  } else {
    test('another connection holds the write lock: writes answer 503 with retry-after within the acquire timeout (busy_timeout); reads and the health code go on; all back after the lock', async () => {
      expect((await post('/api/feedback', feedback)).status).toBe(201)
      const locker = new SqliteDatabase(testDb.env.SQLITE_PATH!)
      try {
        locker.pragma('journal_mode = WAL')
        locker.exec('begin immediate')

        expectUnavailable(await timed(() => post('/api/feedback', feedback)), ACQUIRE_TIMEOUT_MS)
        // WAL: readers are not blocked by a writer.
        expect((await get('/api/applications')).status).toBe(200)
        expect((await get('/api/health-code')).status).toBe(200)
      } finally {
        locker.exec('rollback')
        locker.close()
      }
      expect((await post('/api/feedback', feedback)).status).toBe(201)
    })

    test('the API pool on SQLite waits DB_ACQUIRE_TIMEOUT_MS for a writer (busy_timeout)', async () => {
      const config = testConfig({ ...testDb.env, DB_ACQUIRE_TIMEOUT_MS: '1234' })
      const db = createDb(config.database, { timeouts: poolTimeouts(config, 'api') })
      try {
        const [row] = (await sql<{ timeout: number }>`pragma busy_timeout`.execute(db)).rows
        expect(row?.timeout).toBe(1234)
      } finally {
        await db.destroy()
      }
    })
  }
})
