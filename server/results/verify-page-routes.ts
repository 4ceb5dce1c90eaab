import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { preHandlerHookHandler } from 'fastify'
import { VerifyPageParamsSchema } from '../../src/contract/results/schemas'
import { chineseDate } from '../applications/deadline'
import { AppError } from '../errors'
import { renderTooManyChecksPage, renderVerificationPage, VERIFICATION_PAGE_CSP } from '../http/verification-page'
import type { ProofContent } from './proof-content'
import { RESULT_AUDIT_EVENTS } from './routes'
import type { ResultsService } from './service'

export interface VerifyPageOptions {
  service: ResultsService
  /** RATE_LIMIT_SOCIAL_PROOF: proof verification per client IP. */
  limit: { max: number; windowMs: number }
}

/**
 * The page an issued proof's QR opens: /verify/XXXX-XXXX-XXXX, no login, HTML in words
 * (有效 / 已过期 / 已被篡改或不存在), rate-limited per IP. Every check is audited.
 */
export const verifyPageRoutes: FastifyPluginAsyncTypebox<VerifyPageOptions> = async (app, { service, limit }) => {
  // These routes only (this plugin is encapsulated): past the limit, the page says so in words; any other error goes to the app's handler.
  app.setErrorHandler((error, _request, reply) => {
    if (!(error instanceof AppError) || error.code !== 'RATE_LIMITED') throw error
    const retryAfter = reply.getHeader('retry-after')
    return reply.code(429).header('content-security-policy', VERIFICATION_PAGE_CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderTooManyChecksPage(retryAfter === undefined ? undefined : String(retryAfter)))
  })
  const perIp = app.rateLimit({ max: limit.max, timeWindow: limit.windowMs, keyGenerator: (request) => `result-verify:${request.ip}` }) as unknown as preHandlerHookHandler

  app.get(
    '/verify/:code',
    {
      preHandler: perIp,
      schema: {
        summary: 'Public verification page of an issued proof (HTML, no login): issuer, masked holder, what it proves, dates and the status in words',
        tags: ['results'],
        params: VerifyPageParamsSchema,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const found = await service.verify(request.params.code)
      await app.audit({ event: RESULT_AUDIT_EVENTS.verify, outcome: found.status === 'valid' ? 'success' : 'failure', accountId: null, citizenId: found.row?.citizen_id ?? null, ip: request.ip, detail: { code: found.code, status: found.status } })
      const content = found.row ? (JSON.parse(found.row.content) as ProofContent) : undefined
      const html = renderVerificationPage({
        status: found.status,
        code: found.code,
        ...(found.row && content
          ? {
              facts: {
                title: content.title,
                issuer: content.department,
                holder: `${content.holderName}（${content.holderIdNumber}）`,
                statement: content.statement,
                issuedOn: chineseDate(found.row.issued_at),
                validUntil: chineseDate(found.row.expires_at ?? found.row.issued_at),
              },
            }
          : {}),
      })
      // An unknown or altered code is still a page a person reads, not an error screen.
      return reply.code(found.status === 'invalid' ? 404 : 200).header('content-security-policy', VERIFICATION_PAGE_CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html)
    },
  )
}
