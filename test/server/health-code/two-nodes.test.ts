import { randomBytes } from 'node:crypto'
import { seedBenchCitizens, benchCitizen } from '../../../bench/api/bench-citizens'
import { baseEnv } from '../../../bench/api/environment'
import { runNodeScript } from '../../../bench/api/processes'
import { loadConfig } from '../../../server/config'
import { createDb } from '../../../server/db/create-db'
import { createAccountsRepository } from '../../../server/identity/accounts'
import { createDatabaseSessionStore } from '../../../server/identity/sessions/database-session-store'
import { createRedisSessionStore } from '../../../server/identity/sessions/redis-session-store'
import { createSessions } from '../../../server/identity/sessions/sessions'
import { hashPassword } from '../../../server/operators/passwords'
import { createOperatorsRepository } from '../../../server/operators/repository'
import { Redis } from 'ioredis'
import { dialects, type TestDatabase } from '../../support/dialects'
import { startServerProcess, type ServerProcess } from '../../support/server-process'

/**
 * Two API nodes (two server processes) on one database: each keeps in-process copies of
 * sessions, accounts and statuses (server/cache/hot-cache.ts), yet a logout, a level change
 * and a status change made on node 1 take effect on node 2 within 1 s: over Redis pub/sub on
 * PostgreSQL + Redis, through SQLite's data_version (polled every 100 ms) on SQLite without Redis. And a status
 * changed under load is never answered with the old colour on node 1 once acknowledged.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const WITHIN_MS = 1000
const PASSWORD = 'ceshi-jiankangma-2026'

interface Code {
  colour: string
  issuedAt: string
}

describe.each(dialects())('health code across two nodes ($name)', (dialect) => {
  let testDb: TestDatabase
  const nodes: ServerProcess[] = []
  let tokens: string[]
  let secondAccount: { id: string; token: string }
  let officerToken: string

  beforeAll(async () => {
    testDb = await dialect.setup()
    const redis: Record<string, string> = dialect.name === 'postgres' ? { REDIS_URL, REDIS_KEY_PREFIX: `gm-test-${randomBytes(4).toString('hex')}:` } : { REDIS_URL: '' }
    // DATABASE_URL '' first: a PostgreSQL URL in the caller's environment must not leak into the SQLite run.
    const env = { ...baseEnv(), DATABASE_URL: '', ...testDb.env, ...redis }
    runNodeScript('server/seed-cli.ts', env)
    const config = loadConfig({ ...env })
    tokens = await seedBenchCitizens(config, 3)
    // Citizen 2 also on Alipay, proven there too: the binding node 1 removes.
    const db = createDb(config.database)
    const redisClient = config.redisUrl ? new Redis(config.redisUrl) : null
    try {
      const accounts = createAccountsRepository(db)
      const [owner] = await db.selectFrom('platform_accounts').select('citizen_id').where('subject', '=', 'bench-citizen-2').execute()
      const id = await accounts.ensure({ platform: 'alipay', subject: 'alipay-citizen-2' }, new Date())
      await accounts.setCitizenAndLevel(id, owner!.citizen_id!, 4)
      const store = redisClient ? createRedisSessionStore(redisClient, config.redisKeyPrefix, () => new Date()) : createDatabaseSessionStore(db, () => new Date())
      const sessions = createSessions(store, { idleMs: 30 * 60_000, absoluteMs: 3_600_000 }, () => new Date())
      secondAccount = { id, token: (await sessions.open(id)).token }
      await db.transaction().execute(async (trx) =>
        createOperatorsRepository(trx).create({ username: 'hc-officer', displayName: '健康码测试', passwordHash: await hashPassword(PASSWORD), roles: ['health_officer'], grantedBy: null }, new Date()),
      )
    } finally {
      await db.destroy()
      redisClient?.disconnect()
    }
    nodes.push(await startServerProcess(env, 90_000))
    nodes.push(await startServerProcess(env, 90_000))
    const login = await fetch(`${nodes[0]!.baseUrl}/api/operator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hc-officer', password: PASSWORD }),
    })
    expect(login.status).toBe(201)
    officerToken = ((await login.json()) as { token: string }).token
  }, 240_000)
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop()))
    await testDb?.cleanup()
  }, 30_000)

  const code = (node: ServerProcess, token: string) => fetch(`${node.baseUrl}/api/health-code`, { headers: { authorization: `Bearer ${token}` } })

  /** Asks node 2 until `done` holds for its answer; the time it took after `since`. */
  async function seenOnNode2(token: string, done: (status: number, body: unknown) => boolean, since: number): Promise<number> {
    for (;;) {
      const response = await code(nodes[1]!, token)
      if (done(response.status, await response.json())) return performance.now() - since
      if (performance.now() - since > 5000) throw new Error('node 2 never saw the change')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  test('a logout on node 1 ends the session on node 2 within 1 s', async () => {
    const [node1, node2] = nodes as [ServerProcess, ServerProcess]
    // Both nodes hold the session now.
    for (const node of [node1, node2, node2]) expect((await code(node, tokens[0]!)).status).toBe(200)
    const start = performance.now()
    const logout = await fetch(`${node1.baseUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${tokens[0]}` } })
    expect(logout.status).toBe(204)
    expect((await code(node1, tokens[0]!)).status).toBe(401)
    expect(await seenOnNode2(tokens[0]!, (status) => status === 401, start)).toBeLessThan(WITHIN_MS)
  }, 30_000)

  test('a binding removed on node 1 (level 4 → 1) is refused on node 2 within 1 s', async () => {
    const [node1, node2] = nodes as [ServerProcess, ServerProcess]
    for (let i = 0; i < 3; i++) expect((await code(node2, secondAccount.token)).status).toBe(200)
    const start = performance.now()
    const removed = await fetch(`${node1.baseUrl}/api/me/bindings/${secondAccount.id}/remove`, { method: 'POST', headers: { authorization: `Bearer ${tokens[2]}` } })
    expect(removed.status).toBe(204)
    expect((await code(node1, secondAccount.token)).status).toBe(403)
    expect(await seenOnNode2(secondAccount.token, (status) => status === 403, start)).toBeLessThan(WITHIN_MS)
  }, 30_000)

  test('a status change under a load of code requests: never the old colour on node 1 once acknowledged, on node 2 within 1 s', async () => {
    const [node1, node2] = nodes as [ServerProcess, ServerProcess]
    const answers: { node: 1 | 2; sentAt: number; status: number; body: Code }[] = []
    let running = true
    const loop = async (node: ServerProcess, which: 1 | 2) => {
      while (running) {
        const sentAt = performance.now()
        const response = await code(node, tokens[1]!)
        answers.push({ node: which, sentAt, status: response.status, body: (await response.json()) as Code })
      }
    }
    const loops = [1, 2, 3, 4].flatMap(() => [loop(node1, 1), loop(node2, 2)])
    await new Promise((resolve) => setTimeout(resolve, 500))
    const changeSent = performance.now()
    const change = await fetch(`${node1.baseUrl}/api/ops/health-statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ idNumber: benchCitizen(1).idNumber, colour: 'red', reason: '密接人员', source: '疾控中心' }),
    })
    const acknowledged = performance.now()
    expect(change.status).toBe(200)
    const { since, changed } = (await change.json()) as { since: string; changed: boolean }
    expect(changed).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    running = false
    await Promise.all(loops)

    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    expect(answers.filter((answer) => answer.sentAt < changeSent).map((answer) => answer.body.colour)).toContain('green')
    // On the node that made the change: red from the moment it was acknowledged.
    const node1After = answers.filter((answer) => answer.node === 1 && answer.sentAt >= acknowledged)
    expect(node1After.length).toBeGreaterThan(0)
    expect(node1After.filter((answer) => answer.body.colour !== 'red')).toEqual([])
    // On node 2: red within 1 s.
    const node2Late = answers.filter((answer) => answer.node === 2 && answer.sentAt >= acknowledged + WITHIN_MS)
    expect(node2Late.length).toBeGreaterThan(0)
    expect(node2Late.filter((answer) => answer.body.colour !== 'red')).toEqual([])
    // By the server clock: no green code issued a second or more after the change (issuedAt is whole seconds).
    const changedAt = Date.parse(since)
    expect(answers.filter((answer) => answer.body.colour === 'green' && Date.parse(answer.body.issuedAt) >= changedAt + WITHIN_MS)).toEqual([])
  }, 60_000)
})
