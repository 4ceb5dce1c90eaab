/**
 * The server process: config → database → migrations → (demo data) → app → listen.
 * Exits 1 with a one-line reason when it cannot start; exits 0 after a graceful shutdown.
 */
import type { AddressInfo } from 'node:net'
import pino from 'pino'
import { buildApp } from './app'
import { ConfigError, describeDatabase, loadConfig, type Config } from './config'
import { createDb, poolTimeouts } from './db/create-db'
import { migrateToLatest } from './db/migrator'
import { demoOperatorsAllowed, seedDemoOperators } from './operators/seed'
import { createIdentityCrypto } from './identity/crypto'
import { seedDemoData } from './seed'
import { seedDemoCitizens } from './seed-citizens'
import { exitGracefullyOnSignals } from './shutdown'

async function start(config: Config): Promise<void> {
  const logger = pino({ level: config.logLevel })
  const onConnectionError = (error: Error) => logger.warn({ err: error }, 'idle database connection failed')
  // Two pools (PostgreSQL): the API's, with short timeouts, and one for reports, imports and
  // migrations, with long ones. SQLite has no pool: one handle serves both.
  const db = createDb(config.database, { onConnectionError, timeouts: poolTimeouts(config, 'api') })
  const reportsDb = config.database.dialect === 'postgres' ? createDb(config.database, { onConnectionError, timeouts: poolTimeouts(config, 'reports') }) : db
  const applied = await migrateToLatest(reportsDb)
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied')
  if (config.seedDemoData) {
    const seeded = await seedDemoData(reportsDb)
    if (seeded.inserted.length) logger.info({ notices: seeded.inserted.length }, 'demo data seeded')
    const crypto = createIdentityCrypto({ encryptionKey: config.identityEncryptionKey, hashKey: config.identityHashKey })
    const citizens = await seedDemoCitizens(reportsDb, crypto)
    if (citizens.inserted.length) logger.info({ citizens: citizens.inserted.length }, 'demo citizens seeded')
    // Their password is in the README: development only (demoOperatorsAllowed).
    if (demoOperatorsAllowed(config)) {
      const operators = await seedDemoOperators(reportsDb)
      if (operators.length) logger.info({ operators }, 'demo operators seeded')
    }
  }

  const app = await buildApp({ config, db, reportsDb, logger })
  await app.listen({ host: config.host, port: config.port })
  const { port } = app.server.address() as AddressInfo
  console.log(`gov-mini listening on http://localhost:${port} (database: ${describeDatabase(config.database)})`)

  exitGracefullyOnSignals({ app, logger, closeResources: async () => void (await Promise.all([db, reportsDb].map((instance) => instance.destroy()))) })
}

function configOrExit(): Config {
  try {
    return loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    // The message names each bad variable and its rule; a stack trace would only bury it.
    console.error(`gov-mini cannot start, configuration is invalid:\n${error.message}`)
    process.exit(1)
  }
}

start(configOrExit()).catch((error: unknown) => {
  console.error(`gov-mini failed to start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
