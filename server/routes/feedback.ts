import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import {
  FeedbackListSchema,
  FeedbackParamsSchema,
  FeedbackQuerySchema,
  FeedbackReplyRequestSchema,
  FeedbackRequestSchema,
  FeedbackSchema,
  OperatorFeedbackListSchema,
  OperatorFeedbackSchema,
  type Feedback,
  type FeedbackList,
  type FeedbackParams,
  type FeedbackQuery,
  type FeedbackReplyRequest,
  type FeedbackRequest,
  type OperatorFeedback,
  type OperatorFeedbackList,
} from '../../src/contract/evaluations'
import type { Clock } from '../clock'
import { createFeedbackService } from '../feedback/feedback'
import type { RateLimit } from '../config/rules'
import { identityOf } from '../plugins/auth'
import { operatorOf } from '../plugins/operator-auth'
import { requireRole } from '../plugins/require-role'
import { noStore } from './no-store'
import { withErrors } from './with-errors'

export interface FeedbackRoutesOptions {
  clock: Clock
  /** RATE_LIMIT_FEEDBACK: feedback written per account. */
  writeLimit: RateLimit
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

const DEFAULT_LIMIT = 50

/**
 * Feedback (投诉 / 建议 / 咨询): any logged-in citizen writes and follows their own;
 * content editors reply. Rules and routes: src/contract/evaluations.ts.
 */
export const feedbackRoutes: FastifyPluginAsync<FeedbackRoutesOptions> = async (app, { clock, writeLimit }) => {
  noStore(app)
  const feedback = createFeedbackService({ db: app.db, clock, audit: (event) => app.audit(event) })
  const writer = (request: FastifyRequest) => {
    const { account } = identityOf(request)
    // A citizen's feedback from their other accounts is shown only to a proven identity
    // (level 4); an account that only claimed it with a name and ID number sees its own.
    return { accountId: account.id, citizenId: account.level >= 4 ? account.citizenId : null, ip: request.ip }
  }
  const operator = (request: FastifyRequest) => ({ operatorId: operatorOf(request).id, ip: request.ip })
  const editor = requireRole(app, 'content_editor', '只有内容编辑人员可以回复留言')
  // After authenticate, so the key is the account (the login route already limits per IP).
  const limitWrites = app.rateLimit({
    max: writeLimit.max,
    timeWindow: writeLimit.windowMs,
    keyGenerator: (request) => `feedback:${request.identity?.account.id ?? `ip:${request.ip}`}`,
  }) as unknown as Hook

  app.post<{ Body: FeedbackRequest; Reply: Feedback }>(
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

  app.get<{ Reply: FeedbackList }>(
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

  app.get<{ Params: FeedbackParams; Reply: Feedback }>(
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

  app.post<{ Params: FeedbackParams; Reply: Feedback }>(
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

  app.get<{ Querystring: FeedbackQuery; Reply: OperatorFeedbackList }>(
    '/api/operator/feedback',
    {
      preHandler: editor,
      schema: {
        summary: 'Content editor: feedback by status (default open), oldest first, names masked. Audited',
        tags: ['operator'],
        querystring: FeedbackQuerySchema,
        response: withErrors(OperatorFeedbackListSchema, [400, 401, 403]),
      },
    },
    async (request) => {
      const { status = 'open', limit = DEFAULT_LIMIT } = request.query
      return { items: await feedback.listForOperator(operator(request), status, limit) }
    },
  )

  app.post<{ Params: FeedbackParams; Body: FeedbackReplyRequest; Reply: OperatorFeedback }>(
    '/api/operator/feedback/:id/reply',
    {
      preHandler: editor,
      schema: {
        summary: 'Content editor: reply once (status answered); a second reply is 409, the citizen keeps what they were told. Audited',
        tags: ['operator'],
        params: FeedbackParamsSchema,
        body: FeedbackReplyRequestSchema,
        response: withErrors(OperatorFeedbackSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => feedback.reply(operator(request), request.params.id, request.body.reply),
  )
}
