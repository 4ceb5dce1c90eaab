import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { CertificateVerifyRequestSchema, CertificateVerifyResponseSchema, PresentationParamsSchema, PresentationRequestSchema, PresentationSchema, PresentationStateSchema } from '../../src/contract/certificates/schemas'
import type { CertificatesContext } from './context'
import { issuePresentation, presentationState, withdrawPresentation } from './presentations'
import { verifyPresentation } from './verification'
import type { RateLimit } from '../config/rules'
import { identityOf } from '../plugins/auth'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface CertificatePresentationRoutesOptions {
  certificates: CertificatesContext
  /** RATE_LIMIT_CERT_VERIFY: per account, else per client IP. */
  verifyLimit: RateLimit
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

/** Presentation codes (亮证码): issue, follow and withdraw (holder), verify (anyone with the code). */
export const certificatePresentationRoutes: FastifyPluginAsyncTypebox<CertificatePresentationRoutesOptions> = async (app, { certificates, verifyLimit }) => {
  noStore(app)

  // A session is optional when verifying; a token that is sent must be valid (401 otherwise),
  // so a verifier whose session ran out is told so instead of silently counting as anonymous.
  const optionalAuthentication: Hook = async (request, reply) => {
    if (request.headers.authorization !== undefined) await app.authenticate(request, reply)
  }
  const limitVerify = app.rateLimit({
    max: verifyLimit.max,
    timeWindow: verifyLimit.windowMs,
    keyGenerator: (request) => `certificate-verify:${request.identity?.account.id ?? `ip:${request.ip}`}`,
  }) as unknown as Hook

  app.post(
    '/api/certificates/presentations',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary:
          'Issues a presentation code for one certificate, purpose and chosen fields; needs level 4 or a verification within 5 minutes (else 403 RECENT_VERIFICATION_REQUIRED); expired / revoked certificates are 409 CERTIFICATE_NOT_PRESENTABLE',
        tags: ['certificates'],
        body: PresentationRequestSchema,
        response: withErrors(PresentationSchema, [400, 401, 403, 404, 409], 201),
      },
    },
    async (request, reply) => {
      const presentation = await issuePresentation(certificates, identityOf(request), request.body, { ip: request.ip })
      return reply.code(201).send(presentation)
    },
  )

  app.get(
    '/api/certificates/presentations/:presentationId',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "The state of one of the holder's codes (active / verified by whom / expired / withdrawn), for the 亮证 view to poll",
        tags: ['certificates'],
        params: PresentationParamsSchema,
        response: withErrors(PresentationStateSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => presentationState(certificates, identityOf(request), request.params.presentationId),
  )

  app.post(
    '/api/certificates/presentations/:presentationId/withdraw',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'Withdraws an unused code at once (it can no longer be verified); idempotent',
        tags: ['certificates'],
        params: PresentationParamsSchema,
        response: withErrors(Type.Null({ description: 'Withdrawn (or already used, expired or withdrawn)' }), [400, 401, 403, 404], 204),
      },
    },
    async (request, reply) => {
      await withdrawPresentation(certificates, identityOf(request), request.params.presentationId, { ip: request.ip })
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/api/certificates/verify',
    {
      preHandler: [optionalAuthentication, limitVerify],
      schema: {
        summary:
          'Verifies a presentation code: 200 with valid=false and a reason (tampered, expired, withdrawn, used, certificate revoked…), or valid=true with exactly the disclosed fields in full. Session optional; recorded in the holder’s ledger',
        tags: ['certificates'],
        body: CertificateVerifyRequestSchema,
        response: withErrors(CertificateVerifyResponseSchema, [400, 401, 429]),
      },
    },
    async (request) => verifyPresentation(certificates, request.body.code, request.identity, { ip: request.ip }),
  )
}
