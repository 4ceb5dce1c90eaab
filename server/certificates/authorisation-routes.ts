import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AuthorisationCreatedSchema, AuthorisationListQuerySchema, AuthorisationListSchema, AuthorisationParamsSchema, AuthorisationRequestSchema, AuthorisationSchema, AuthorisedCertificateSchema, CertificateParamsSchema } from '../../src/contract/certificates/schemas'
import { createAuthorisation, listAuthorisations, revokeAuthorisation } from './authorisations'
import { fetchAuthorised } from './authorised-access'
import type { CertificatesContext } from './context'
import type { RateLimit } from '../config/rules'
import { bearerToken, identityOf } from '../plugins/auth'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface CertificateAuthorisationRoutesOptions {
  certificates: CertificatesContext
  /** RATE_LIMIT_CERT_VERIFY, per client IP for organisations' fetches. */
  fetchLimit: RateLimit
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

/** Authorisations (授权): the citizen grants, lists and revokes; the organisation fetches. */
export const certificateAuthorisationRoutes: FastifyPluginAsyncTypebox<CertificateAuthorisationRoutesOptions> = async (app, { certificates, fetchLimit }) => {
  noStore(app)

  const limitFetch = app.rateLimit({
    max: fetchLimit.max,
    timeWindow: fetchLimit.windowMs,
    keyGenerator: (request) => `certificate-authorised:${request.ip}`,
  }) as unknown as Hook

  app.post(
    '/api/certificates/:id/authorisations',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary:
          'Authorises an organisation to fetch chosen fields until a date (≤ 1 year); returns the access key once. Needs level 4 or a verification within 5 minutes',
        tags: ['certificates'],
        params: CertificateParamsSchema,
        body: AuthorisationRequestSchema,
        response: withErrors(AuthorisationCreatedSchema, [400, 401, 403, 404, 409], 201),
      },
    },
    async (request, reply) => {
      const created = await createAuthorisation(certificates, identityOf(request), request.params.id, request.body, { ip: request.ip })
      return reply.code(201).send(created)
    },
  )

  app.get(
    '/api/certificates/authorisations',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "The citizen's authorisations (all, or of one certificate), newest first, with how often each was used",
        tags: ['certificates'],
        querystring: AuthorisationListQuerySchema,
        response: withErrors(AuthorisationListSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => ({ items: await listAuthorisations(certificates, identityOf(request), request.query.certificateId) }),
  )

  const revoke = () => ({
    preHandler: app.requireLevel(4),
    schema: {
      summary: 'Revokes an authorisation; the organisation is refused from its next request on. Idempotent',
      tags: ['certificates'],
      params: AuthorisationParamsSchema,
      response: withErrors(AuthorisationSchema, [400, 401, 403, 404]),
    },
  })
  // POST for mini-program platforms whose request API has no DELETE; DELETE for everyone else.
  for (const [method, url] of [
    ['POST', '/api/certificates/authorisations/:grantId/revoke'],
    ['DELETE', '/api/certificates/authorisations/:grantId'],
  ] as const) {
    app.route({ method, url, ...revoke(), handler: async (request) => revokeAuthorisation(certificates, identityOf(request), request.params.grantId, { ip: request.ip }) })
  }

  app.get(
    '/api/certificates/authorised/:grantId',
    {
      preHandler: limitFetch,
      schema: {
        summary:
          'For the authorised organisation (Authorization: Bearer <access key>): exactly the granted fields in full while the grant is active; 403 AUTHORISATION_REVOKED / AUTHORISATION_EXPIRED after',
        tags: ['certificates'],
        params: AuthorisationParamsSchema,
        response: withErrors(AuthorisedCertificateSchema, [400, 401, 403, 404, 409, 429]),
      },
    },
    async (request) => fetchAuthorised(certificates, request.params.grantId, bearerToken(request), { ip: request.ip }),
  )
}
