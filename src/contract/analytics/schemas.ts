/**
 * Demand analytics (what citizens actually need), for the people who run the service.
 *
 * Route:
 *   GET /api/operator/analytics/demand?from&to&deadDays&top
 *     roles admin, content_editor or reviewer (content editors fix the catalogue, reviewers
 *     answer for processing times and ratings); every read is audited (analytics.demand).
 *     The same report is printed by `npm run report:demand`.
 *
 * The window is [from, to): ISO 8601 date-times; `to` defaults to now and `from` to 30 days
 * before `to`; at most 366 days. Figures, per service item (and summed per department):
 * - views: guide openings (service_views) in the window.
 * - searches: searches in the window whose top result was the item (service_searches.top_code).
 *   Clicks on results are not recorded, so the first hit stands for "where the search led".
 * - applicationsStarted: application-form openings (application_starts) in the window.
 * - applicationsSubmitted: applications submitted in the window.
 * - applicationsAbandoned: starts whose 24 hours are over (before the report's `to`) without an
 *   application for the item submitted by the same citizen within 24 hours of the opening.
 *   abandonmentRate = abandoned / starts whose 24 hours are over (null when there are none).
 * - finished / medianHoursToFinish: applications that reached 办结 (completed) or 不予许可 (denied)
 *   in the window; median of submitted → finished in calendar hours (not working hours: it is
 *   what the citizen waited), one decimal.
 * - ratings / meanRating / satisfiedRate: 好差评 given in the window, the latest round of each
 *   application (a re-rate replaces the first rating); satisfied = 满意 or better (4–5).
 * Lists: mostWanted (top `top` by views + searches + submitted applications, ties by code),
 * dead (published ≥ deadDays before `to` and no guide view in the deadDays before `to`),
 * zeroResultSearches (query, count, last seen; top `top`), badRatingTags and badRatingReasons
 * (every rating ≤ 2 in the window, both rounds: each is a complaint; top `top`; reasons
 * grouped by their exact trimmed text, ID and phone numbers masked).
 *
 * Rates are fractions 0–1 rounded to 4 decimals; mean ratings to 2 decimals.
 */
import { Type, type Static } from '@sinclair/typebox'

export const DemandQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Start of the window (inclusive); default `to` - 30 days' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'End of the window (exclusive); default now' })),
    deadDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'No guide view for this many days = dead (default 30)' })),
    top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Length of the ranked lists (default 10)' })),
  },
  { additionalProperties: false },
)
export type DemandQuery = Static<typeof DemandQuerySchema>

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()])
const NullableNumber = Type.Union([Type.Number(), Type.Null()])

export const DemandFiguresSchema = Type.Object({
  views: Type.Integer({ minimum: 0 }),
  searches: Type.Integer({ minimum: 0 }),
  applicationsStarted: Type.Integer({ minimum: 0 }),
  applicationsSubmitted: Type.Integer({ minimum: 0 }),
  applicationsAbandoned: Type.Integer({ minimum: 0 }),
  abandonmentRate: Rate,
  finished: Type.Integer({ minimum: 0 }),
  medianHoursToFinish: NullableNumber,
  ratings: Type.Integer({ minimum: 0 }),
  meanRating: NullableNumber,
  satisfiedRate: Rate,
})
export type DemandFigures = Static<typeof DemandFiguresSchema>

export const ServiceDemandSchema = Type.Composite([
  Type.Object({ code: Type.String(), name: Type.String(), department: Type.String(), status: Type.String() }),
  DemandFiguresSchema,
])
export type ServiceDemand = Static<typeof ServiceDemandSchema>

export const DepartmentDemandSchema = Type.Composite([Type.Object({ department: Type.String(), items: Type.Integer({ minimum: 0 }) }), DemandFiguresSchema])
export type DepartmentDemand = Static<typeof DepartmentDemandSchema>

export const WantedServiceSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  department: Type.String(),
  demand: Type.Integer({ minimum: 0 }),
  views: Type.Integer({ minimum: 0 }),
  searches: Type.Integer({ minimum: 0 }),
  applicationsSubmitted: Type.Integer({ minimum: 0 }),
})
export type WantedService = Static<typeof WantedServiceSchema>

export const DeadServiceSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  department: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  lastViewedAt: Type.Union([Type.String(), Type.Null()]),
})
export type DeadService = Static<typeof DeadServiceSchema>

export const ZeroResultSearchSchema = Type.Object({ query: Type.String(), count: Type.Integer({ minimum: 1 }), lastSeen: Type.String() })
export type ZeroResultSearch = Static<typeof ZeroResultSearchSchema>

export const CountedTextSchema = Type.Object({ text: Type.String(), count: Type.Integer({ minimum: 1 }) })
export type CountedText = Static<typeof CountedTextSchema>

export const DemandReportSchema = Type.Object(
  {
    window: Type.Object({ from: Type.String(), to: Type.String(), deadDays: Type.Integer(), top: Type.Integer() }),
    totals: DemandFiguresSchema,
    services: Type.Array(ServiceDemandSchema),
    departments: Type.Array(DepartmentDemandSchema),
    mostWanted: Type.Array(WantedServiceSchema),
    dead: Type.Array(DeadServiceSchema),
    zeroResultSearches: Type.Array(ZeroResultSearchSchema),
    badRatingTags: Type.Array(CountedTextSchema),
    badRatingReasons: Type.Array(CountedTextSchema),
  },
  { description: 'The demand report of one window (see src/contract/analytics/schemas.ts for each figure)' },
)
export type DemandReport = Static<typeof DemandReportSchema>
