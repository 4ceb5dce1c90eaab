import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { ApplicationParamsSchema, EvaluationRequestSchema, EvaluationStateSchema } from '../../src/contract/evaluations/schemas'
import { citizenIdOf } from '../certificates/access'
import type { Ratings, Round } from './rating'
import { identityOf } from '../plugins/auth'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface EvaluationRoutesOptions {
  ratings: Ratings
}

/**
 * 好差评: the citizen rates a completed application (and re-rates once after a bad
 * rating was answered). Rules and routes: src/contract/evaluations/schemas.ts.
 */
export const evaluationRoutes: FastifyPluginAsyncTypebox<EvaluationRoutesOptions> = async (app, { ratings }) => {
  noStore(app)
  const rater = (request: FastifyRequest) => {
    const identity = identityOf(request)
    return { accountId: identity.account.id, citizenId: citizenIdOf(identity), ip: request.ip }
  }

  app.get(
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
    app.post(
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
}
