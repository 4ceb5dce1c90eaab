import type { FastifyBaseLogger } from 'fastify'
import type { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { createAuditLog } from '../audit/audit-log'
import type { TtlCache } from '../cache/ttl-cache'
import type { Clock } from '../clock'
import type { HotCaches } from '../cache/hot-cache'
import type { Config } from '../config'
import type { Database } from '../db/database'
import { withAccountFallback } from './account-fallback'
import { createAccountsRepository } from './accounts'
import { withHotAccounts } from './hot-accounts'
import { createBindingsRepository } from './bindings'
import { createCitizensRepository } from './citizens'
import type { IdentityContext, IdentityProviders } from './context'
import { createIdentityCrypto } from './crypto'
import { createFaceVerificationsRepository } from './face-verifications'
import { createDatabaseSessionStore } from './sessions/database-session-store'
import { withHotSessions } from './sessions/hot-session-store'
import { createRedisSessionStore } from './sessions/redis-session-store'
import type { SessionStore } from './sessions/session-store'
import { createSessions } from './sessions/sessions'

const MINUTE_MS = 60_000

export interface IdentityContextOptions {
  config: Config
  db: Kysely<Database>
  /** Sessions live here when given (REDIS_URL), otherwise in the database. */
  redis: Redis | null
  providers: IdentityProviders
  clock: Clock
  /** Overrides where sessions live (tests: an in-process store that survives a database outage). */
  sessionStore?: SessionStore
  /** Where copies of accounts behind sessions are kept, so sessions stay checkable while the database is down. */
  accountFallback?: { cache: TtlCache; log: FastifyBaseLogger }
  /** In-process copies of sessions and accounts, invalidated on every node (../cache/hot-cache.ts); none when not given. */
  hot?: HotCaches
}

/** Wires the identity domain: repositories, crypto from the configured keys, sessions, audit. */
export function createIdentityContext({ config, db, redis, providers, clock, sessionStore, accountFallback, hot }: IdentityContextOptions): IdentityContext {
  const crypto = createIdentityCrypto({ encryptionKey: config.identityEncryptionKey, hashKey: config.identityHashKey })
  const shared = sessionStore ?? (redis ? createRedisSessionStore(redis, config.redisKeyPrefix, clock) : createDatabaseSessionStore(db, clock))
  const store = hot ? withHotSessions(shared, hot.session, clock) : shared
  const timeouts = { idleMs: config.sessionIdleMinutes * MINUTE_MS, absoluteMs: config.sessionAbsoluteHours * 60 * MINUTE_MS }
  const accounts = accountFallback
    ? withAccountFallback(createAccountsRepository(db), { ...accountFallback, ttlSeconds: config.sessionAbsoluteHours * 3600 })
    : createAccountsRepository(db)
  return {
    accounts: hot ? withHotAccounts(accounts, hot.account) : accounts,
    citizens: createCitizensRepository(db, crypto),
    bindings: createBindingsRepository(db),
    faceVerifications: createFaceVerificationsRepository(db),
    sessions: createSessions(store, timeouts, clock),
    audit: createAuditLog(db, clock),
    crypto,
    providers,
    clock,
    invalidateAccount: (accountId) => hot?.account.invalidate(accountId),
    hot,
  }
}
