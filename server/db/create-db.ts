import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { DatabaseTarget } from '../config'
import type { Database } from './database'
import { withStatementCache } from './sqlite-statement-cache'

/** Opens the configured database. The caller owns the instance and must `destroy()` it. */
export function createDb(target: DatabaseTarget, options: CreateDbOptions = {}): Kysely<Database> {
  return target.dialect === 'postgres' ? createPostgres(target.url, options) : createSqlite(target.path)
}

export interface CreateDbOptions {
  /** Told when an idle PostgreSQL connection dies (e.g. the server restarted). */
  onConnectionError?: (error: Error) => void
}

function createSqlite(path: string): Kysely<Database> {
  const inMemory = path === ':memory:' || path === ''
  // A fresh checkout has no .data/ yet; creating it here saves a setup step.
  if (!inMemory) mkdirSync(dirname(path), { recursive: true })
  const database = new SqliteDatabase(path)
  // WAL lets readers (the API) and a writer (e.g. the seed CLI) work at the same time.
  if (!inMemory) database.pragma('journal_mode = WAL')
  // SQLite ignores foreign keys unless asked, per connection.
  database.pragma('foreign_keys = ON')
  // Wait for a concurrent writer instead of failing at once with SQLITE_BUSY.
  database.pragma('busy_timeout = 5000')
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) })
}

function createPostgres(url: string, options: CreateDbOptions): Kysely<Database> {
  // Fail fast when the server is unreachable rather than hanging requests and probes.
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 5000 })
  // Without a listener a client's error would crash the process. The pool only listens to
  // its idle clients, so a connection that dies while checked out (the server stopped
  // mid-query or mid-transaction) would crash it too: listen on every client instead. The
  // failed query rejects on its own, the pool drops the client and the next query opens a
  // new one, so reporting it is enough (once: the pool's own event is only a duplicate).
  pool.on('connect', (client) => client.on('error', (error) => options.onConnectionError?.(error)))
  pool.on('error', () => undefined)
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
