import { sql, type Kysely } from 'kysely'
import type { Database } from './database'
import { dialectOf } from './dialect'

/**
 * A transaction that reads what it is about to write and must not be overtaken between the
 * two (a check, then an update that depends on it):
 *   - SQLite: `BEGIN IMMEDIATE` takes the write lock at once, so no other connection (another
 *     process, e.g. a command-line tool) writes between the check and the update. A deferred
 *     `BEGIN` would only take it at the first write, after the check had read stale data.
 *   - PostgreSQL: an ordinary transaction; the work locks the rows its check depends on
 *     itself (SELECT … FOR UPDATE), which is finer than locking everything.
 */
export async function writeTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'postgres') return db.transaction().execute(work)
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection)
    try {
      const result = await work(connection)
      await sql`commit`.execute(connection)
      return result
    } catch (error) {
      // Also after a failed commit: the connection must not stay inside a transaction.
      await sql`rollback`.execute(connection).catch(() => undefined)
      throw error
    }
  })
}
