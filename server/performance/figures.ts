import type { Kysely } from 'kysely'
import { ABANDON_AFTER_HOURS } from '../../src/contract/analytics/data'
import { BAD_RATING_MAX, RATING_WORDS, type Rating } from '../../src/contract/evaluations/data'
import { PERFORMANCE_BAD_REVIEWS, PERFORMANCE_MIN_SAMPLE, PERFORMANCE_WINDOW_DAYS } from '../../src/contract/performance/data'
import type { BadReview, DepartmentPerformance, PerformanceFigures, ServicePerformance } from '../../src/contract/performance/schemas'
import { median } from '../analytics/demand'
import { daysBefore } from '../analytics/window'
import { chinaDateOf, workingDaysBetween } from '../applications/working-days'
import type { Database } from '../db/database'
import { maskPersonalNumbers } from '../privacy/masking'

/**
 * 办事公开: every published item's figures over the last 90 days (definitions:
 * src/contract/performance/schemas.ts), from the tables the operator dashboard's demand
 * report reads (server/analytics/demand.ts, whose median this shares). Like that report it
 * reads the window's rows and works the figures out here, the same on SQLite and PostgreSQL.
 * One pass computes every item and department; server/performance/cache.ts keeps the result.
 */

const HOUR_MS = 60 * 60 * 1000
const FINISHED_STATUSES = ['completed', 'denied'] as const

/** The raw cases behind the figures: kept per item, merged per department. */
export interface Sample {
  workingDays: number[]
  withinLimit: number
  withoutVisit: number
  /** Starts whose 24 hours are over, and those followed by a submission in them. */
  decided: number
  completed: number
  ratings: number[]
}

const emptySample = (): Sample => ({ workingDays: [], withinLimit: 0, withoutVisit: 0, decided: 0, completed: 0, ratings: [] })

function merge(into: Sample, from: Sample): void {
  into.workingDays.push(...from.workingDays)
  into.withinLimit += from.withinLimit
  into.withoutVisit += from.withoutVisit
  into.decided += from.decided
  into.completed += from.completed
  into.ratings.push(...from.ratings)
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals

/** Nearest rank: the ⌈p·n⌉-th smallest value. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!
}

/** Each figure only from a sample of at least PERFORMANCE_MIN_SAMPLE; else null. */
export function figuresOf(sample: Sample): PerformanceFigures {
  const finished = sample.workingDays.length
  const enoughFinished = finished >= PERFORMANCE_MIN_SAMPLE
  const rate = (count: number, of: number) => (of >= PERFORMANCE_MIN_SAMPLE ? round(count / of, 4) : null)
  const medianDays = median(sample.workingDays)
  return {
    finished,
    medianWorkingDays: enoughFinished && medianDays !== null ? round(medianDays, 1) : null,
    p90WorkingDays: enoughFinished ? percentile(sample.workingDays, 0.9) : null,
    withinLimitRate: rate(sample.withinLimit, finished),
    started: sample.decided,
    completionRate: rate(sample.completed, sample.decided),
    digitalTakeUp: rate(sample.withoutVisit, finished),
    ratings: sample.ratings.length,
    satisfiedRate: rate(sample.ratings.filter((rating) => rating >= 4).length, sample.ratings.length),
  }
}

/** Code-unit order: the same on both dialects whatever their collation. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** A department with a published share within the limit ranks before one without; then satisfaction, then fewer median days. */
export function compareDepartments(a: { department: string; figures: PerformanceFigures }, b: { department: string; figures: PerformanceFigures }): number {
  const desc = (x: number | null, y: number | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : y - x)
  const asc = (x: number | null, y: number | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : x - y)
  return (
    desc(a.figures.withinLimitRate, b.figures.withinLimitRate) ||
    desc(a.figures.satisfiedRate, b.figures.satisfiedRate) ||
    asc(a.figures.medianWorkingDays, b.figures.medianWorkingDays) ||
    byText(a.department, b.department)
  )
}

export interface PerformanceSet {
  computedAt: string
  services: Map<string, ServicePerformance>
  departments: DepartmentPerformance[]
}

export async function computePerformance(db: Kysely<Database>, now: Date): Promise<PerformanceSet> {
  const to = now.toISOString()
  const from = daysBefore(now, PERFORMANCE_WINDOW_DAYS).toISOString()
  const items = await db.selectFrom('service_items').select(['code', 'name', 'department', 'time_limit_days']).where('status', '=', 'published').execute()
  const samples = new Map<string, Sample>(items.map((item) => [item.code, emptySample()]))
  const sampleOf = (code: string) => samples.get(code)

  // Finished in the window: working days from acceptance, the due day, a counter visit or not.
  const finished = await db
    .selectFrom('applications')
    .select(['id', 'item_code', 'submitted_at', 'accepted_at', 'finished_at', 'due_on', 'time_limit_days'])
    .where('status', 'in', [...FINISHED_STATUSES])
    .where('finished_at', '>=', from)
    .where('finished_at', '<', to)
    .execute()
  const visited = new Set(
    (
      await db
        .selectFrom('application_events as e')
        .innerJoin('applications as a', 'a.id', 'e.application_id')
        .select('e.application_id')
        .where('e.status', '=', 'visited')
        .where('a.status', 'in', [...FINISHED_STATUSES])
        .where('a.finished_at', '>=', from)
        .where('a.finished_at', '<', to)
        .execute()
    ).map((row) => row.application_id),
  )
  for (const row of finished) {
    const sample = sampleOf(row.item_code)
    if (!sample) continue
    const finishedOn = chinaDateOf(new Date(row.finished_at!))
    const days = workingDaysBetween(chinaDateOf(new Date(row.accepted_at ?? row.submitted_at)), finishedOn)
    sample.workingDays.push(days)
    if (row.due_on ? finishedOn <= row.due_on : days <= Number(row.time_limit_days)) sample.withinLimit += 1
    if (!visited.has(row.id)) sample.withoutVisit += 1
  }

  // Starts whose 24 hours are over, and whether the same citizen submitted within them.
  const grace = ABANDON_AFTER_HOURS * HOUR_MS
  const starts = await db.selectFrom('application_starts').select(['item_code', 'citizen_id', 'started_at']).where('started_at', '>=', from).where('started_at', '<', to).execute()
  const submits = await db.selectFrom('applications').select(['item_code', 'citizen_id', 'submitted_at']).where('submitted_at', '>=', from).where('submitted_at', '<', to).execute()
  const submitsBy = new Map<string, number[]>()
  for (const submit of submits) {
    const key = `${submit.item_code}\n${submit.citizen_id}`
    submitsBy.set(key, [...(submitsBy.get(key) ?? []), Date.parse(submit.submitted_at)])
  }
  for (const start of starts) {
    const sample = sampleOf(start.item_code)
    const at = Date.parse(start.started_at)
    if (!sample || at + grace > now.getTime()) continue
    sample.decided += 1
    if ((submitsBy.get(`${start.item_code}\n${start.citizen_id}`) ?? []).some((time) => time >= at && time <= at + grace)) sample.completed += 1
  }

  // Each application's latest rating in the window (a re-rate replaces the first), as on the dashboard.
  const ratings = await db
    .selectFrom('evaluations as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .select(['e.id', 'e.application_id', 'e.round', 'e.rating', 'e.tags', 'e.reason', 'e.comment', 'e.created_at', 'a.item_code'])
    .where('e.created_at', '>=', from)
    .where('e.created_at', '<', to)
    .execute()
  const latest = new Map<string, (typeof ratings)[number]>()
  for (const row of ratings) {
    const seen = latest.get(row.application_id)
    if (!seen || Number(row.round) > Number(seen.round)) latest.set(row.application_id, row)
  }
  for (const row of latest.values()) sampleOf(row.item_code)?.ratings.push(Number(row.rating))

  const badReviews = await latestBadReviews(db, ratings.filter((row) => Number(row.rating) <= BAD_RATING_MAX))
  const computedAt = now.toISOString()
  const services = new Map<string, ServicePerformance>()
  const departments = new Map<string, { items: number; sample: Sample }>()
  for (const item of items) {
    const sample = samples.get(item.code)!
    services.set(item.code, {
      code: item.code,
      name: item.name,
      department: item.department,
      timeLimitDays: Number(item.time_limit_days),
      windowDays: PERFORMANCE_WINDOW_DAYS,
      minSample: PERFORMANCE_MIN_SAMPLE,
      computedAt,
      figures: figuresOf(sample),
      badReviews: badReviews.get(item.code) ?? [],
    })
    const department = departments.get(item.department) ?? { items: 0, sample: emptySample() }
    department.items += 1
    merge(department.sample, sample)
    departments.set(item.department, department)
  }
  const ranked = [...departments.entries()]
    .map(([department, { items: count, sample }]) => ({ department, items: count, figures: figuresOf(sample) }))
    .sort(compareDepartments)
    // Only a published share within the limit earns a rank (compareDepartments puts those first).
    .map((row, index) => ({ rank: row.figures.withinLimitRate === null ? null : index + 1, ...row }))
  return { computedAt, services, departments: ranked }
}

interface BadRow {
  id: number
  item_code: string
  rating: number
  tags: string
  reason: string | null
  comment: string | null
  created_at: string
}

/** What a citizen wrote, fit to publish: numbers masked, whitespace (line breaks too) made single spaces. */
export function publishableText(text: string | null): string | null {
  const cleaned = text === null ? '' : maskPersonalNumbers(text).replace(/\s+/g, ' ').trim()
  return cleaned === '' ? null : cleaned
}

/** Per item, its latest bad reviews (newest first) with the department's 整改 answer, if given. */
async function latestBadReviews(db: Kysely<Database>, rows: readonly BadRow[]): Promise<Map<string, BadReview[]>> {
  const newest = [...rows].sort((a, b) => byText(b.created_at, a.created_at) || Number(b.id) - Number(a.id))
  const chosen = new Map<string, BadRow[]>()
  for (const row of newest) {
    const list = chosen.get(row.item_code) ?? []
    if (list.length < PERFORMANCE_BAD_REVIEWS) chosen.set(row.item_code, [...list, row])
  }
  const ids = [...chosen.values()].flat().map((row) => Number(row.id))
  const answers = new Map<number, { answer: string | null; answered_at: string | null }>()
  if (ids.length > 0) {
    const rectifications = await db.selectFrom('rectifications').select(['evaluation_id', 'answer', 'answered_at']).where('evaluation_id', 'in', ids).where('status', '=', 'answered').execute()
    for (const row of rectifications) answers.set(Number(row.evaluation_id), row)
  }
  const out = new Map<string, BadReview[]>()
  for (const [code, list] of chosen) {
    out.set(
      code,
      list.map((row) => {
        const answer = answers.get(Number(row.id))
        return {
          rating: Number(row.rating),
          ratingName: RATING_WORDS[Number(row.rating) as Rating],
          ratedOn: chinaDateOf(new Date(row.created_at)),
          tags: JSON.parse(row.tags) as string[],
          text: publishableText(row.reason ?? row.comment),
          reply: publishableText(answer?.answer ?? null),
          repliedOn: answer?.answered_at ? chinaDateOf(new Date(answer.answered_at)) : null,
        }
      }),
    )
  }
  return out
}
