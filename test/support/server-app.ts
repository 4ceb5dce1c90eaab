/**
 * Builds the real app for a test: migrated database, optional demo data (notices and
 * citizens), silent or captured logs, listening on an ephemeral port.
 */
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import pino from 'pino'
import { buildApp, type BuildAppOptions } from '../../server/app'
import type { Config } from '../../server/config'
import type { Database } from '../../server/db/database'
import { migrateToLatest } from '../../server/db/migrator'
import { createIdentityCrypto } from '../../server/identity/crypto'
import { seedDemoData } from '../../server/seed'
import { seedDemoCitizens } from '../../server/seed-citizens'
import { startServer, type TestServer } from './http'

/** A logger whose JSON lines a test can read back. */
export function captureLogs(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const raw: string[] = []
  const logger = pino({ level: 'info' }, { write: (line: string) => void raw.push(line) })
  return { logger, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) }
}

export interface StartAppOptions {
  config: Config
  db: Kysely<Database>
  /**
   * Migrated and seeded through this instead of `db`, e.g. when `db` has the server's short
   * statement timeouts (migrations wait for a lock every migrating process shares).
   */
  setupDb?: Kysely<Database>
  seed?: boolean
  logger?: pino.Logger
  /** Runs after buildApp and before listen, e.g. to add test-only routes. */
  extend?: (app: FastifyInstance) => void
  /** Passed on to buildApp: in-test identity providers, a movable clock, a Redis client. */
  build?: Pick<BuildAppOptions, 'identityProviders' | 'clock' | 'redis' | 'sessionStore'>
}

export async function startApp(options: StartAppOptions): Promise<TestServer & { app: FastifyInstance }> {
  const setupDb = options.setupDb ?? options.db
  await migrateToLatest(setupDb)
  if (options.seed) {
    await seedDemoData(setupDb)
    const { identityEncryptionKey: encryptionKey, identityHashKey: hashKey } = options.config
    await seedDemoCitizens(setupDb, createIdentityCrypto({ encryptionKey, hashKey }))
  }
  const app = await buildApp({
    ...options.build,
    config: options.config,
    db: options.db,
    logger: options.logger ?? pino({ level: 'silent' }),
  })
  options.extend?.(app)
  return { app, ...(await startServer(app)) }
}
