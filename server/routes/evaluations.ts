import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import {
  ApplicationParamsSchema,
  EvaluationRequestSchema,
  EvaluationStateSchema,
  OperatorRectificationListSchema,
  OperatorRectificationSchema,
  RectificationAnswerRequestSchema,
  RectificationParamsSchema,
  RectificationQuerySchema,
  type ApplicationParams,
  type EvaluationRequest,
  type EvaluationState,
  type OperatorRectification,
  type OperatorRectificationList,
  type RectificationAnswerRequest,
  type RectificationParams,
  type RectificationQuery,
} from '../../src/contract/evaluations'
import { citizenIdOf } from '../certificates/access'
import type { Clock } from '../clock'
import { createRatings, type Round } from '../evaluations/rating'
import { createRectifications } from '../evaluations/rectifications'
import { identityOf } from '../plugins/auth'
import { operatorOf } from '../plugins/operator-auth'
import { requireRole } from '../plugins/require-role'
import { noStore } from './no-store'
import { withErrors } from './with-errors'

export interface EvaluationRoutesOptions {
  clock: Clock
}

const DEFAULT_LIMIT = 50

/**
 * 好差评: the citizen rates a completed application (and re-rates once after a bad
 * rating was answered); reviewers work through the rectifications bad ratings open.
 * Rules and routes: src/contract/evaluations.ts.
 */
export const evaluationRoutes: FastifyPluginAsync<EvaluationRoutesOptions> = async (app, { clock }) => {
  noStore(app)
  const audit = (event: Parameters<typeof app.audit>[0]) => app.audit(event)
  const ratings = createRatings({ db: app.db, clock, audit })
  const rectifications = createRectifications({ db: app.db, clock, audit })
  const rater = (request: FastifyRequest) => {
    const identity = identityOf(request)
    return { accountId: identity.account.id, citizenId: citizenIdOf(identity), ip: request.ip }
  }
  const operator = (request: FastifyRequest) => ({ operatorId: operatorOf(request).id, ip: request.ip })
  const reviewer = requireRole(app, 'reviewer', '只有审核人员可以处理差评整改')

  app.get<{ Params: ApplicationParams; Reply: EvaluationState }>(
    '/api/applications/:id/evaluation',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: "The citizen's rating(s) of the application with each rectification's status and answer, and whether it can be rated or re-rated now",
        tags: ['evaluations'],
        params: ApplicationParamsSchema,
        response: withErrors(EvaluationStateSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => ratings.state(citizenIdOf(identityOf(request)), request.params.id),
  )

  const rateRoute = (url: string, round: Round, summary: string) =>
    app.post<{ Params: ApplicationParams; Body: EvaluationRequest; Reply: EvaluationState }>(
      url,
      {
        preHandler: app.requireLevel(4),
        schema: {
          summary,
          tags: ['evaluations'],
          params: ApplicationParamsSchema,
          body: EvaluationRequestSchema,
          response: withErrors(EvaluationStateSchema, [400, 401, 403, 404, 409], 201),
        },
      },
      async (request, reply) => {
        const state = await ratings.rate(rater(request), request.params.id, request.body, round)
        return reply.code(201).send(state)
      },
    )
  rateRoute(
    '/api/applications/:id/evaluation',
    1,
    'Rate a completed application once (409 if not completed or already rated); tags from the rating’s group; rating ≤ 2 needs a reason and opens a rectification',
  )
  rateRoute(
    '/api/applications/:id/evaluation/re-rate',
    2,
    'Re-rate once, only after the rectification was answered (409 otherwise); a re-rate ≤ 2 needs a reason and opens a new rectification flagged repeat',
  )

  app.get<{ Querystring: RectificationQuery; Reply: OperatorRectificationList }>(
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

  app.post<{ Params: RectificationParams; Body: RectificationAnswerRequest; Reply: OperatorRectification }>(
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
