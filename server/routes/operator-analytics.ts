import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { DemandQuerySchema, DemandReportSchema, type DemandQuery, type DemandReport } from '../../src/contract/analytics'
import { demandReport } from '../analytics/demand'
import { resolveWindow } from '../analytics/window'
import type { Clock } from '../clock'
import { AppError } from '../errors'
import { auditSource } from '../plugins/audit'
import { operatorHasRole, operatorOf } from '../plugins/operator-auth'
import { noStore } from './no-store'
import { withErrors } from './with-errors'

export interface OperatorAnalyticsRoutesOptions {
  clock: Clock
}

export const ANALYTICS_AUDIT_EVENTS = { demand: 'analytics.demand' } as const

/**
 * Who reads the demand report: content editors (they fix the catalogue: dead items, what
 * people search for and do not find) and reviewers (they answer for processing times and bad
 * ratings); admins pass every role check. Health officers and verifiers have no use for it.
 */
export const ANALYTICS_ROLES = ['content_editor', 'reviewer'] as const
const FORBIDDEN_MESSAGE = '只有内容编辑（content_editor）、审核人员（reviewer）或管理员可以查看需求分析'

/** requireRole for one of several roles: an operator session (401), then any of `roles` (403). */
function requireAnyRole(roles: readonly string[], message: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await request.server.authenticateOperator(request, reply)
    const operator = operatorOf(request)
    if (!roles.some((role) => operatorHasRole(operator, role))) throw new AppError('FORBIDDEN', { message })
  }
}

/** GET /api/operator/analytics/demand: the demand report of a window. Audited. */
export const operatorAnalyticsRoutes: FastifyPluginAsync<OperatorAnalyticsRoutesOptions> = async (app, { clock }) => {
  noStore(app)

  app.get<{ Querystring: DemandQuery; Reply: DemandReport }>(
    '/api/operator/analytics/demand',
    {
      preHandler: requireAnyRole(ANALYTICS_ROLES, FORBIDDEN_MESSAGE),
      schema: {
        summary:
          'Demand report (roles admin, content_editor, reviewer): per service and department views, searches, applications started/submitted/abandoned, median hours to finish, satisfaction; most wanted, dead items, zero-result searches, bad-rating tags and reasons. Audited',
        tags: ['operator'],
        querystring: DemandQuerySchema,
        response: withErrors(DemandReportSchema, [400, 401, 403]),
      },
    },
    async (request) => {
      const window = resolveWindow(request.query, clock())
      const report = await demandReport(app.db, window)
      await app.audit({
        event: ANALYTICS_AUDIT_EVENTS.demand,
        ...auditSource(request),
        detail: { from: report.window.from, to: report.window.to, deadDays: window.deadDays, top: window.top, services: report.services.length },
      })
      return report
    },
  )
}
