import type BetterSqlite3 from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/**
 * Kysely's SQLite driver prepares every query afresh, and preparing was the largest single
 * cost of a cheap request (about a tenth of GET /api/health-code's CPU). The app issues a
 * small, fixed set of SQL texts, so keep their prepared statements, least recently used
 * out first. Reuse is safe: the driver runs each statement to completion synchronously
 * (all/run) before the next query, and SQLite re-prepares a statement by itself after a
 * schema change (e.g. a migration).
 */
export function withStatementCache(database: BetterSqlite3.Database, capacity = 500): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>()
  return {
    close: () => {
      statements.clear()
      database.close()
    },
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql)
      if (cached) {
        // Move to the back: the front of the map is the least recently used.
        statements.delete(sql)
        statements.set(sql, cached)
        return cached
      }
      const statement = database.prepare(sql) as unknown as SqliteStatement
      statements.set(sql, statement)
      if (statements.size > capacity) statements.delete(statements.keys().next().value!)
      return statement
    },
  }
}
