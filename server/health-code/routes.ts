import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { HealthCodeKeysSchema, HealthCodeSchema, VerifyRequestSchema, VerifyResponseSchema, type HealthCode, type VerifyRequest, type VerifyResponse } from '../../src/contract/health-code/schemas'
import type { AuditEvent } from '../audit/audit-log'
import type { RateLimit } from '../config/rules'
import type { HealthCodeContext } from './context'
import { issueHealthCode, issueHealthCodeNow } from './issue'
import { HEALTH_AUDIT_EVENTS } from './statuses'
import { verifyHealthCode } from './verify'
import { auditSource } from '../plugins/audit'
import { identityOf } from '../plugins/auth'
import { requireRole } from '../plugins/require-role'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface HealthCodeRoutesOptions {
  healthCode: HealthCodeContext
  /** RATE_LIMIT_HEALTH_CODE_VERIFY: verifications per verifier account. */
  verifyLimit: RateLimit
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

/**
 * The JSON of an answer this process has given before: issueHealthCodeNow hands back the same
 * frozen answer while the signed code and the status copy are unchanged (./issue.ts), so its
 * JSON, written once by the route's own response schema, is sent again as text (a citizen at a
 * gate refreshes the same code; serialising it was ~2 µs of each request). Weak: an answer no
 * longer handed out takes its text with it.
 */
const written = new WeakMap<HealthCode, string>()
const JSON_TYPE = 'application/json; charset=utf-8'

function asWritten(reply: FastifyReply, code: HealthCode): string {
  let text = written.get(code)
  if (text === undefined) {
    text = reply.serializeInput(code, '200') as string
    written.set(code, text)
  }
  // With its type set, Fastify sends the text as it is (no second serialisation).
  void reply.type(JSON_TYPE)
  return text
}

/** The citizen's code, the published keys, and verification for checkpoint staff. */
export const healthCodeRoutes: FastifyPluginAsyncTypebox<HealthCodeRoutesOptions> = async (app, { healthCode, verifyLimit }) => {
  // Public keys may be cached briefly by offline verifiers; a rotation shows within minutes.
  app.get(
    '/api/health-code/keys',
    {
      schema: {
        summary: 'The public keys health codes are signed with (current first, then retired ones still accepted)',
        tags: ['health-code'],
        response: withErrors(HealthCodeKeysSchema),
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'public, max-age=300')
      return healthCode.keyring.published
    },
  )

  // After the role check, so the key is the verifier's account (each verify is also audited).
  const limitVerifications = app.rateLimit({
    max: verifyLimit.max,
    timeWindow: verifyLimit.windowMs,
    keyGenerator: (request) => `health-code-verify:${request.identity?.account.id ?? `ip:${request.ip}`}`,
  }) as unknown as Hook

  // The code and verification results carry personal data: never kept by any cache.
  await app.register(async (personal) => {
    noStore(personal)

    personal.get<{ Reply: HealthCode }>(
      '/api/health-code',
      {
        preHandler: personal.requireLevel(4),
        schema: {
          summary: "The citizen's health code: a short-lived signed token with the colour and reason; needs a proven identity (level 4)",
          tags: ['health-code'],
          response: withErrors(HealthCodeSchema, [401, 403, 404, 503]),
        },
      },
      // Not async: a code answered from this process's copies is sent without a promise.
      (request, reply) => {
        const citizenId = identityOf(request).account.citizenId!
        const code = issueHealthCodeNow(healthCode, citizenId)
        return code ? (asWritten(reply, code) as unknown as HealthCode) : issueHealthCode(healthCode, citizenId)
      },
    )

    personal.post<{ Body: VerifyRequest; Reply: VerifyResponse }>(
      '/api/health-code/verify',
      {
        preHandler: [requireRole(personal, 'verifier', '仅核验人员可以核验健康码'), limitVerifications],
        schema: {
          summary: 'Verifies a scanned health code (verifier role): validity, colour, masked name; audited',
          tags: ['health-code'],
          body: VerifyRequestSchema,
          response: withErrors(VerifyResponseSchema, [400, 401, 403, 429, 503]),
        },
      },
      async (request) => {
        const outcome = await verifyHealthCode(healthCode, request.body.token)
        await auditOrLog(request, {
          event: HEALTH_AUDIT_EVENTS.verify,
          outcome: outcome.response.valid ? 'success' : 'failure',
          ...auditSource(request),
          // The holder, not the verifier's own citizen record.
          citizenId: outcome.citizenId,
          detail: { reason: outcome.response.reason, colour: outcome.response.colour, kid: outcome.kid, statusFrom: outcome.source },
        })
        return outcome.response
      },
    )
  })

  /**
   * Verifications must be audited, but a checkpoint must keep working while the database
   * (where the audit log lives) is down: the entry then goes to the error log, whole, so
   * it can be replayed, and the verifier still gets the answer.
   */
  async function auditOrLog(request: FastifyRequest, event: AuditEvent): Promise<void> {
    try {
      await app.audit(event)
    } catch (error) {
      request.log.error({ err: error, audit: event }, 'audit entry not stored (database unavailable); logged here instead')
    }
  }
}
