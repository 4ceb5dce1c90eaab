import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { lifeEventResultKinds } from '../seed-data/life-event-result-kinds'
import { demoResultKinds } from '../seed-data/result-kinds'
import { resultsDb } from './tables'

/**
 * Adds the demo items' result declarations that are missing, by item code: running it again
 * changes nothing, and a declaration an import changed is kept.
 */
export async function seedResultKinds(db: Kysely<Database>, now: Date): Promise<string[]> {
  const results = resultsDb(db)
  const existing = new Set((await results.selectFrom('service_result_kinds').select('item_code').execute()).map((row) => row.item_code))
  // The 一件事一次办 member items' results are declared in their own file.
  const missing = Object.entries({ ...demoResultKinds, ...lifeEventResultKinds }).filter(([code]) => !existing.has(code))
  for (const [code, declaration] of missing) {
    await results
      .insertInto('service_result_kinds')
      .values({ item_code: code, declaration: JSON.stringify(declaration), updated_at: now.toISOString() })
      .onConflict((conflict) => conflict.column('item_code').doNothing())
      .execute()
  }
  return missing.map(([code]) => code)
}
