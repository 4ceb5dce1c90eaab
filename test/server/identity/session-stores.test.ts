import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../../server/db/database'
import { migrateToLatest } from '../../../server/db/migrator'
import { createDatabaseSessionStore } from '../../../server/identity/sessions/database-session-store'
import { createRedisSessionStore } from '../../../server/identity/sessions/redis-session-store'
import type { SessionStore } from '../../../server/identity/sessions/session-store'
import { createSessions, hashToken } from '../../../server/identity/sessions/sessions'
import { dialects, type TestDatabase } from '../../support/dialects'
import { cleanupRedis, fakeClock, MINUTE, suiteRedis } from '../../support/identity'

/**
 * Both SessionStore implementations pass the same contract, through the session rules
 * that sit on top of them. The Redis cases run when REDIS_URL is set, e.g.
 *   REDIS_URL=redis://127.0.0.1:6379 npx jest --selectProjects server
 */
interface StoreCase {
  name: string
  setup(clock: () => Date): Promise<{ store: SessionStore; accountId: string; cleanup(): Promise<void> }>
}

const cases: StoreCase[] = dialects().map((dialect) => ({
  name: `database (${dialect.name})`,
  async setup(clock) {
    const testDb: TestDatabase = await dialect.setup()
    const db: Kysely<Database> = testDb.open()
    await migrateToLatest(db)
    const accountId = randomUUID()
    const at = clock().toISOString()
    await db
      .insertInto('platform_accounts')
      .values({ id: accountId, platform: 'weapp', subject: 'wx-store', union_id: null, citizen_id: null, level: 1, created_at: at, last_login_at: at })
      .execute()
    return { store: createDatabaseSessionStore(db, clock), accountId, cleanup: () => testDb.cleanup() }
  },
}))
if (process.env.REDIS_URL) {
  cases.push({
    name: 'redis',
    async setup(clock) {
      const suite = suiteRedis()!
      return { store: createRedisSessionStore(suite.redis, suite.prefix, clock), accountId: randomUUID(), cleanup: () => cleanupRedis(suite) }
    },
  })
}

describe.each(cases)('session store: $name', (storeCase) => {
  const clock = fakeClock()
  let store: SessionStore
  let accountId: string
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    ;({ store, accountId, cleanup } = await storeCase.setup(clock))
  })
  afterAll(() => cleanup())

  const sessions = () => createSessions(store, { idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE }, clock)

  test('stores a session under the token hash and finds it by the token', async () => {
    const opened = await sessions().open(accountId)
    expect(opened.tokenHash).toBe(hashToken(opened.token))
    expect(await store.find(opened.token)).toBeUndefined()
    expect(await store.find(opened.tokenHash)).toMatchObject({ accountId, verifiedAt: null })
    expect(await sessions().authenticate(opened.token)).toMatchObject({ accountId, tokenHash: opened.tokenHash })
  })

  test('use moves the idle deadline, never past the absolute one', async () => {
    const opened = await sessions().open(accountId)
    clock.advance(20 * MINUTE)
    await sessions().authenticate(opened.token)
    const touched = await store.find(opened.tokenHash)
    expect(Date.parse(touched!.idleExpiresAt) - clock().getTime()).toBe(30 * MINUTE)

    clock.advance(30 * MINUTE)
    expect(await sessions().authenticate(opened.token)).toBeUndefined()
    // Gone from the store, not just refused.
    expect(await store.find(opened.tokenHash)).toBeUndefined()
  })

  test('the idle deadline is capped by the absolute deadline', async () => {
    const opened = await sessions().open(accountId)
    for (let step = 0; step < 35; step++) {
      clock.advance(20 * MINUTE)
      expect(await sessions().authenticate(opened.token)).toBeDefined()
    }
    // 11h40 after login: the idle deadline may not go past 12h.
    const stored = await store.find(opened.tokenHash)
    expect(stored!.idleExpiresAt).toBe(stored!.absoluteExpiresAt)
    clock.advance(20 * MINUTE)
    expect(await sessions().authenticate(opened.token)).toBeUndefined()
  })

  test('verification is recorded per session; revoking deletes it', async () => {
    const opened = await sessions().open(accountId)
    const other = await sessions().open(accountId)
    const at = await sessions().markVerified(opened.tokenHash)
    expect((await sessions().authenticate(opened.token))!.verifiedAt).toEqual(at)
    expect((await sessions().authenticate(other.token))!.verifiedAt).toBeUndefined()
    await sessions().revoke(opened.tokenHash)
    expect(await store.find(opened.tokenHash)).toBeUndefined()
    expect(await sessions().authenticate(opened.token)).toBeUndefined()
    expect(await sessions().authenticate(other.token)).toBeDefined()
  })

  test('updating a session that is gone does not bring it back', async () => {
    const opened = await sessions().open(accountId)
    await store.delete(opened.tokenHash)
    await store.update(opened.tokenHash, { verifiedAt: clock().toISOString(), idleExpiresAt: new Date(clock().getTime() + MINUTE).toISOString() })
    expect(await store.find(opened.tokenHash)).toBeUndefined()
  })
})

// Like the PostgreSQL cases of dialects(): present when REDIS_URL is set.
if (process.env.REDIS_URL) {
  describe('session store: redis TTL', () => {
    const suite = suiteRedis()
    afterAll(() => cleanupRedis(suite))

    test('a Redis session expires by itself at its idle deadline, measured on the app clock', async () => {
      const clock = fakeClock(new Date('2030-01-01T00:00:00.000Z'))
      const store = createRedisSessionStore(suite!.redis, suite!.prefix, clock)
      const opened = await createSessions(store, { idleMs: 30 * MINUTE, absoluteMs: 60 * MINUTE }, clock).open('account')
      const ttl = await suite!.redis.pttl(`${suite!.prefix}session:${opened.tokenHash}`)
      expect(ttl).toBeGreaterThan(29 * MINUTE)
      expect(ttl).toBeLessThanOrEqual(30 * MINUTE)
    })
  })
}
