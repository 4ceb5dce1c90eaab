import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DemandQuerySchema, DemandReportSchema } from '../../src/contract/analytics/schemas'
import { demandReport } from './demand'
import { resolveWindow } from './window'
import type { Clock } from '../clock'
import { auditSource } from '../plugins/audit'
import { requireRole } from '../plugins/require-role'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

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

/** GET /api/operator/analytics/demand: the demand report of a window. Audited. */
export const operatorAnalyticsRoutes: FastifyPluginAsyncTypebox<OperatorAnalyticsRoutesOptions> = async (app, { clock }) => {
  noStore(app)

  app.get(
    '/api/operator/analytics/demand',
    {
      preHandler: requireRole(app, ANALYTICS_ROLES, FORBIDDEN_MESSAGE),
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
      // The reports pool: a year's window scans far more than a citizen route may take.
      const report = await demandReport(app.reportsDb, window)
      await app.audit({
        event: ANALYTICS_AUDIT_EVENTS.demand,
        ...auditSource(request),
        detail: { from: report.window.from, to: report.window.to, deadDays: window.deadDays, top: window.top, services: report.services.length },
      })
      return report
    },
  )
}
