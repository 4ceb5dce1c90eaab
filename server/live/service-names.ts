import type { Kysely } from 'kysely'
import type { Database } from '../db/database'

/**
 * Item names for the live feed: events carry only the code (they cross nodes through Redis),
 * each node adds the name it reads from the catalogue. Reloaded at most every 30 s, and at
 * once for a code it does not know yet (an item imported a moment ago).
 */
const RELOAD_MS = 30_000

export function serviceNames(db: Kysely<Database>, now: () => number = Date.now) {
  let names = new Map<string, string>()
  let loadedAt = -Infinity
  let loading: Promise<void> | undefined
  const load = () =>
    (loading ??= db
      .selectFrom('service_items')
      .select(['code', 'name'])
      .execute()
      .then((rows) => {
        names = new Map(rows.map((row) => [row.code, row.name]))
        loadedAt = now()
      })
      .finally(() => (loading = undefined)))
  return async (code: string): Promise<string | undefined> => {
    if (!names.has(code) || now() - loadedAt > RELOAD_MS) await load().catch(() => undefined)
    return names.get(code)
  }
}
