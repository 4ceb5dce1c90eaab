import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { OperatorRectificationListSchema, OperatorRectificationSchema, RectificationAnswerRequestSchema, RectificationParamsSchema, RectificationQuerySchema } from '../../src/contract/evaluations/schemas'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { operatorOf } from '../plugins/operator-auth'
import { requireRole } from '../plugins/require-role'
import type { Rectifications } from './rectifications'

export interface OperatorEvaluationRoutesOptions {
  rectifications: Rectifications
}

const DEFAULT_LIMIT = 50

/** Reviewers work through the rectifications bad ratings open. Rules and routes: src/contract/evaluations/schemas.ts. */
export const operatorEvaluationRoutes: FastifyPluginAsyncTypebox<OperatorEvaluationRoutesOptions> = async (app, { rectifications }) => {
  noStore(app)
  const operator = (request: FastifyRequest) => ({ operatorId: operatorOf(request).id, ip: request.ip })
  const reviewer = requireRole(app, 'reviewer', '只有审核人员可以处理差评整改')

  app.get(
    '/api/operator/rectifications',
    {
      preHandler: reviewer,
      schema: {
        summary: 'Reviewer: rectifications opened by bad ratings (default status open), oldest first, citizen names masked. Audited',
        tags: ['operator'],
        querystring: RectificationQuerySchema,
        response: withErrors(OperatorRectificationListSchema, [400, 401, 403]),
      },
    },
    async (request) => {
      const { status = 'open', limit = DEFAULT_LIMIT } = request.query
      return { items: await rectifications.list(operator(request), status, limit) }
    },
  )

  app.post(
    '/api/operator/rectifications/:id/answer',
    {
      preHandler: reviewer,
      schema: {
        summary: 'Reviewer: answer a rectification once (again → 409); the citizen sees the answer and may re-rate once. Audited',
        tags: ['operator'],
        params: RectificationParamsSchema,
        body: RectificationAnswerRequestSchema,
        response: withErrors(OperatorRectificationSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => rectifications.answer(operator(request), request.params.id, request.body.answer),
  )
}
