import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import type { IdentityContext } from '../identity/context'
import { operatorAuthPlugin } from '../plugins/operator-auth'
import { createOperatorsContext, type OperatorsContext } from './context'
import { operatorRoutes } from './operator-routes'

/**
 * Operators (people who run the service): own accounts, passwords and sessions, apart from
 * citizens. Registers the operator authentication every /api/operator route uses.
 */
export async function registerOperators(app: FastifyInstance, deps: AppDeps & { identity: IdentityContext }): Promise<OperatorsContext> {
  const { config, clock, identity } = deps
  const operators = createOperatorsContext({ config, db: app.db, redis: app.redis, clock, audit: identity.audit })
  await app.register(operatorAuthPlugin, { operators })
  await app.register(operatorRoutes, { operators })
  return operators
}
