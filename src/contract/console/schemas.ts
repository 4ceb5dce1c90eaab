/**
 * Operator console (issue 18) server contract: the live demand feed and dashboard, the
 * working calendar, the release log, the catalogue editor. Agreed in the console API note;
 * the console (console/) imports TYPES only from here (`import type`).
 *
 * Routes (operator session: bearer token, or the `gov_op` cookie for the live stream only):
 *   GET  /api/operator/live                  any role     text/event-stream: `snapshot` (Dashboard), then `activity` (LiveActivity)
 *   GET  /api/operator/dashboard?deadDays=   any role     Dashboard
 *   GET  /api/operator/calendar?year=        admin        CalendarYear
 *   PUT  /api/operator/calendar/:year        admin        CalendarPut → CalendarYear (replaces the year atomically). Audited
 *   GET  /api/operator/releases              admin        ReleaseLog
 *   GET  /api/operator/services              content_editor  EditorServiceList (every status, with content-audit findings)
 *   GET  /api/operator/services/:code        content_editor  EditorService (the whole guide as imported + findings)
 *   PUT  /api/operator/services/:code        content_editor  ServiceItemImport → EditorService (422 lists every bad field). Audited
 *   POST /api/operator/services/:code/aliases content_editor {alias} → EditorService (search finds it at once). Audited
 *   POST /api/operator/applications/:id/reveal reviewer  {key} → one form value in full. Audited before answering, rate-limited
 * Who may call what: ./console-access.ts (plain data, shared with the console's menu).
 */
import { Type, type Static } from '@sinclair/typebox'
import { FreeText } from '../schemas'
import { LIVE_ACTIVITY_KINDS, CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR, CALENDAR_KINDS } from './data'
export type LiveActivityKind = (typeof LIVE_ACTIVITY_KINDS)[number]

export const LiveActivitySchema = Type.Object({
  kind: Type.Union(LIVE_ACTIVITY_KINDS.map((kind) => Type.Literal(kind))),
  at: Type.String({ format: 'date-time' }),
  serviceCode: Type.Optional(Type.String()),
  serviceName: Type.Optional(Type.String()),
  /** search / search_zero: the text as stored (personal numbers masked). */
  query: Type.Optional(Type.String()),
})
export type LiveActivity = Static<typeof LiveActivitySchema>

const Count = Type.Integer({ minimum: 0 })

export const DashboardQuerySchema = Type.Object(
  { deadDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'No guide view for this many days = dead (default 30)' })) },
  { additionalProperties: false },
)
export type DashboardQuery = Static<typeof DashboardQuerySchema>

export const MinuteCountsSchema = Type.Object({ minute: Type.String({ description: 'start of the minute, ISO' }), views: Count, searches: Count, starts: Count, submissions: Count })
export type MinuteCounts = Static<typeof MinuteCountsSchema>

export const DashboardSchema = Type.Object(
  {
    generatedAt: Type.String(),
    /** The last 60 minutes, oldest first, every minute present. */
    perMinute: Type.Array(MinuteCountsSchema),
    /** Since 00:00 today (China time). */
    totals: Type.Object({ today: Type.String({ description: 'YYYY-MM-DD' }), views: Count, searches: Count, starts: Count, submissions: Count }),
    topServices: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), views: Count })),
    zeroResultSearches: Type.Array(Type.Object({ query: Type.String(), count: Count, lastAt: Type.String() })),
    deadServices: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), lastViewAt: Type.Union([Type.String(), Type.Null()]) })),
    abandonment: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), starts: Count, submissions: Count, rate: Type.Union([Type.Number(), Type.Null()]) })),
    timeToFinish: Type.Array(
      Type.Object({ code: Type.String(), name: Type.String(), medianWorkingDays: Type.Union([Type.Number(), Type.Null()]), promisedWorkingDays: Count }),
    ),
    satisfaction: Type.Array(Type.Object({ department: Type.String(), count: Count, average: Type.Union([Type.Number(), Type.Null()]), badShare: Type.Union([Type.Number(), Type.Null()]) })),
    calendarWarnings: Type.Array(Type.Object({ year: Type.Integer(), message: Type.String() })),
  },
  { description: 'The demand dashboard: last hour per minute, today, and the last 30 days' },
)
export type Dashboard = Static<typeof DashboardSchema>
const Year = Type.Integer({ minimum: CALENDAR_MIN_YEAR, maximum: CALENDAR_MAX_YEAR })

export const CalendarQuerySchema = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false })
export type CalendarQuery = Static<typeof CalendarQuerySchema>
export const CalendarParamsSchema = Type.Object({ year: Year }, { additionalProperties: false })
export type CalendarParams = Static<typeof CalendarParamsSchema>
export const CalendarEntrySchema = Type.Object(
  {
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, in the year' }),
    /** holiday: 放假 (no work that day); workday: 调休上班 (a weekend day worked). */
    kind: Type.Union(CALENDAR_KINDS.map((kind) => Type.Literal(kind))),
    name: FreeText({ minLength: 1, maxLength: 30 }),
  },
  { additionalProperties: false },
)
export type CalendarEntry = Static<typeof CalendarEntrySchema>

export const CalendarPutSchema = Type.Object({ entries: Type.Array(CalendarEntrySchema, { maxItems: 120 }) }, { additionalProperties: false })
export type CalendarPut = Static<typeof CalendarPutSchema>

export const CalendarYearSchema = Type.Object({
  year: Type.Integer(),
  entries: Type.Array(CalendarEntrySchema),
  /** false: never entered, or only the statutory days (no State Council notice yet). */
  complete: Type.Boolean(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
})
export type CalendarYear = Static<typeof CalendarYearSchema>

// --- releases ------------------------------------------------------------------------------------

export const ReleaseItemSchema = Type.Object({
  platform: Type.String(),
  version: Type.String(),
  time: Type.String(),
  description: Type.String(),
  mode: Type.String(),
  who: Type.String(),
})
export const ReleaseLogSchema = Type.Object({
  items: Type.Array(ReleaseItemSchema),
  /** The preflight of the current build when it was recorded (releases/preflight.json), else null. */
  preflight: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
})
export type ReleaseLog = Static<typeof ReleaseLogSchema>

// --- catalogue editor ----------------------------------------------------------------------------

export const EditorFindingSchema = Type.Object({ rule: Type.String(), message: Type.String() })
export type EditorFinding = Static<typeof EditorFindingSchema>

export const EditorServiceSummarySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  department: Type.String(),
  status: Type.String(),
  updatedAt: Type.String(),
  findings: Type.Array(EditorFindingSchema),
})
export const EditorServiceListSchema = Type.Object({ items: Type.Array(EditorServiceSummarySchema) })
export type EditorServiceList = Static<typeof EditorServiceListSchema>

export const EditorServiceSchema = Type.Object({
  /** The whole guide as the import takes it (ServiceItemImport). */
  guide: Type.Object({}, { additionalProperties: true }),
  updatedAt: Type.String(),
  findings: Type.Array(EditorFindingSchema),
})
export type EditorService = Static<typeof EditorServiceSchema>

export const AliasRequestSchema = Type.Object({ alias: FreeText({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false })
export type AliasRequest = Static<typeof AliasRequestSchema>

// --- one application's form value in full (reviewer) -------------------------------------------

/** POST /api/operator/applications/:id/reveal: one form field's full value. Audited before it is answered. */
export const ApplicationRevealRequestSchema = Type.Object(
  { key: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][A-Za-z0-9]*$', description: 'the form field key' }) },
  { additionalProperties: false },
)
export type ApplicationRevealRequest = Static<typeof ApplicationRevealRequestSchema>
export const ApplicationRevealSchema = Type.Object({ key: Type.String(), label: Type.String(), value: Type.Union([Type.String(), Type.Number()]) })
export type ApplicationReveal = Static<typeof ApplicationRevealSchema>
