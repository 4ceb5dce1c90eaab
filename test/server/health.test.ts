import { sql } from 'kysely'
import pino from 'pino'
import { buildApp } from '../../server/app'
import { startServer, type TestServer } from '../support/http'
import { dialects, type TestDatabase } from '../support/dialects'
import { startApp } from '../support/server-app'

describe.each(dialects())('health probes on $name', (dialect) => {
  let testDb: TestDatabase
  let server: TestServer

  beforeAll(async () => {
    testDb = await dialect.setup()
  })
  afterEach(() => server.close())
  afterAll(() => testDb.cleanup())

  test('GET /api/health answers ok', async () => {
    server = await startApp({ config: testDb.config, db: testDb.open() })
    const response = await server.request('/api/health')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ status: 'ok' })
  })

  test('GET /api/ready names the database when it answers', async () => {
    server = await startApp({ config: testDb.config, db: testDb.open() })
    const response = await server.request('/api/ready')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ status: 'ready', database: dialect.name })
  })

  test('GET /api/ready answers 503 once the database is gone, while /api/health stays ok', async () => {
    const db = testDb.open()
    server = await startApp({ config: testDb.config, db })
    await db.destroy()

    const ready = await server.request('/api/ready')
    expect(ready.status).toBe(503)
    expect(ready.body).toEqual({
      status: 'unavailable',
      database: dialect.name,
      error: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' },
    })
    expect((await server.request('/api/health')).status).toBe(200)
  })

  test('an app that opened its own database answers ready and closes it with itself', async () => {
    const app = await buildApp({ config: testDb.config, logger: pino({ level: 'silent' }) })
    server = await startServer(app)
    expect((await server.request('/api/ready')).body).toEqual({ status: 'ready', database: dialect.name })
    await server.close()
    await expect(sql`select 1`.execute(app.db)).rejects.toMatchObject({ message: expect.stringMatching(/destroyed/) })
  })
})
