import type { FastifyInstance } from 'fastify'
import { createApplicationsContext } from '../applications/context'
import type { CertificatesContext } from '../certificates/context'
import type { AppDeps } from '../deps'
import type { IdentityContext } from '../identity/context'
import type { NotificationsContext } from '../notifications/context'
import { lifeEventRoutes } from './routes'

export interface LifeEventsDeps extends AppDeps {
  identity: IdentityContext
  certificates: CertificatesContext
  notifications: NotificationsContext
}

/**
 * 一件事一次办: packages of catalogue items applied for once. Each member becomes an ordinary
 * application, so it works over the applications domain's own context (same tables, same
 * store, same notifications); the reviewer side is the existing queue.
 */
export async function registerLifeEvents(app: FastifyInstance, deps: LifeEventsDeps): Promise<void> {
  const { clock, identity, certificates, notifications } = deps
  const applications = createApplicationsContext({
    db: app.db,
    crypto: identity.crypto,
    certificates: certificates.certificates,
    audit: identity.audit,
    clock,
    templateIds: notifications.templateIds,
  })
  await app.register(lifeEventRoutes, { applications })
}
