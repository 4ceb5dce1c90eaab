import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import type { IdentityContext } from '../identity/context'
import { certificateAuthorisationRoutes } from './authorisation-routes'
import { createCertificatesContext, type CertificatesContext } from './context'
import { certificatePresentationRoutes } from './presentation-routes'
import { certificateRoutes } from './routes'

/**
 * Certificates: the wallet (list, detail, reveal), presentation codes and their verification,
 * and third-party authorisations. Returns the context applications build on (materials met by certificates).
 */
export async function registerCertificates(app: FastifyInstance, deps: AppDeps & { identity: IdentityContext }): Promise<CertificatesContext> {
  const { config, clock, identity } = deps
  const certificates = createCertificatesContext({ config, db: app.db, crypto: identity.crypto, audit: identity.audit, clock })
  await app.register(certificateRoutes, { certificates })
  await app.register(certificatePresentationRoutes, { certificates, verifyLimit: config.rateLimitCertificateVerify })
  await app.register(certificateAuthorisationRoutes, { certificates, fetchLimit: config.rateLimitCertificateVerify })
  return certificates
}
