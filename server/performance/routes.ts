import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { PERFORMANCE_CACHE_SECONDS, PERFORMANCE_MIN_SAMPLE, PERFORMANCE_WINDOW_DAYS } from '../../src/contract/performance/data'
import { DepartmentRankingSchema, PerformanceOpenDataSchema, PerformanceParamsSchema, ServicePerformanceSchema } from '../../src/contract/performance/schemas'
import { AppError } from '../errors'
import { withErrors } from '../http/with-errors'
import type { PerformanceCache } from './cache'
import { openDataCsv, openDataJson } from './open-data'

export interface PerformanceRoutesOptions {
  cache: PerformanceCache
}

// Public aggregate figures, computed every few minutes: any cache may keep them that long.
const PUBLIC_CACHE = `public, max-age=${PERFORMANCE_CACHE_SECONDS}`

/** 办事公开: a service's figures, the department ranking, and the whole set as open data. No login. */
export const performanceRoutes: FastifyPluginAsyncTypebox<PerformanceRoutesOptions> = async (app, { cache }) => {
  app.get(
    '/api/services/:code/performance',
    {
      schema: {
        summary: "A published item's performance over the last 90 days (办事公开): time to finish against the promised limit, completion rate, digital take-up, satisfaction and the latest bad reviews with replies; figures under the minimum sample are null",
        tags: ['services'],
        params: PerformanceParamsSchema,
        response: withErrors(ServicePerformanceSchema, [400, 404]),
      },
    },
    async (request, reply) => {
      const service = (await cache.get()).services.get(request.params.code)
      if (!service) throw new AppError('NOT_FOUND', { message: '没有找到这个事项，它可能已调整或下线，请返回重新搜索' })
      void reply.header('cache-control', PUBLIC_CACHE)
      return service
    },
  )

  app.get(
    '/api/performance/departments',
    {
      schema: {
        summary: 'Departments ranked by the same figures (share finished within the limit, then satisfaction, then median working days)',
        tags: ['services'],
        response: withErrors(DepartmentRankingSchema),
      },
    },
    async (_request, reply) => {
      const set = await cache.get()
      void reply.header('cache-control', PUBLIC_CACHE)
      return { windowDays: PERFORMANCE_WINDOW_DAYS, minSample: PERFORMANCE_MIN_SAMPLE, computedAt: set.computedAt, departments: set.departments }
    },
  )

  app.get(
    '/api/performance/open-data.json',
    {
      schema: {
        summary: "Open data: every published item's performance figures (columns: docs/open-data.md)",
        tags: ['services'],
        response: withErrors(PerformanceOpenDataSchema),
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', PUBLIC_CACHE)
      return openDataJson(await cache.get(), PERFORMANCE_WINDOW_DAYS, PERFORMANCE_MIN_SAMPLE)
    },
  )

  app.get(
    '/api/performance/open-data.csv',
    {
      schema: {
        summary: 'Open data as CSV (UTF-8 with BOM; columns: docs/open-data.md)',
        tags: ['services'],
        // No `produces`: it would move the error answer (JSON) under text/csv in the document.
        response: withErrors(Type.String({ description: 'CSV (text/csv; charset=utf-8), columns in docs/open-data.md' }), []),
      },
    },
    async (_request, reply) => {
      void reply
        .header('cache-control', PUBLIC_CACHE)
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="service-performance.csv"')
      return openDataCsv(await cache.get())
    },
  )
}
