import type { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { createAuditLog, type AuditLog } from '../audit/audit-log'
import { createFailureThrottle, rateLimitNamespace, type FailureThrottle } from '../cache/failure-throttle'
import type { Clock } from '../clock'
import type { Config } from '../config'
import type { Database } from '../db/database'
import { writeTransaction } from '../db/write-transaction'
import { createSessions } from '../identity/sessions/sessions'
import { scryptHasher, type PasswordHasher } from './passwords'
import { createOperatorsRepository, type OperatorsRepository } from './repository'
import { createOperatorSessionStore, type OperatorSessionStore } from './session-store'
import { operatorSessions, type OperatorSessions } from './sessions'

const MINUTE_MS = 60_000

export interface OperatorsContext {
  operators: OperatorsRepository
  sessions: OperatorSessions
  /** The store behind `sessions`, for ending all of one operator's sessions. */
  sessionStore: OperatorSessionStore
  passwords: PasswordHasher
  /**
   * Attempts per username and per client IP at login, and wrong current passwords per
   * operator at a password change; in the rate-limit store (Redis when configured).
   */
  loginThrottle: FailureThrottle
  throttle: { perUsername: number; perIp: number; passwordChangeFailures: number }
  audit: AuditLog
  clock: Clock
  /**
   * Runs `work` in one transaction: account changes and their audit entries commit together
   * or not at all. A write transaction (server/db/write-transaction.ts): on SQLite it holds
   * the write lock from the start, so a check inside it (the last active admin) is not
   * overtaken before its update; on PostgreSQL the work locks the rows it checks.
   */
  transact<T>(work: (tx: { operators: OperatorsRepository; audit: AuditLog }) => Promise<T>): Promise<T>
}

export interface OperatorsContextOptions {
  config: Config
  db: Kysely<Database>
  redis: Redis | null
  clock: Clock
  audit: AuditLog
  /** Tests: a hasher that counts calls around the real one. */
  passwords?: PasswordHasher
}

/** Wires the operators domain: accounts, password hashing, sessions apart from citizens', login throttling. */
export function createOperatorsContext({ config, db, redis, clock, audit, passwords = scryptHasher }: OperatorsContextOptions): OperatorsContext {
  const sessionStore = createOperatorSessionStore({ db, redis, keyPrefix: config.redisKeyPrefix, clock })
  const timeouts = { idleMs: config.operatorSessionIdleMinutes * MINUTE_MS, absoluteMs: config.operatorSessionAbsoluteHours * 60 * MINUTE_MS }
  return {
    operators: createOperatorsRepository(db),
    sessions: operatorSessions(createSessions(sessionStore, timeouts, clock)),
    sessionStore,
    passwords,
    loginThrottle: createFailureThrottle(redis, rateLimitNamespace(config.redisKeyPrefix), {
      maxDelayMs: config.operatorLoginMaxDelaySeconds * 1000,
      windowMs: config.operatorLoginFailureWindowMinutes * MINUTE_MS,
      clock,
    }),
    throttle: {
      perUsername: config.operatorLoginFailuresPerUsername,
      perIp: config.operatorLoginFailuresPerIp,
      passwordChangeFailures: config.operatorPasswordChangeFailures,
    },
    audit,
    clock,
    transact: (work) => writeTransaction(db, (trx) => work({ operators: createOperatorsRepository(trx), audit: createAuditLog(trx, clock) })),
  }
}
