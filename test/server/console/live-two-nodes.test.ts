import { randomBytes } from 'node:crypto'
import type { LiveActivity } from '../../../src/contract/console/schemas'
import { hashPassword } from '../../../server/operators/passwords'
import { createOperatorsRepository } from '../../../server/operators/repository'
import { dialects, type TestDatabase } from '../../support/dialects'
import { startServerProcess, type ServerProcess } from '../../support/server-process'
import { openSse, type SseClient } from '../../support/sse'

/**
 * Two API nodes (two server processes) on one database and one Redis: a citizen's actions
 * on node 1 reach a dashboard connected to node 2 within 2 s (Redis pub/sub), and node 2's
 * own actions too (not twice).
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

describe.each(dialects())('live feed across two nodes ($name, Redis)', (dialect) => {
  let testDb: TestDatabase
  const nodes: ServerProcess[] = []
  let client: SseClient | undefined
  const operatorName = `op-${randomBytes(4).toString('hex')}`

  beforeAll(async () => {
    testDb = await dialect.setup()
    const env = {
      ...testDb.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: '1',
      REDIS_URL,
      // Its own channel: parallel suites on the same Redis must not see each other's citizens.
      REDIS_KEY_PREFIX: `gm-test-${randomBytes(4).toString('hex')}:`,
    }
    // One after the other: the first migrates and seeds, the second finds it done.
    nodes.push(await startServerProcess(env))
    nodes.push(await startServerProcess(env))
  }, 90_000)
  afterAll(async () => {
    client?.close()
    await Promise.all(nodes.map((node) => node.stop()))
    await testDb.cleanup()
  }, 30_000)

  test("a citizen's view and search on node 1 reach node 2's dashboard within 2 s", async () => {
    const db = testDb.open()
    const username = operatorName
    await db.transaction().execute(async (trx) =>
      createOperatorsRepository(trx).create({ username, displayName: '看板测试', passwordHash: await hashPassword('ceshi-caozuoyuan-2026'), roles: ['reviewer'], grantedBy: null }, new Date()),
    )
    const [node1, node2] = nodes as [ServerProcess, ServerProcess]
    const login = await fetch(`${node2.baseUrl}/api/operator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'ceshi-caozuoyuan-2026' }),
    })
    expect(login.status).toBe(201)
    const { token } = (await login.json()) as { token: string }
    client = await openSse(`${node2.baseUrl}/api/operator/live`, { authorization: `Bearer ${token}` })
    await client.next((event) => event.event === 'snapshot', 10_000)

    const { items } = (await (await fetch(`${node1.baseUrl}/api/services?limit=1`)).json()) as { items: { code: string; name: string }[] }
    const { code, name } = items[0]!
    let sent = performance.now()
    expect((await fetch(`${node1.baseUrl}/api/services/${code}`)).status).toBe(200)
    const view = await client.next((event) => event.event === 'activity' && (event.data as LiveActivity).kind === 'view')
    expect(view.receivedAt - sent).toBeLessThan(2000)
    expect(view.data).toMatchObject({ kind: 'view', serviceCode: code, serviceName: name })

    sent = performance.now()
    await fetch(`${node1.baseUrl}/api/services/search?q=${encodeURIComponent('火星签证')}`)
    const search = await client.next((event) => event.event === 'activity' && (event.data as LiveActivity).kind === 'search_zero')
    expect(search.receivedAt - sent).toBeLessThan(2000)
    expect(search.data).toMatchObject({ query: '火星签证' })

    // Node 2's own citizen: delivered once (locally), not again when it comes back from Redis.
    await fetch(`${node2.baseUrl}/api/services/${code}`)
    await client.next((event) => event.event === 'activity' && (event.data as LiveActivity).kind === 'view' && event !== view)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(client.events.filter((event) => event.event === 'activity' && (event.data as LiveActivity).kind === 'view')).toHaveLength(2)
  }, 30_000)

  test('SIGTERM with a dashboard connected: the stream gets bye and ends, the process exits 0 at once', async () => {
    const node2 = nodes[1]!
    const login = await fetch(`${node2.baseUrl}/api/operator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: operatorName, password: 'ceshi-caozuoyuan-2026' }),
    })
    const { token } = (await login.json()) as { token: string }
    const watcher = await openSse(`${node2.baseUrl}/api/operator/live`, { authorization: `Bearer ${token}` })
    await watcher.next((event) => event.event === 'snapshot', 10_000)
    const started = Date.now()
    const exited = new Promise<number | null>((resolve) => node2.child.once('exit', (code) => resolve(code)))
    node2.child.kill('SIGTERM')
    await watcher.next((event) => event.event === 'bye', 5000)
    await watcher.ended
    expect(await exited).toBe(0)
    // Well inside the 10 s shutdown limit: the open stream did not hold the close.
    expect(Date.now() - started).toBeLessThan(5000)
  }, 30_000)
})
