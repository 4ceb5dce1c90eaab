import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import { createPerformanceCache } from './cache'
import { performanceRoutes } from './routes'

/** 办事公开: public performance figures per item and department, and the open data (read on the reports pool). */
export async function registerPerformance(app: FastifyInstance, { clock }: AppDeps): Promise<void> {
  const cache = createPerformanceCache(() => app.reportsDb, clock)
  await app.register(performanceRoutes, { cache })
}
