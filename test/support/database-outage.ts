/**
 * A database a test can stop and start again under a running app, to see the app through an
 * outage and back (app.db.destroy(), as degraded.test.ts does, cannot come back):
 *   - PostgreSQL: the app connects through a TCP relay on loopback; stop() closes the relay's
 *     port and cuts every connection through it (to the app, exactly what a stopped server
 *     looks like: ECONNREFUSED, "Connection terminated"), start() opens the same port again.
 *   - SQLite: the app's handle is a thin stand-in for better-sqlite3's; stop() closes the real
 *     handle (every statement then fails as better-sqlite3 fails on a closed database),
 *     start() opens the file again with the same settings as server/db/create-db.ts.
 */
import net from 'node:net'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import type { Database } from '../../server/db/database'
import { createDb, type PoolTimeouts } from '../../server/db/create-db'
import { testConfig, type TestDatabase } from './dialects'

export interface StoppableDatabase {
  /** The app's database: pass it to startApp / buildApp. */
  db: Kysely<Database>
  stop(): Promise<void>
  start(): Promise<void>
  /**
   * PostgreSQL only: the relay stops passing bytes either way, on the connections it has and
   * on new ones, which stay open: a server that hangs rather than refuses. thaw() lets the
   * bytes through again.
   */
  freeze?(): void
  thaw?(): void
  /** Stops the relay (PostgreSQL) and destroys `db`. */
  close(): Promise<void>
}

export interface StoppableDatabaseOptions {
  /** PostgreSQL: the pool's timeouts (poolTimeouts(config, 'api') to behave as the server's); none by default. */
  timeouts?: PoolTimeouts
}

export async function stoppableDatabase(testDb: TestDatabase, options: StoppableDatabaseOptions = {}): Promise<StoppableDatabase> {
  return testDb.dialect === 'postgres' ? stoppablePostgres(testDb, options) : stoppableSqlite(testDb)
}

function stoppableSqlite(testDb: TestDatabase): StoppableDatabase {
  const path = testDb.env.SQLITE_PATH!
  const open = () => {
    const handle = new SqliteDatabase(path)
    handle.pragma('journal_mode = WAL')
    handle.pragma('foreign_keys = ON')
    handle.pragma('busy_timeout = 5000')
    return handle
  }
  let handle = open()
  // Kysely's SQLite driver only calls prepare() and close() on the handle.
  const standIn = {
    prepare: (statement: string) => handle.prepare(statement),
    close: () => (handle.open ? handle.close() : undefined),
  } as unknown as SqliteDatabase.Database
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: standIn }) })
  return {
    db,
    stop: async () => void handle.close(),
    start: async () => void (handle = open()),
    close: () => db.destroy(),
  }
}

async function stoppablePostgres(testDb: TestDatabase, options: StoppableDatabaseOptions): Promise<StoppableDatabase> {
  const target = new URL(testDb.env.DATABASE_URL!)
  const sockets = new Set<net.Socket>()
  const pairs = new Set<[net.Socket, net.Socket]>()
  let frozen = false
  const relay = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname)
    const pair: [net.Socket, net.Socket] = [client, upstream]
    for (const socket of pair) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => undefined)
    }
    pairs.add(pair)
    client.on('close', () => (upstream.destroy(), pairs.delete(pair)))
    upstream.on('close', () => client.destroy())
    if (!frozen) client.pipe(upstream).pipe(client)
  })
  const listen = (port: number) => new Promise<void>((resolve, reject) => relay.once('error', reject).listen(port, '127.0.0.1', () => resolve()))
  const halt = () =>
    new Promise<void>((resolve) => {
      relay.close(() => resolve())
      for (const socket of sockets) socket.destroy()
    })
  await listen(0)
  const port = (relay.address() as net.AddressInfo).port
  const relayed = new URL(target)
  relayed.hostname = '127.0.0.1'
  relayed.port = String(port)
  const db = createDb(testConfig({ DATABASE_URL: relayed.toString() }).database, { timeouts: options.timeouts })
  return {
    db,
    stop: halt,
    start: () => listen(port),
    freeze() {
      frozen = true
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream)
        upstream.unpipe(client)
        client.pause()
        upstream.pause()
      }
    },
    thaw() {
      frozen = false
      for (const [client, upstream] of pairs) client.pipe(upstream).pipe(client)
    },
    async close() {
      await db.destroy()
      if (relay.listening) await halt()
    },
  }
}
