import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import { createFeedbackService } from './feedback'
import { operatorFeedbackRoutes } from './operator-routes'
import { feedbackRoutes } from './routes'

/** Feedback (投诉 / 建议 / 咨询): citizens write and follow their own; content editors reply. */
export async function registerFeedback(app: FastifyInstance, { config, clock }: AppDeps): Promise<void> {
  const feedback = createFeedbackService({ db: app.db, clock, audit: (event) => app.audit(event) })
  await app.register(feedbackRoutes, { feedback, writeLimit: config.rateLimitFeedback })
  await app.register(operatorFeedbackRoutes, { feedback })
}
