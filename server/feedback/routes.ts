import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { FeedbackListSchema, FeedbackParamsSchema, FeedbackRequestSchema, FeedbackSchema } from '../../src/contract/evaluations/schemas'
import type { FeedbackService } from './feedback'
import type { RateLimit } from '../config/rules'
import { identityOf } from '../plugins/auth'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface FeedbackRoutesOptions {
  feedback: FeedbackService
  /** RATE_LIMIT_FEEDBACK: feedback written per account. */
  writeLimit: RateLimit
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

/**
 * Feedback (投诉 / 建议 / 咨询): any logged-in citizen writes and follows their own.
 * Rules and routes: src/contract/evaluations/schemas.ts.
 */
export const feedbackRoutes: FastifyPluginAsyncTypebox<FeedbackRoutesOptions> = async (app, { feedback, writeLimit }) => {
  noStore(app)
  const writer = (request: FastifyRequest) => {
    const { account } = identityOf(request)
    // A citizen's feedback from their other accounts is shown only to a proven identity
    // (level 4); an account that only claimed it with a name and ID number sees its own.
    return { accountId: account.id, citizenId: account.level >= 4 ? account.citizenId : null, ip: request.ip }
  }
  // After authenticate, so the key is the account (the login route already limits per IP).
  const limitWrites = app.rateLimit({
    max: writeLimit.max,
    timeWindow: writeLimit.windowMs,
    keyGenerator: (request) => `feedback:${request.identity?.account.id ?? `ip:${request.ip}`}`,
  }) as unknown as Hook

  app.post(
    '/api/feedback',
    {
      preHandler: [app.authenticate, limitWrites],
      schema: {
        summary: 'Write a complaint, suggestion or consultation (login is enough), optionally about a service item or a search that found nothing',
        tags: ['feedback'],
        body: FeedbackRequestSchema,
        response: withErrors(FeedbackSchema, [400, 401, 429], 201),
      },
    },
    async (request, reply) => reply.code(201).send(await feedback.create(writer(request), request.body)),
  )

  app.get(
    '/api/feedback',
    {
      preHandler: app.authenticate,
      schema: {
        summary: "The caller's feedback, newest first, with status and reply",
        tags: ['feedback'],
        response: withErrors(FeedbackListSchema, [401]),
      },
    },
    async (request) => ({ items: await feedback.listMine(writer(request)) }),
  )

  app.get(
    '/api/feedback/:id',
    {
      preHandler: app.authenticate,
      schema: {
        summary: "One of the caller's feedback items with status and reply; another's is 404",
        tags: ['feedback'],
        params: FeedbackParamsSchema,
        response: withErrors(FeedbackSchema, [400, 401, 404]),
      },
    },
    async (request) => feedback.getMine(writer(request), request.params.id),
  )

  app.post(
    '/api/feedback/:id/close',
    {
      preHandler: app.authenticate,
      schema: {
        summary: 'The citizen confirms an answered feedback is settled (已办结); 409 unless it was answered',
        tags: ['feedback'],
        params: FeedbackParamsSchema,
        response: withErrors(FeedbackSchema, [400, 401, 404, 409]),
      },
    },
    async (request) => feedback.close(writer(request), request.params.id),
  )
}
