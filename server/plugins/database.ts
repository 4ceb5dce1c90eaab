import type { Kysely } from 'kysely'
import type { DatabaseTarget } from '../config'
import { createDb, type PoolTimeouts } from '../db/create-db'
import type { Database } from '../db/database'
import { sharedPlugin } from './shared-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /** The API's pool: short timeouts (DB_STATEMENT_TIMEOUT_MS, DB_ACQUIRE_TIMEOUT_MS). */
    db: Kysely<Database>
    /**
     * The pool of reports and imports (the demand report, catalogue and health-status
     * imports): long timeouts (DB_REPORT_*). The same instance as `db` on SQLite, and when
     * the caller passed only `db`.
     */
    reportsDb: Kysely<Database>
  }
}

export interface DatabasePluginOptions extends Record<string, unknown> {
  target: DatabaseTarget
  /** An instance the caller owns (main.ts, tests); otherwise one is opened from `target`. */
  db?: Kysely<Database>
  /** The reports pool, owned by the caller; otherwise `db` when the caller gave one, else one is opened. */
  reportsDb?: Kysely<Database>
  /** For the pools opened here. */
  timeouts: { api: PoolTimeouts; reports: PoolTimeouts }
}

/** Decorates `app.db` and `app.reportsDb`. Closes with the app only what it opened itself. */
export const databasePlugin = sharedPlugin<DatabasePluginOptions>('database', async (app, options) => {
  const onConnectionError = (error: Error) => app.log.warn({ err: error }, 'idle database connection failed')
  const opened: Kysely<Database>[] = []
  const open = (timeouts: PoolTimeouts) => {
    const db = createDb(options.target, { onConnectionError, timeouts })
    opened.push(db)
    return db
  }
  const db = options.db ?? open(options.timeouts.api)
  // SQLite has no pool to separate (and a second handle on ':memory:' would be another database).
  const reportsDb = options.reportsDb ?? (options.db || options.target.dialect === 'sqlite' ? db : open(options.timeouts.reports))
  app.decorate('db', db)
  app.decorate('reportsDb', reportsDb)
  if (opened.length) app.addHook('onClose', async () => void (await Promise.all(opened.map((instance) => instance.destroy()))))
})
