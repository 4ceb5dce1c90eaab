import type { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { createAuditLog, type AuditLog } from '../audit/audit-log'
import type { Clock } from '../clock'
import type { Config } from '../config'
import type { Database } from '../db/database'
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
  lockout: { attempts: number; ms: number }
  audit: AuditLog
  clock: Clock
  /** Runs `work` in one transaction: account changes and their audit entries commit together or not at all. */
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

/** Wires the operators domain: accounts, password hashing, sessions apart from citizens', lockout settings. */
export function createOperatorsContext({ config, db, redis, clock, audit, passwords = scryptHasher }: OperatorsContextOptions): OperatorsContext {
  const sessionStore = createOperatorSessionStore({ db, redis, keyPrefix: config.redisKeyPrefix, clock })
  const timeouts = { idleMs: config.operatorSessionIdleMinutes * MINUTE_MS, absoluteMs: config.operatorSessionAbsoluteHours * 60 * MINUTE_MS }
  return {
    operators: createOperatorsRepository(db),
    sessions: operatorSessions(createSessions(sessionStore, timeouts, clock)),
    sessionStore,
    passwords,
    lockout: { attempts: config.operatorLockoutAttempts, ms: config.operatorLockoutMinutes * MINUTE_MS },
    audit,
    clock,
    transact: (work) => db.transaction().execute((trx) => work({ operators: createOperatorsRepository(trx), audit: createAuditLog(trx, clock) })),
  }
}
