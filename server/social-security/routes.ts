import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ContributionsPageSchema, ContributionsQuerySchema, OverviewSchema, ProofListSchema, ProofParamsSchema, ProofRequestSchema, ProofSchema, ProofVerificationSchema, ProofVerifyQuerySchema } from '../../src/contract/social-security/schemas'
import type { RateLimit } from '../config/rules'
import { identityOf } from '../plugins/auth'
import type { SocialSecurityService } from './service'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { sendSocialProofPage, wantsHtml } from './verify-page'

export interface SocialSecurityRoutesOptions {
  service: SocialSecurityService
  /** RATE_LIMIT_SOCIAL_PROOF: verifying per client IP, issuing per account. */
  proofLimit: RateLimit
  /** PUBLIC_ORIGIN: a proof's verifyUrl is on it, whatever Host header the request carried. */
  publicOrigin: string
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

/**
 * 社保查询. Everything but proof verification needs a proven identity (level 4, face verified) and answers with the
 * caller's own records, found through the session's citizen: no route takes a citizen or
 * person id, and unknown query or body properties are refused (400). Reads, issued proofs
 * and every verification are audited.
 */
export const socialSecurityRoutes: FastifyPluginAsyncTypebox<SocialSecurityRoutesOptions> = async (app, { service, proofLimit, publicOrigin }) => {
  noStore(app)
  const limiter = (key: (request: FastifyRequest) => string): Hook =>
    app.rateLimit({ max: proofLimit.max, timeWindow: proofLimit.windowMs, keyGenerator: key }) as unknown as Hook
  const issueLimit = limiter((request) => `social-proof-issue:${request.identity?.account.id ?? `ip:${request.ip}`}`)
  const verifyLimit = limiter((request) => `social-proof-verify:${request.ip}`)
  const caller = (request: FastifyRequest) => ({ account: identityOf(request).account, ip: request.ip })

  app.get(
    '/api/social-security/overview',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "The caller's insured status, enrolments per insurance type, balances, months paid, arrears",
        tags: ['social-security'],
        response: withErrors(OverviewSchema, [401, 403]),
      },
    },
    async (request) => service.overview(caller(request)),
  )

  app.get(
    '/api/social-security/contributions',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "The caller's monthly contribution records of one year (optionally one type), paginated, with yearly totals",
        tags: ['social-security'],
        querystring: ContributionsQuerySchema,
        response: withErrors(ContributionsPageSchema, [400, 401, 403]),
      },
    },
    async (request) => service.contributions(caller(request), request.query),
  )

  app.post(
    '/api/social-security/proofs',
    {
      preHandler: [app.requireLevel(4), issueLimit],
      schema: {
        summary: 'Issues a proof of contributions (参保缴费证明) for a period of the caller’s record, with a verification code',
        tags: ['social-security'],
        body: ProofRequestSchema,
        response: withErrors(ProofSchema, [400, 401, 403, 404, 429], 201),
      },
    },
    async (request, reply) => {
      const proof = await service.issueProof(caller(request), request.body, publicOrigin)
      return reply.code(201).send(proof)
    },
  )

  app.get(
    '/api/social-security/proofs',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'The proofs the caller issued, newest first',
        tags: ['social-security'],
        response: withErrors(ProofListSchema, [401, 403]),
      },
    },
    async (request) => service.listProofs(caller(request)),
  )

  // No login: whoever holds the code (an employer, a housing fund office) may check it.
  app.get(
    '/api/social-security/proofs/:code',
    {
      // A file / PDF / the HTML proof page a browser renders: the document security headers.
      config: { securityHeaders: 'document' },
      onRequest: verifyLimit,
      schema: {
        summary: 'Checks a proof by its verification code (and token, if given): genuine and its masked content, or 404 / 410 PROOF_EXPIRED / 422 PROOF_INVALID',
        tags: ['social-security'],
        params: ProofParamsSchema,
        querystring: ProofVerifyQuerySchema,
        response: withErrors(ProofVerificationSchema, [400, 404, 410, 422, 429]),
      },
    },
    async (request, reply) => {
      // A phone camera's browser asks for HTML: the human-readable page at the same URL (./verify-page.ts).
      if (wantsHtml(request)) return sendSocialProofPage(reply, request.params.code, () => service.verifyProof(request.params.code, request.query.token, request.ip))
      return service.verifyProof(request.params.code, request.query.token, request.ip)
    },
  )
}
