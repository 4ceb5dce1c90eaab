import type { FastifyInstance } from 'fastify'
import type { AuditEvent } from '../audit/audit-log'
import type { AppDeps } from '../deps'
import { operatorEvaluationRoutes } from './operator-routes'
import { createRatings } from './rating'
import { createRectifications } from './rectifications'
import { evaluationRoutes } from './routes'

/** 好差评: citizens rate completed applications; reviewers answer the rectifications bad ratings open. */
export async function registerEvaluations(app: FastifyInstance, { clock }: AppDeps): Promise<void> {
  const audit = (event: AuditEvent) => app.audit(event)
  await app.register(evaluationRoutes, { ratings: createRatings({ db: app.db, clock, audit }) })
  await app.register(operatorEvaluationRoutes, { rectifications: createRectifications({ db: app.db, clock, audit }) })
}
