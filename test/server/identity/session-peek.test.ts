import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { createHotCaches, type HotCaches } from '../../../server/cache/hot-cache'
import type { Database } from '../../../server/db/database'
import { migrateToLatest } from '../../../server/db/migrator'
import { createDatabaseSessionStore } from '../../../server/identity/sessions/database-session-store'
import { withHotSessions } from '../../../server/identity/sessions/hot-session-store'
import type { SessionStore } from '../../../server/identity/sessions/session-store'
import { createSessions } from '../../../server/identity/sessions/sessions'
import { dialects, type TestDatabase } from '../../support/dialects'
import { fakeClock, MINUTE } from '../../support/identity'

/**
 * sessions.peek (server/identity/sessions/sessions.ts): the answer without waiting that the
 * health code's path takes. It must never say more than authenticate() would: only a session
 * this process holds a trusted copy of, not expired, needing no write; a logout on this node
 * ends it at once; everything else is "ask authenticate()" (undefined), never a session.
 */
const [sqlite] = dialects()

describe('sessions.peek', () => {
  const clock = fakeClock()
  let testDb: TestDatabase
  let db: Kysely<Database>
  let plain: SessionStore
  let hot: HotCaches
  let accountId: string

  beforeAll(async () => {
    testDb = await sqlite!.setup()
    db = testDb.open()
    await migrateToLatest(db)
    accountId = randomUUID()
    const at = clock().toISOString()
    await db
      .insertInto('platform_accounts')
      .values({ id: accountId, platform: 'weapp', subject: 'wx-peek', union_id: null, citizen_id: null, level: 1, created_at: at, last_login_at: at })
      .execute()
    plain = createDatabaseSessionStore(db, clock)
    // A long lifetime: what ends a copy here is an invalidation, not its age.
    hot = createHotCaches({ redis: null, keyPrefix: 'peek:', log: { warn: () => {} }, ttlMs: 5000 })
  })
  afterAll(async () => {
    await hot?.close()
    await testDb?.cleanup()
  })

  const settings = { idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE }
  const withCopies = () => createSessions(withHotSessions(plain, hot.session, clock), settings, clock)

  test('a store without copies never answers at once', async () => {
    const sessions = createSessions(plain, settings, clock)
    const opened = await sessions.open(accountId)
    expect(await sessions.authenticate(opened.token)).toMatchObject({ accountId })
    expect(sessions.peek(opened.token)).toBeUndefined()
  })

  test('a session read once is answered at once, as authenticate() answers it', async () => {
    const sessions = withCopies()
    const opened = await sessions.open(accountId)
    // Nothing copied before the first read.
    expect(sessions.peek(opened.token)).toBeUndefined()
    const checked = await sessions.authenticate(opened.token)
    expect(sessions.peek(opened.token)).toEqual(checked)
  })

  test('a logout ends it at once; a malformed or unknown token is never a session', async () => {
    const sessions = withCopies()
    const opened = await sessions.open(accountId)
    await sessions.authenticate(opened.token)
    await sessions.revoke(opened.tokenHash)
    expect(sessions.peek(opened.token)).toBeUndefined()
    expect(await sessions.authenticate(opened.token)).toBeUndefined()
    expect(sessions.peek('not a token')).toBeUndefined()
    expect(sessions.peek('A'.repeat(43))).toBeUndefined()
  })

  test('a session whose idle deadline is due to move, or that has expired, goes the long way', async () => {
    const sessions = withCopies()
    const opened = await sessions.open(accountId)
    await sessions.authenticate(opened.token)
    // Over a minute later the idle deadline would be extended: that is a write, so not at once.
    clock.advance(2 * MINUTE)
    expect(sessions.peek(opened.token)).toBeUndefined()
    expect(await sessions.authenticate(opened.token)).toMatchObject({ accountId })
    // The extension invalidated the copy; read again, it is answered at once.
    await sessions.authenticate(opened.token)
    expect(sessions.peek(opened.token)).toMatchObject({ accountId })
    // Past the idle deadline (the copy's own age aside): refused, and authenticate() deletes it.
    clock.advance(31 * MINUTE)
    expect(sessions.peek(opened.token)).toBeUndefined()
    expect(await sessions.authenticate(opened.token)).toBeUndefined()
  })
})
