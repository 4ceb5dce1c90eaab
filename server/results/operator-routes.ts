import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApplicationParamsSchema } from '../../src/contract/applications/schemas'
import { OperatorResultSchema, PayoutRequestSchema, TrackingRequestSchema } from '../../src/contract/results/schemas'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { auditSource } from '../plugins/audit'
import { requireRole } from '../plugins/require-role'
import { RESULT_AUDIT_EVENTS } from './routes'
import type { ResultsService } from './service'

/**
 * Reviewers see an application's result (masked), fill the EMS waybill number of a posted one and
 * the amount a money result paid out.
 */
export const operatorResultRoutes: FastifyPluginAsyncTypebox<{ service: ResultsService }> = async (app, { service }) => {
  noStore(app)
  const reviewer = requireRole(app, 'reviewer', '只有审核人员可以查看和填写办理结果')

  app.get(
    '/api/operator/applications/:id/result',
    {
      preHandler: reviewer,
      schema: {
        summary: "An application's delivered result for the console drawer (masked): null until 办结",
        tags: ['results', 'operator'],
        params: ApplicationParamsSchema,
        response: withErrors(OperatorResultSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => ({ result: await service.forApplication(request.params.id) }),
  )

  app.post(
    '/api/operator/applications/:id/result/tracking',
    {
      preHandler: reviewer,
      schema: {
        summary: 'The EMS waybill number of a physical result the citizen chose to receive by post (13 characters, e.g. EA123456789CN). Audited',
        tags: ['results', 'operator'],
        params: ApplicationParamsSchema,
        body: TrackingRequestSchema,
        response: withErrors(OperatorResultSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const result = await service.setTracking(request.params.id, request.body.trackingNumber)
      await app.audit({ event: RESULT_AUDIT_EVENTS.tracking, ...auditSource(request), detail: { applicationId: request.params.id, resultId: result.id } })
      return { result }
    },
  )

  app.post(
    '/api/operator/applications/:id/result/payout',
    {
      preHandler: reviewer,
      schema: {
        summary: 'The amount (fen) a money result paid out to the account the citizen gave (shown masked to them). Audited',
        tags: ['results', 'operator'],
        params: ApplicationParamsSchema,
        body: PayoutRequestSchema,
        response: withErrors(OperatorResultSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const result = await service.setPayout(request.params.id, request.body.amountCents)
      await app.audit({ event: RESULT_AUDIT_EVENTS.payout, ...auditSource(request), detail: { applicationId: request.params.id, resultId: result.id, amountCents: request.body.amountCents } })
      return { result }
    },
  )
}
