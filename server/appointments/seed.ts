import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { demoHalls } from '../seed-data/demo-halls'
import { writeHall } from './halls'

/**
 * Adds the demo halls that are missing (by id) with the items whose codes exist: running it
 * again changes nothing, and an operator's edits to a seeded hall are kept. Runs inside the
 * seed's transaction.
 */
export async function seedDemoHalls(db: Kysely<Database>, now: Date): Promise<void> {
  const known = new Set((await db.selectFrom('service_items').select('code').execute()).map((row) => row.code))
  for (const [id, hall] of Object.entries(demoHalls)) {
    const existing = await db.selectFrom('halls').select('id').where('id', '=', id).executeTakeFirst()
    if (existing) continue
    await writeHall(db, id, { ...hall, items: hall.items.filter((item) => known.has(item.itemCode)) }, now)
  }
}
