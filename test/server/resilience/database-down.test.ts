import type { FastifyInstance } from 'fastify'
import { citizenIdFor, insertApplication } from '../../support/applications-fixture'
import { stoppableDatabase, type StoppableDatabase } from '../../support/database-outage'
import { dialects, testConfig, type TestDatabase } from '../../support/dialects'
import type { TestResponse, TestServer } from '../../support/http'
import { memorySessionStore } from '../../support/memory-session-store'
import { startApp } from '../../support/server-app'
import { sessionFor } from '../../support/sessions'

/**
 * The database stops under a running app and comes back. Sessions live outside it (as with
 * Redis in production; here an in-process store), so what is tested is the routes: the health
 * code goes on from the cache for citizens seen recently, the other routes answer 503
 * SERVICE_UNAVAILABLE with `retry-after` at once (not a 500, not a hang), and the very same
 * requests succeed again once the database is back, without restarting anything.
 */

/** Not a benchmark: a route that needs longer than this while the database is down is hanging. */
const HANG_GUARD_MS = 5000

interface Probe {
  name: string
  method: 'GET' | 'POST'
  path: string
  payload?: unknown
  /** The status the route answers while the database is up. */
  ok: number
}

describe.each(dialects())('the database goes down and comes back on $name', (dialect) => {
  let testDb: TestDatabase
  let database: StoppableDatabase
  let server: TestServer & { app: FastifyInstance }
  let token: string
  let probes: Probe[]

  const send = (probe: Pick<Probe, 'method' | 'path' | 'payload'>): Promise<TestResponse> =>
    server.request(probe.path, { method: probe.method, payload: probe.payload, headers: { authorization: `Bearer ${token}` } })

  const timed = async (probe: Probe) => {
    const started = performance.now()
    const response = await send(probe)
    return { response, ms: performance.now() - started }
  }

  beforeAll(async () => {
    testDb = await dialect.setup()
    database = await stoppableDatabase(testDb)
    // HOT_CACHE_MS 0: in-process copies would answer the outage's first moments as 'live'; this is about the outage cache.
    const config = testConfig({ ...testDb.env, AUTH_SANDBOX: '1', RATE_LIMIT_LOGIN: '1000/1m', RATE_LIMIT_VERIFICATION: '1000/1m', RATE_LIMIT_FEEDBACK: '1000/1m', HOT_CACHE_MS: '0' })
    server = await startApp({ config, db: database.db, seed: true, build: { sessionStore: memorySessionStore() } })
    token = await sessionFor(server.app, 'zhang-wei')
    const application = await insertApplication(server.app, config, await citizenIdFor(server.app, 'zhang-wei'))
    const feedback = await send({ method: 'POST', path: '/api/feedback', payload: { kind: 'suggestion', category: 'app_usage', text: '希望增加夜间办理时段' } })
    expect(feedback.status).toBe(201)
    const list = await send({ method: 'GET', path: '/api/services?limit=1' })
    const itemCode = list.body.items[0].code as string
    probes = [
      { name: 'catalogue list', method: 'GET', path: '/api/services?limit=5', ok: 200 },
      { name: 'catalogue facets', method: 'GET', path: '/api/services/facets', ok: 200 },
      { name: 'catalogue search', method: 'GET', path: `/api/services/search?q=${encodeURIComponent('社保')}`, ok: 200 },
      { name: 'catalogue guide', method: 'GET', path: `/api/services/${itemCode}`, ok: 200 },
      { name: 'evaluation', method: 'GET', path: `/api/applications/${application.id}/evaluation`, ok: 200 },
      { name: 'feedback list', method: 'GET', path: '/api/feedback', ok: 200 },
      { name: 'feedback item', method: 'GET', path: `/api/feedback/${feedback.body.id}`, ok: 200 },
      { name: 'feedback write', method: 'POST', path: '/api/feedback', payload: { kind: 'consultation', category: 'app_usage', text: '请问周末可以办理吗' }, ok: 201 },
      { name: 'applications list', method: 'GET', path: '/api/applications', ok: 200 },
      { name: 'application detail', method: 'GET', path: `/api/applications/${application.id}`, ok: 200 },
      { name: 'notices', method: 'GET', path: '/api/notices', ok: 200 },
    ]
  })
  afterAll(async () => {
    await server?.close()
    await database?.close()
    await testDb?.cleanup()
  })

  test('health code from the cache, 503 with retry-after elsewhere within the hang guard, all back once the database is', async () => {
    const live = await send({ method: 'GET', path: '/api/health-code' })
    expect(live.status).toBe(200)
    expect(live.body.source).toBe('live')
    for (const probe of probes) expect({ route: probe.name, status: (await send(probe)).status }).toEqual({ route: probe.name, status: probe.ok })

    await database.stop()
    expect((await server.request('/api/ready')).status).toBe(503)

    const cached = await send({ method: 'GET', path: '/api/health-code' })
    expect(cached.status).toBe(200)
    expect(cached.body).toMatchObject({ source: 'cache', colour: live.body.colour })

    for (const probe of probes) {
      const { response, ms } = await timed(probe)
      expect({ route: probe.name, status: response.status, code: response.body?.error?.code, retryAfter: response.headers.get('retry-after') }).toEqual({
        route: probe.name,
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        retryAfter: '30',
      })
      // A proxy must not keep the outage answer for a minute (the list sets a public max-age before it reads).
      expect({ route: probe.name, cacheControl: response.headers.get('cache-control') }).toEqual({ route: probe.name, cacheControl: 'no-store' })
      expect({ route: probe.name, withinGuard: ms < HANG_GUARD_MS }).toEqual({ route: probe.name, withinGuard: true })
    }

    await database.start()
    expect((await server.request('/api/ready')).status).toBe(200)
    for (const probe of probes) expect({ route: probe.name, status: (await send(probe)).status }).toEqual({ route: probe.name, status: probe.ok })
    const again = await send({ method: 'GET', path: '/api/health-code' })
    expect(again.body.source).toBe('live')
  })
})
