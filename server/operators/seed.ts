import type { Kysely } from 'kysely'
import { systemClock, type Clock } from '../clock'
import type { Config } from '../config'
import type { Database } from '../db/database'
import { DEMO_OPERATOR_PASSWORD, demoOperators } from '../seed-data/demo-operators'
import { hashPassword } from './passwords'
import { createOperatorsRepository } from './repository'

/** Demo operators have a published password: only with demo seeding on, and never in production. */
export function demoOperatorsAllowed(config: Pick<Config, 'seedDemoData' | 'nodeEnv'>): boolean {
  return config.seedDemoData && config.nodeEnv !== 'production'
}

/**
 * Adds the demo operators that are missing (by username) with the demo password and their
 * roles. An existing one is left as it is, password and roles included. Returns the
 * usernames added.
 */
export async function seedDemoOperators(db: Kysely<Database>, clock: Clock = systemClock): Promise<string[]> {
  const added: string[] = []
  for (const demo of demoOperators) {
    if (await createOperatorsRepository(db).findByUsername(demo.username)) continue
    const passwordHash = await hashPassword(DEMO_OPERATOR_PASSWORD)
    const inserted = await db.transaction().execute(async (trx) => {
      const operators = createOperatorsRepository(trx)
      // Another process seeding at the same time: whoever is second finds it there.
      if (await operators.findByUsername(demo.username)) return false
      await operators.create({ ...demo, passwordHash, grantedBy: null }, clock())
      return true
    })
    if (inserted) added.push(demo.username)
  }
  return added
}
