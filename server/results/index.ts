import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import type { IdentityContext } from '../identity/context'
import { operatorResultRoutes } from './operator-routes'
import { resultRoutes } from './routes'
import { createResultsService } from './service'
import { verifyPageRoutes } from './verify-page-routes'

/**
 * Results delivered (办理结果): issued on 办结 by server/results/issue.ts (called from the
 * applications' status change); here the citizen's 我的证明, the PDF, the delivery choice, the
 * department's waybill number and the public verification page.
 */
export async function registerResults(app: FastifyInstance, deps: AppDeps & { identity: IdentityContext }): Promise<void> {
  const { config, clock, identity } = deps
  const service = createResultsService({ db: app.db, crypto: identity.crypto, proofKey: config.socialProofKey, publicOrigin: config.publicOrigin, clock })
  await app.register(resultRoutes, { service })
  await app.register(operatorResultRoutes, { service })
  await app.register(verifyPageRoutes, { service, limit: config.rateLimitSocialProof })
}
