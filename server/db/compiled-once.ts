import type { Compilable, CompiledQuery, Kysely } from 'kysely'

/**
 * A query Kysely builds and compiles once per database, then runs with new values. Kysely
 * builds and compiles every query anew, about 50 µs of JavaScript on this machine: the
 * largest cost of a cache miss on the health code's path (bench/RESULTS.md), where every
 * request reads a session, an account and a status.
 *
 * `build` is called once, with marker texts in place of the arguments; each run puts the
 * arguments where the markers were. Only for queries whose shape does not depend on the
 * values (no optional clauses, no lists) and whose arguments are texts; anything else
 * keeps building its query per call.
 */
export function compiledOnce<DB, Args extends readonly string[], Row>(
  build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>,
): (db: Kysely<DB>, ...args: Args) => Promise<Row[]> {
  const compiled = new WeakMap<Kysely<DB>, { query: CompiledQuery<Row>; slots: number[] }>()
  return async (db, ...args) => {
    let entry = compiled.get(db)
    if (!entry) {
      const markers = args.map((_, index) => `\u0000compiled-once-argument-${index}`)
      const query = build(db, ...(markers as unknown as Args)).compile()
      const slots = query.parameters.map((value) => markers.indexOf(value as string))
      for (let index = 0; index < markers.length; index++) {
        if (!slots.includes(index)) throw new Error(`compiledOnce: argument ${index} is not a parameter of "${query.sql}"`)
      }
      entry = { query, slots }
      compiled.set(db, entry)
    }
    const { query, slots } = entry
    const parameters = query.parameters.map((value, index) => (slots[index] >= 0 ? args[slots[index]] : value))
    return (await db.executeQuery<Row>({ ...query, parameters })).rows
  }
}
