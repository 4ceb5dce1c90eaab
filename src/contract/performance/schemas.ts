/**
 * 办事公开: how each service item actually performs, for citizens before they apply, and as
 * open data. Computed from the same tables as the operator dashboard's demand report
 * (server/analytics/demand.ts): applications, application_events, application_starts,
 * evaluations, rectifications. Window: the last PERFORMANCE_WINDOW_DAYS days up to now.
 *
 * Routes (public, no login):
 *   GET /api/services/:code/performance     ServicePerformance (404 for an item not published)
 *   GET /api/performance/departments        DepartmentRanking (departments ranked by the same figures)
 *   GET /api/performance/open-data.json     PerformanceOpenData (every published item)
 *   GET /api/performance/open-data.csv      the same rows as CSV (columns: docs/open-data.md)
 *
 * Figures (each null when its own sample is under PERFORMANCE_MIN_SAMPLE):
 *   finished            applications finished (办结: completed or denied) in the window
 *   medianWorkingDays   median working days from acceptance to finish (server/applications/working-days.ts)
 *   p90WorkingDays      90th percentile of the same (nearest rank: the ⌈0.9·n⌉-th smallest)
 *   withinLimitRate     share finished on or before their due day (the promised limit, 补正 pauses included)
 *   completionRate      starts (application_starts, whose 24 hours are over) followed by the same
 *                       citizen's submission within 24 hours ÷ those starts: 1 − the dashboard's abandonment rate
 *   digitalTakeUp       finished without a counter visit (no 已到大厅 step) ÷ all finished
 *   satisfiedRate       each application's latest rating in the window: share 满意 or better
 *                       (4 or 5 of GB/T 39735's five levels); `ratings` is how many
 * Client: import types only.
 */
import { Type, type Static } from '@sinclair/typebox'

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()])
const Days = Type.Union([Type.Number({ minimum: 0 }), Type.Null()])

export const PerformanceFiguresSchema = Type.Object({
  finished: Type.Integer({ minimum: 0 }),
  medianWorkingDays: Days,
  p90WorkingDays: Days,
  withinLimitRate: Rate,
  /** Starts whose 24 hours are over: the completion rate's sample. */
  started: Type.Integer({ minimum: 0 }),
  completionRate: Rate,
  digitalTakeUp: Rate,
  ratings: Type.Integer({ minimum: 0 }),
  satisfiedRate: Rate,
})
export type PerformanceFigures = Static<typeof PerformanceFiguresSchema>

/** One bad review (非常不满意 / 不满意) with the department's reply; numbers masked, text cleaned. */
export const BadReviewSchema = Type.Object({
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  ratingName: Type.String(),
  /** YYYY-MM-DD (China date) */
  ratedOn: Type.String(),
  tags: Type.Array(Type.String()),
  text: Type.Union([Type.String(), Type.Null()]),
  reply: Type.Union([Type.String(), Type.Null()]),
  repliedOn: Type.Union([Type.String(), Type.Null()]),
})
export type BadReview = Static<typeof BadReviewSchema>

export const ServicePerformanceSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  department: Type.String(),
  /** The promised limit today (working days; 0 = 即办). */
  timeLimitDays: Type.Integer({ minimum: 0 }),
  windowDays: Type.Integer(),
  minSample: Type.Integer(),
  /** When these figures were computed (they are cached for a few minutes). */
  computedAt: Type.String({ format: 'date-time' }),
  figures: PerformanceFiguresSchema,
  badReviews: Type.Array(BadReviewSchema),
})
export type ServicePerformance = Static<typeof ServicePerformanceSchema>

export const DepartmentPerformanceSchema = Type.Object({
  /** null: not ranked (too few finished cases for a share within the limit). */
  rank: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  department: Type.String(),
  items: Type.Integer({ minimum: 0 }),
  figures: PerformanceFiguresSchema,
})
export type DepartmentPerformance = Static<typeof DepartmentPerformanceSchema>

/**
 * Departments ranked by share finished within the limit, then satisfaction, then median days
 * (fewer first), then name; a department whose share within the limit is hidden (too few
 * cases) is listed after those ranked, by name, with no rank.
 */
export const DepartmentRankingSchema = Type.Object({
  windowDays: Type.Integer(),
  minSample: Type.Integer(),
  computedAt: Type.String({ format: 'date-time' }),
  departments: Type.Array(DepartmentPerformanceSchema),
})
export type DepartmentRanking = Static<typeof DepartmentRankingSchema>

export const OpenDataRowSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  department: Type.String(),
  timeLimitDays: Type.Integer(),
  ...PerformanceFiguresSchema.properties,
})
export type OpenDataRow = Static<typeof OpenDataRowSchema>

export const PerformanceOpenDataSchema = Type.Object({
  windowDays: Type.Integer(),
  minSample: Type.Integer(),
  computedAt: Type.String({ format: 'date-time' }),
  services: Type.Array(OpenDataRowSchema),
})
export type PerformanceOpenData = Static<typeof PerformanceOpenDataSchema>

export const PerformanceParamsSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) })
