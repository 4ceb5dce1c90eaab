import { sql, type Kysely } from 'kysely'
import type { Database } from './database'

/**
 * SQLite's `PRAGMA data_version`: the same number until another connection (another process
 * on the same file) commits a change; this connection's own commits do not move it. How a
 * process without Redis hears that another one changed a session, an account or a status.
 */
export async function sqliteDataVersion(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ data_version: number }>`PRAGMA data_version`.execute(db)
  return Number(rows[0]?.data_version)
}
