import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import { operatorAnalyticsRoutes } from './operator-routes'

/** Demand analytics for operators (the report scans on the reports pool). */
export async function registerAnalytics(app: FastifyInstance, { clock }: AppDeps): Promise<void> {
  await app.register(operatorAnalyticsRoutes, { clock })
}
