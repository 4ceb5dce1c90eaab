import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from './config'
import type { Database } from './db/database'
import { closeConnectionsPlugin } from './plugins/close-connections'
import { databasePlugin } from './plugins/database'
import { errorHandlerPlugin, sendFrameworkError } from './plugins/error-handler'
import { openapiPlugin } from './plugins/openapi'
import { staticPlugin } from './plugins/static'
import { createNoticesRepository } from './repositories/notices'
import { healthRoutes } from './routes/health'
import { noticeRoutes } from './routes/notices'

export interface BuildAppOptions {
  config: Config
  /** A database the caller opened and will close; otherwise the app opens and closes one. */
  db?: Kysely<Database>
  /** A pino-compatible logger; otherwise one at config.logLevel. */
  logger?: FastifyBaseLogger
}

/**
 * Builds the app without starting it: plugins, then repositories, then routes. Callers
 * may still add routes (tests do) before `listen()` / `inject()` / `ready()`.
 */
export async function buildApp({ config, db, logger }: BuildAppOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: { level: config.logLevel } }),
    ajv: {
      // Unknown query/body properties are refused (400), not silently dropped: a typo in
      // a parameter name should be visible to whoever wrote it.
      // One error at a time keeps messages short and the work per bad request bounded.
      customOptions: { removeAdditional: false, allErrors: false },
    },
    // Malformed URLs are rejected before routing; send them through the same handler.
    frameworkErrors: sendFrameworkError,
  })

  // Plugins: error handling first so everything registered later is covered by it.
  await app.register(errorHandlerPlugin)
  await app.register(closeConnectionsPlugin)
  await app.register(databasePlugin, { target: config.database, db })
  await app.register(openapiPlugin)

  // Repositories
  const notices = createNoticesRepository(app.db)

  // Routes
  await app.register(healthRoutes)
  await app.register(noticeRoutes, { notices })

  // Last: the H5 build answers whatever the API did not claim.
  await app.register(staticPlugin, { dir: config.staticDir })
  return app
}
