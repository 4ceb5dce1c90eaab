import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { AuditLog } from '../audit/audit-log'
import type { HotCache } from '../cache/hot-cache'
import type { TtlCache } from '../cache/ttl-cache'
import type { Clock } from '../clock'
import type { Config } from '../config'
import type { Database } from '../db/database'
import type { IdentityCrypto } from '../identity/crypto'
import { createHealthStatusCache, type HealthStatusCache } from './cache'
import { createStatusReader, type StatusReader } from './current-status'
import { createKeyring, type HealthCodeKeyring } from './keys'
import { createSignedCodes, type SignedCodes } from './signed-codes'
import { createHealthStatusesRepository } from './statuses'

/** What the health-code operations work with; built once by this domain's register… (index.ts). */
export interface HealthCodeContext {
  db: Kysely<Database>
  crypto: IdentityCrypto
  keyring: HealthCodeKeyring
  cache: HealthStatusCache
  reader: StatusReader
  audit: AuditLog
  clock: Clock
  ttlSeconds: number
  /** Signed codes kept for reuse while their status version is current (./issue.ts). */
  signed: SignedCodes
  /** Drops the in-process copies of these citizens' statuses on every node (after a change commits). */
  invalidateStatuses(citizenIds: string[]): void
}

export interface HealthCodeContextOptions {
  config: Config
  db: Kysely<Database>
  /** Where last known statuses are kept (Redis when configured, else this process). */
  cache: TtlCache
  crypto: IdentityCrypto
  audit: AuditLog
  clock: Clock
  log: FastifyBaseLogger
  /** In-process copies of current statuses, invalidated on every node (../cache/hot-cache.ts). */
  hot?: HotCache<unknown>
}

export function createHealthCodeContext(options: HealthCodeContextOptions): HealthCodeContext {
  const { config, db, crypto, audit, clock, log } = options
  const cache = createHealthStatusCache(options.cache, config.healthStatusCacheSeconds, log)
  const statuses = createHealthStatusesRepository(db)
  return {
    db,
    crypto,
    keyring: createKeyring(config),
    cache,
    reader: createStatusReader(statuses, cache, log, undefined, options.hot),
    audit,
    clock,
    ttlSeconds: config.healthCodeTtlSeconds,
    signed: createSignedCodes(),
    invalidateStatuses: (citizenIds) => options.hot?.invalidate(...citizenIds),
  }
}
