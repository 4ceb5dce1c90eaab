/**
 * `tsx server/seed-cli.ts`: brings the configured database to the latest schema and adds
 * the demo notices and demo citizens that are missing. Safe to run any number of times.
 */
import { describeDatabase, type Config } from './config'
import { createDb, poolTimeouts } from './db/create-db'
import { configOrExit, runCommand } from './ops/command'
import { migrateToLatest } from './db/migrator'
import { demoOperatorsAllowed, seedDemoOperators } from './operators/seed'
import { createIdentityCrypto } from './identity/crypto'
import { seedDemoData } from './seed'
import { seedDemoCitizens } from './seed-citizens'

async function main(config: Config): Promise<void> {
  const db = createDb(config.database, { timeouts: poolTimeouts(config, 'reports') })
  try {
    console.log(`database: ${describeDatabase(config.database)}`)
    const applied = await migrateToLatest(db)
    console.log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: already up to date')
    const seeded = await seedDemoData(db)
    for (const title of seeded.inserted) console.log(`  + ${title}`)
    console.log(`demo notices: ${seeded.inserted.length} added, ${seeded.alreadyPresent} already present`)
    const crypto = createIdentityCrypto({ encryptionKey: config.identityEncryptionKey, hashKey: config.identityHashKey })
    const citizens = await seedDemoCitizens(db, crypto)
    console.log(`demo citizens: ${citizens.inserted.length} added, ${citizens.alreadyPresent} already present`)
    if (demoOperatorsAllowed(config)) {
      const operators = await seedDemoOperators(db)
      console.log(`demo operators: ${operators.length ? operators.join(', ') + ' added' : 'already present'} (development only)`)
    } else {
      console.log('demo operators: not seeded (SEED_DEMO_DATA=0 or NODE_ENV=production); create an admin with npm run operator:create-admin')
    }
  } finally {
    await db.destroy()
  }
}

runCommand('seed', () => main(configOrExit()))
