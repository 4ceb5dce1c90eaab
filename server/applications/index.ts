import type { FastifyInstance } from 'fastify'
import type { CertificatesContext } from '../certificates/context'
import type { AppDeps } from '../deps'
import type { IdentityContext } from '../identity/context'
import type { NotificationsContext } from '../notifications/context'
import { createApplicationsContext, type ApplicationsContext } from './context'
import { operatorApplicationDetailRoutes } from './operator-detail-routes'
import { operatorApplicationRoutes } from './operator-routes'
import { applicationRoutes } from './routes'

export interface ApplicationsDeps extends AppDeps {
  identity: IdentityContext
  certificates: CertificatesContext
  notifications: NotificationsContext
}

/** Online applications: citizens start, fill, submit and follow them; reviewers move them along. */
export async function registerApplications(app: FastifyInstance, deps: ApplicationsDeps): Promise<ApplicationsContext> {
  const { clock, identity, certificates, notifications } = deps
  const applications = createApplicationsContext({
    db: app.db,
    crypto: identity.crypto,
    certificates: certificates.certificates,
    audit: identity.audit,
    clock,
    templateIds: notifications.templateIds,
    statusListeners: [],
    resultIssuer: { proofKey: deps.config.socialProofKey, crypto: identity.crypto },
  })
  await app.register(applicationRoutes, { applications })
  await app.register(operatorApplicationRoutes, { applications })
  // The console's detail drawer and audited reveal: the same context, the reviewer's view of one application.
  await app.register(operatorApplicationDetailRoutes, { applications })
  return applications
}
