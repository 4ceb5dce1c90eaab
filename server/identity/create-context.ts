import type { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { createAuditLog } from '../audit/audit-log'
import type { Clock } from '../clock'
import type { Config } from '../config'
import type { Database } from '../db/database'
import { createAccountsRepository } from './accounts'
import { createCitizensRepository } from './citizens'
import type { IdentityContext, IdentityProviders } from './context'
import { createIdentityCrypto } from './crypto'
import { createFaceVerificationsRepository } from './face-verifications'
import { createDatabaseSessionStore } from './sessions/database-session-store'
import { createRedisSessionStore } from './sessions/redis-session-store'
import { createSessions } from './sessions/sessions'

const MINUTE_MS = 60_000

export interface IdentityContextOptions {
  config: Config
  db: Kysely<Database>
  /** Sessions live here when given (REDIS_URL), otherwise in the database. */
  redis: Redis | null
  providers: IdentityProviders
  clock: Clock
}

/** Wires the identity domain: repositories, crypto from the configured keys, sessions, audit. */
export function createIdentityContext({ config, db, redis, providers, clock }: IdentityContextOptions): IdentityContext {
  const crypto = createIdentityCrypto({ encryptionKey: config.identityEncryptionKey, hashKey: config.identityHashKey })
  const store = redis ? createRedisSessionStore(redis, config.redisKeyPrefix, clock) : createDatabaseSessionStore(db, clock)
  const timeouts = { idleMs: config.sessionIdleMinutes * MINUTE_MS, absoluteMs: config.sessionAbsoluteHours * 60 * MINUTE_MS }
  return {
    accounts: createAccountsRepository(db),
    citizens: createCitizensRepository(db, crypto),
    faceVerifications: createFaceVerificationsRepository(db),
    sessions: createSessions(store, timeouts, clock),
    audit: createAuditLog(db, clock),
    crypto,
    providers,
    clock,
  }
}
