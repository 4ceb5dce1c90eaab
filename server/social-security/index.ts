import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import type { IdentityContext } from '../identity/context'
import { socialSecurityRoutes } from './routes'
import { createSocialSecurityService } from './service'

/** 社保查询: a proven citizen's enrolments, contributions, balances and signed proofs; anyone verifies a proof. */
export async function registerSocialSecurity(app: FastifyInstance, deps: AppDeps & { identity: IdentityContext }): Promise<void> {
  const { config, clock, identity } = deps
  const service = createSocialSecurityService({
    db: app.db,
    citizens: identity.citizens,
    clock,
    proofKey: config.socialProofKey,
    audit: (event) => app.audit(event),
  })
  await app.register(socialSecurityRoutes, { service, proofLimit: config.rateLimitSocialProof, publicOrigin: config.publicOrigin })
}
