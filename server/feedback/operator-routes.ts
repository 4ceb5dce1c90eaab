import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { FeedbackCloseRequestSchema, FeedbackParamsSchema, FeedbackQuerySchema, FeedbackReplyRequestSchema, OperatorFeedbackListSchema, OperatorFeedbackSchema } from '../../src/contract/evaluations/schemas'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { operatorOf } from '../plugins/operator-auth'
import { requireRole } from '../plugins/require-role'
import type { FeedbackService } from './feedback'

export interface OperatorFeedbackRoutesOptions {
  feedback: FeedbackService
}

const DEFAULT_LIMIT = 50

/** Content editors list feedback, reply once, and close it with a note. Rules and routes: src/contract/evaluations/schemas.ts. */
export const operatorFeedbackRoutes: FastifyPluginAsyncTypebox<OperatorFeedbackRoutesOptions> = async (app, { feedback }) => {
  noStore(app)
  const operator = (request: FastifyRequest) => ({ operatorId: operatorOf(request).id, ip: request.ip })
  const editor = requireRole(app, 'content_editor', '只有内容编辑人员可以回复留言')

  app.get(
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

  app.post(
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

  app.post(
    '/api/operator/feedback/:id/close',
    {
      preHandler: editor,
      schema: {
        summary: 'Content editor: closes open or answered feedback with a note the citizen reads (status closed); a closed one is 409. Audited',
        tags: ['operator'],
        params: FeedbackParamsSchema,
        body: FeedbackCloseRequestSchema,
        response: withErrors(OperatorFeedbackSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => feedback.closeByOperator(operator(request), request.params.id, request.body.note),
  )
}
