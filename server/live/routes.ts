import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { DashboardQuerySchema, DashboardSchema, type Dashboard } from '../../src/contract/console/schemas'
import { CONSOLE_ACCESS } from '../../src/contract/console/data'
import type { Clock } from '../clock'
import { AppError } from '../errors'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { requireRole } from '../plugins/require-role'
import { dashboardOf } from './dashboard'
import { cookieAsBearer } from './session-cookie'
import type { LiveStreams } from './streams'

export interface LiveRoutesOptions {
  clock: Clock
  streams: LiveStreams
}

const OPERATORS_ONLY = '需求看板仅对运营人员开放'

/** The demand dashboard: a snapshot, and the live stream that starts with one. */
export const liveRoutes: FastifyPluginAsyncTypebox<LiveRoutesOptions> = async (app, { clock, streams }) => {
  noStore(app)
  // The reports pool: the 30-day part scans far more than a citizen route may take.
  const snapshot = (deadDays?: number): Promise<Dashboard> => dashboardOf(app.reportsDb, clock(), deadDays)

  app.get(
    '/api/operator/dashboard',
    {
      preHandler: requireRole(app, CONSOLE_ACCESS['GET /api/operator/dashboard'], OPERATORS_ONLY),
      schema: {
        summary:
          'Demand dashboard (any operator role): views, searches, application starts and submissions per minute over the last hour and today; top services, zero-result searches, dead services (?deadDays), abandonment, time to finish against the promise, satisfaction per department (30 days); working-calendar warnings',
        tags: ['operator'],
        querystring: DashboardQuerySchema,
        response: withErrors(DashboardSchema, [400, 401, 403]),
      },
    },
    async (request) => snapshot(request.query.deadDays),
  )

  app.get(
    '/api/operator/live',
    {
      // EventSource sends no Authorization header: the session may come as the gov_op cookie.
      onRequest: cookieAsBearer,
      preHandler: requireRole(app, CONSOLE_ACCESS['GET /api/operator/live'], OPERATORS_ONLY),
      schema: {
        summary:
          'Live demand feed (any operator role), text/event-stream: `snapshot` (the dashboard), then `activity` {kind, at, serviceCode?, serviceName?, query? (masked)} for each citizen view, search, application start or submit and rating on any node, within 2 s; a keep-alive comment every 15 s; `bye` before a shutdown. The operator session as bearer header or the gov_op cookie login sets; Accept must name text/event-stream (400 headers.accept otherwise)',
        tags: ['operator'],
        querystring: DashboardQuerySchema,
        response: withErrors(Type.String({ description: 'text/event-stream' }), [400, 401, 403]),
      },
    },
    async (request, reply) => {
      // EventSource always asks for text/event-stream; anything else would wait on a stream that never ends.
      if (!(request.headers.accept ?? '').includes('text/event-stream')) {
        throw new AppError('VALIDATION_FAILED', { field: 'headers.accept', rule: 'text/event-stream', message: '实时数据流需要以 text/event-stream 方式接收' })
      }
      const first = await snapshot(request.query.deadDays)
      // From here on the connection is the stream's, not Fastify's reply cycle.
      reply.hijack()
      streams.open(reply.raw, { event: 'snapshot', data: first })
    },
  )
}
