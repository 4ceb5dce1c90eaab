import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, type PostgresPool, type PostgresPoolClient } from 'kysely'
import pg from 'pg'
import type { Config, DatabaseTarget } from '../config'
import type { Database } from './database'
import { withStatementCache } from './sqlite-statement-cache'

/** Opens the configured database. The caller owns the instance and must `destroy()` it. */
export function createDb(target: DatabaseTarget, options: CreateDbOptions = {}): Kysely<Database> {
  return target.dialect === 'postgres' ? createPostgres(target.url, options) : createSqlite(target.path, options)
}

/**
 * How long one pool waits for the database. Without them, a database that stops answering
 * (rather than refusing connections) holds every request on an open connection until the
 * pool is exhausted; with them, the statement fails, the error handler recognises it as the
 * database being unavailable (server/db/unavailable.ts) and answers 503 with retry-after.
 */
export interface PoolTimeouts {
  /**
   * PostgreSQL: the server cancels a statement running (or waiting for a lock) longer than
   * this; and in case the server does not answer at all, the client gives up a moment later
   * and drops the connection.
   */
  statementMs: number
  /**
   * Waiting for a connection: a free one from the pool or a new one to the server
   * (PostgreSQL); another writer's lock (SQLite's busy_timeout).
   */
  acquireMs: number
}

/**
 * The two pools: `api` for what the server answers at once (citizen routes and the rest),
 * short; `reports` for the demand report, imports, the ops commands and migrations, long.
 */
export function poolTimeouts(
  config: Pick<Config, 'dbStatementTimeoutMs' | 'dbAcquireTimeoutMs' | 'dbReportStatementTimeoutMs' | 'dbReportAcquireTimeoutMs'>,
  pool: 'api' | 'reports',
): PoolTimeouts {
  return pool === 'api'
    ? { statementMs: config.dbStatementTimeoutMs, acquireMs: config.dbAcquireTimeoutMs }
    : { statementMs: config.dbReportStatementTimeoutMs, acquireMs: config.dbReportAcquireTimeoutMs }
}

export interface CreateDbOptions {
  /** Told when an idle PostgreSQL connection dies (e.g. the server restarted). */
  onConnectionError?: (error: Error) => void
  /** Unset: no statement timeout, 5 s to acquire (callers that serve requests pass poolTimeouts()). */
  timeouts?: PoolTimeouts
}

const DEFAULT_ACQUIRE_MS = 5000
/** After the server's own statement timeout, how long the client still waits for its answer. */
const CLIENT_GRACE_MS = 1000
/** The client's error when the server did not answer within query_timeout. */
const READ_TIMEOUT_MESSAGE = 'Query read timeout'

function createSqlite(path: string, options: CreateDbOptions): Kysely<Database> {
  const inMemory = path === ':memory:' || path === ''
  // A fresh checkout has no .data/ yet; creating it here saves a setup step.
  if (!inMemory) mkdirSync(dirname(path), { recursive: true })
  const database = new SqliteDatabase(path)
  // WAL lets readers (the API) and a writer (e.g. the seed CLI) work at the same time.
  if (!inMemory) database.pragma('journal_mode = WAL')
  // SQLite ignores foreign keys unless asked, per connection.
  database.pragma('foreign_keys = ON')
  // Wait for a concurrent writer instead of failing at once with SQLITE_BUSY (then a 503).
  // Statements run in-process: there is no server that could stop answering, so no statement timeout.
  database.pragma(`busy_timeout = ${Math.trunc(options.timeouts?.acquireMs ?? DEFAULT_ACQUIRE_MS)}`)
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) })
}

function createPostgres(url: string, options: CreateDbOptions): Kysely<Database> {
  const statementMs = options.timeouts?.statementMs
  const pool = new pg.Pool({
    connectionString: url,
    // Fail fast when the server is unreachable, or every connection is busy, rather than
    // hanging requests and probes: covers connecting and waiting for a free pooled client.
    connectionTimeoutMillis: options.timeouts?.acquireMs ?? DEFAULT_ACQUIRE_MS,
    ...(statementMs
      ? {
          // Server side: a statement running or waiting for a lock longer is cancelled (57014);
          // the connection stays usable.
          statement_timeout: statementMs,
          // Client side: a server that does not answer at all (hung, network black hole).
          query_timeout: statementMs + CLIENT_GRACE_MS,
        }
      : {}),
  })
  // Without a listener a client's error would crash the process. The pool only listens to
  // its idle clients, so a connection that dies while checked out (the server stopped
  // mid-query or mid-transaction) would crash it too: listen on every client instead. The
  // failed query rejects on its own, the pool drops the client and the next query opens a
  // new one, so reporting it is enough (once: the pool's own event is only a duplicate).
  pool.on('connect', (client) => client.on('error', (error) => options.onConnectionError?.(error)))
  pool.on('error', () => undefined)
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: droppingTimedOutClients(pool) }) })
}

/**
 * The pool as Kysely sees it, except that a client whose query the client side gave up on
 * (READ_TIMEOUT_MESSAGE: the server never answered) is destroyed on release instead of being
 * handed to the next request: its statement may still be running, or the socket be dead.
 */
function droppingTimedOutClients(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect()
      let broken: Error | undefined
      return {
        async query(sql: string, parameters: readonly unknown[]) {
          try {
            return await client.query(sql, parameters as unknown[])
          } catch (error) {
            if (error instanceof Error && error.message === READ_TIMEOUT_MESSAGE) broken = error
            throw error
          }
        },
        release: () => client.release(broken),
      } as unknown as PostgresPoolClient
    },
    end: () => pool.end(),
  }
}
