import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { BatchRejectedSchema, BatchResultSchema, HealthStatusBatchSchema, HealthStatusChangeSchema, OperatorHealthStatusSchema } from '../../src/contract/health-code/schemas'
import type { Database } from '../db/database'
import { applyBatch, changeOneStatus } from './changes'
import type { HealthCodeContext } from './context'
import { operatorOf } from '../plugins/operator-auth'
import { requireRole } from '../plugins/require-role'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface OpsHealthRoutesOptions {
  healthCode: HealthCodeContext
  /** Where batches are checked and written (the reports pool: up to 10 000 rows in one transaction). */
  batchDb?: Kysely<Database>
}

const HEALTH_OFFICER = 'health_officer'
const FORBIDDEN_MESSAGE = '仅卫健部门操作员可以调整健康码状态'
// A 10 000-row CSV with Chinese reasons is a few MB; the default 1 MiB would refuse it.
const BATCH_BODY_LIMIT = 8 * 1024 * 1024

/** Health officers (operator accounts) change statuses, one at a time or in a batch; every change is audited with the operator's id. */
export const opsHealthRoutes: FastifyPluginAsyncTypebox<OpsHealthRoutesOptions> = async (app, { healthCode, batchDb }) => {
  noStore(app)
  const batchContext: HealthCodeContext = batchDb ? { ...healthCode, db: batchDb } : healthCode
  const officer = requireRole(app, HEALTH_OFFICER, FORBIDDEN_MESSAGE)

  app.post(
    '/api/ops/health-statuses',
    {
      preHandler: officer,
      schema: {
        summary: "Sets one citizen's health status by ID number (health_officer role); audited",
        tags: ['ops'],
        body: HealthStatusChangeSchema,
        response: withErrors(OperatorHealthStatusSchema, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => changeOneStatus(healthCode, request.body, { operatorId: operatorOf(request).id, ip: request.ip }),
  )

  app.post(
    '/api/ops/health-statuses/batch',
    {
      preHandler: officer,
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        summary: 'Sets many statuses at once from JSON rows or CSV (health_officer role): all rows or none; 422 lists every bad row',
        tags: ['ops'],
        body: HealthStatusBatchSchema,
        response: { ...withErrors(BatchResultSchema, [400, 401, 403, 409, 413]), 422: BatchRejectedSchema },
      },
    },
    async (request, reply) => {
      const outcome = await applyBatch(batchContext, request.body, { operatorId: operatorOf(request).id, ip: request.ip })
      if (!outcome.ok) return reply.code(422).send(outcome.rejected)
      return outcome.result
    },
  )
}
