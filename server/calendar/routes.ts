import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CalendarParamsSchema, CalendarPutSchema, CalendarQuerySchema, CalendarYearSchema } from '../../src/contract/console/schemas'
import { CONSOLE_ACCESS } from '../../src/contract/console/data'
import { chinaDateOf } from '../applications/working-days'
import type { Clock } from '../clock'
import { auditSource } from '../plugins/audit'
import { operatorOf } from '../plugins/operator-auth'
import { requireRole } from '../plugins/require-role'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import type { CalendarCache } from './cache'
import { checkEntries } from './entry-rules'
import { readYear, replaceYear } from './repository'

export interface CalendarRoutesOptions {
  clock: Clock
  cache: CalendarCache
}

export const CALENDAR_AUDIT_EVENTS = { replace: 'calendar.replace' } as const
const ADMIN_ONLY = '只有管理员可以维护工作日历'

/** The working calendar: admins read and replace a year (the State Council notice, once a year). */
export const calendarRoutes: FastifyPluginAsyncTypebox<CalendarRoutesOptions> = async (app, { clock, cache }) => {
  noStore(app)
  const admin = requireRole(app, CONSOLE_ACCESS['GET /api/operator/calendar'], ADMIN_ONLY)

  app.get(
    '/api/operator/calendar',
    {
      preHandler: admin,
      schema: {
        summary: 'A year of the working calendar (admin): holidays and 调休 working weekends; complete=false when not entered or statutory days only. Default: this year',
        tags: ['operator'],
        querystring: CalendarQuerySchema,
        response: withErrors(CalendarYearSchema, [400, 401, 403]),
      },
    },
    async (request) => readYear(app.db, request.query.year ?? Number(chinaDateOf(clock()).slice(0, 4))),
  )

  app.put(
    '/api/operator/calendar/:year',
    {
      preHandler: requireRole(app, CONSOLE_ACCESS['PUT /api/operator/calendar/:year'], ADMIN_ONLY),
      schema: {
        summary:
          'Replaces a year of the working calendar at once (admin): every date real, in the year, listed once; workday (调休上班) only on a weekend. Promised time limits count with it from now on. Audited',
        tags: ['operator'],
        params: CalendarParamsSchema,
        body: CalendarPutSchema,
        // 404 as on every route with a path parameter (the OpenAPI test holds them to it); a year out of range is 400.
        response: withErrors(CalendarYearSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const { year } = request.params
      const entries = checkEntries(year, request.body.entries)
      await replaceYear(app.db, year, entries, operatorOf(request).id, clock())
      await cache.refresh()
      await app.audit({
        event: CALENDAR_AUDIT_EVENTS.replace,
        ...auditSource(request),
        detail: { year, holidays: entries.filter((entry) => entry.kind === 'holiday').length, workdays: entries.filter((entry) => entry.kind === 'workday').length },
      })
      return readYear(app.db, year)
    },
  )
}
