import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import type { IdentityContext } from '../identity/context'
import { delegationGatePlugin } from './gate'
import { createDelegationsRepository } from './repository'
import { delegationRoutes } from './routes'
import { createDelegationService } from './service'
import { delegationDb } from './tables'

/**
 * 亲情代办, part one: the gate that resolves X-Acting-For on every request. Registered before
 * every domain (a root hook reaches only the routes registered after it).
 */
export async function registerDelegationGate(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(delegationGatePlugin, { clock: deps.clock })
}

/** 亲情代办, part two: invite, consent, face of the principal, end, list (after identity, whose citizens and face providers it uses). */
export async function registerDelegations(app: FastifyInstance, deps: AppDeps & { identity: IdentityContext }): Promise<void> {
  const db = delegationDb(app.db)
  const service = createDelegationService({ db, repository: createDelegationsRepository(db), identity: deps.identity })
  await app.register(delegationRoutes, { service })
}
