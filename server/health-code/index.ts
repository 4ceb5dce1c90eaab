import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import type { IdentityContext } from '../identity/context'
import { createHealthCodeContext } from './context'
import { opsHealthRoutes } from './operator-routes'
import { healthCodeRoutes } from './routes'

/** Health code: citizens' signed codes and verifiers' checks; operators change statuses (one or a batch). */
export async function registerHealthCode(app: FastifyInstance, deps: AppDeps & { identity: IdentityContext }): Promise<void> {
  const { config, clock, lastKnown, identity } = deps
  const healthCode = createHealthCodeContext({
    config,
    db: app.db,
    cache: lastKnown,
    crypto: identity.crypto,
    audit: identity.audit,
    clock,
    log: app.log,
    hot: identity.hot?.status,
  })
  await app.register(healthCodeRoutes, { healthCode, verifyLimit: config.rateLimitHealthCodeVerify })
  // Batches write many rows: on the reports pool, with its longer timeouts.
  await app.register(opsHealthRoutes, { healthCode, batchDb: app.reportsDb })
}
