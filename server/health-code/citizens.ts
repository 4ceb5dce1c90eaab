import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { chunks } from './statuses'

/**
 * Finding the people a status batch names, by ID-number hash, many at once. Health
 * statuses come from the health authority for anyone in the population registry, whether
 * or not they have used the app yet; a status needs a citizen record to hang on, so one is
 * created from the registry entry when missing (the bulk form of
 * CitizensRepository.findOrCreate: real-name verification later finds the same record).
 */

/** Which of these hashes the population registry knows. */
export async function knownIdNumberHashes(db: Kysely<Database>, hashes: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>()
  for (const part of chunks(hashes)) {
    const rows = await db.selectFrom('population_registry').select('id_number_hash').where('id_number_hash', 'in', part).execute()
    for (const row of rows) known.add(row.id_number_hash)
  }
  return known
}

/** The citizen (id and name) for each hash, creating records for registry entries without one. */
export async function ensureCitizens(trx: Kysely<Database>, hashes: readonly string[], now: Date): Promise<Map<string, { id: string; name: string }>> {
  const found = new Map<string, { id: string; name: string }>()
  const load = async (part: string[]) => {
    const rows = await trx.selectFrom('citizens').select(['id', 'name', 'id_number_hash']).where('id_number_hash', 'in', part).execute()
    for (const row of rows) found.set(row.id_number_hash, { id: row.id, name: row.name })
  }
  for (const part of chunks(hashes)) await load(part)

  const missing = hashes.filter((hash) => !found.has(hash))
  for (const part of chunks(missing)) {
    const entries = await trx
      .selectFrom('population_registry')
      .select(['name', 'id_number_hash', 'id_number_encrypted', 'phone_encrypted'])
      .where('id_number_hash', 'in', part)
      .execute()
    if (entries.length === 0) continue
    await trx
      .insertInto('citizens')
      .values(entries.map((entry) => ({ id: randomUUID(), ...entry, created_at: now.toISOString() })))
      // A real-name verification racing us created it: keep that one.
      .onConflict((conflict) => conflict.column('id_number_hash').doNothing())
      .execute()
    await load(part)
  }
  return found
}
