import { DeadlineExceeded } from './deadline'

/**
 * Whether an error means "the database cannot be reached right now" rather than "this query
 * is wrong". The first is a 503 with `retry-after` (the client may try again and will
 * succeed once the database is back); the second stays a 500 (a bug). Errors are matched by
 * shape, not class, because they come from three drivers (pg, better-sqlite3, Kysely's own
 * pool) and from Node's sockets.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DeadlineExceeded) return true
  if (error instanceof AggregateError) return error.errors.length > 0 && error.errors.every(isDatabaseUnavailable)
  if (!error || typeof error !== 'object') return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || POSTGRES_UNAVAILABLE.test(code) || SQLITE_UNAVAILABLE.test(code))) return true
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((text) => message.includes(text))
}

/** The server is stopped, restarting or unreachable (pg passes Node's socket errors on). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'])

/**
 * PostgreSQL SQLSTATEs: class 08 connection exception, 57P01-57P03 admin / crash shutdown and
 * "cannot connect now" (starting up), 53300 too many connections, 57014 a statement cancelled
 * (the pool's statement_timeout: the database did not answer in time, e.g. waiting on a lock)
 * and 55P03 a lock not obtained within lock_timeout.
 */
const POSTGRES_UNAVAILABLE = /^(08[0-9A-Z]{3}|57P0[123]|53300|57014|55P03)$/

/** SQLite: another writer holds the lock past busy_timeout, or the file cannot be read or opened. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN)/

/** Errors that carry no code, only their text. */
const UNAVAILABLE_MESSAGES = [
  // pg: the connection dropped mid-query / no connection within connectionTimeoutMillis.
  'Connection terminated',
  'timeout exceeded when trying to connect',
  // pg: the server did not answer a statement at all within the pool's query_timeout.
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
  // Kysely: the instance was destroyed (shutdown in progress).
  'driver has already been destroyed',
  // better-sqlite3: the handle was closed.
  'The database connection is not open',
]
