import type { Kysely } from 'kysely'
import type { DatabaseTarget } from '../config'
import { createDb } from '../db/create-db'
import type { Database } from '../db/database'
import { sharedPlugin } from './shared-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
  }
}

export interface DatabasePluginOptions extends Record<string, unknown> {
  target: DatabaseTarget
  /** An instance the caller owns (main.ts, tests); otherwise one is opened from `target`. */
  db?: Kysely<Database>
}

/** Decorates `app.db`. Closes the database with the app only if it opened it itself. */
export const databasePlugin = sharedPlugin<DatabasePluginOptions>('database', async (app, options) => {
  const db =
    options.db ??
    createDb(options.target, {
      onConnectionError: (error) => app.log.warn({ err: error }, 'idle database connection failed'),
    })
  app.decorate('db', db)
  if (!options.db) app.addHook('onClose', async () => db.destroy())
})
