import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { IdentityCrypto } from '../identity/crypto'
import { DEFAULT_DEMO_HEALTH_STATUS, demoHealthStatuses } from '../seed-data/demo-health-statuses'
import type { DemoCitizen } from '../seed-data/demo-citizens'
import { ensureCitizens } from './citizens'
import { writeStatusChanges } from './statuses'

/**
 * Gives every demo citizen a health status (and so a citizen record) if they have none yet:
 * running it again, or after an operator changed one, changes nothing. Runs inside
 * seedDemoCitizens' transaction, after the citizens are in the registry.
 */
export async function seedDemoHealthStatuses(trx: Kysely<Database>, crypto: IdentityCrypto, citizens: readonly DemoCitizen[], now: Date): Promise<number> {
  const hashes = citizens.map((citizen) => crypto.hashIdNumber(citizen.idNumber))
  const records = await ensureCitizens(trx, hashes, now)
  const ids = [...records.values()].map((record) => record.id)
  const existing = new Set(
    ids.length ? (await trx.selectFrom('health_status').select('citizen_id').where('citizen_id', 'in', ids).execute()).map((row) => row.citizen_id) : [],
  )
  let seeded = 0
  for (const [index, citizen] of citizens.entries()) {
    const record = records.get(hashes[index]!)
    if (!record || existing.has(record.id)) continue
    const status = demoHealthStatuses[citizen.key] ?? DEFAULT_DEMO_HEALTH_STATUS
    await writeStatusChanges(trx, crypto, [{ citizenId: record.id, name: record.name, colour: status.colour, reason: status.reason }], {
      source: status.source,
      operatorId: null,
      ip: null,
      batchId: null,
      via: 'seed',
      at: now,
    })
    seeded += 1
  }
  return seeded
}
