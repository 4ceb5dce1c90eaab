import type { Kysely } from 'kysely'
import { ABANDON_AFTER_HOURS } from '../../src/contract/analytics/data'
import { type CountedText, type DeadService, type DemandFigures, type DemandReport, type DepartmentDemand, type ServiceDemand, type WantedService, type ZeroResultSearch } from '../../src/contract/analytics/schemas'
import { BAD_RATING_MAX } from '../../src/contract/evaluations/data'
import type { Database } from '../db/database'
import { maskNumbersInText } from '../privacy/masking'
import { daysBefore, type ReportWindow } from './window'

/**
 * The demand report (definitions of every figure: src/contract/analytics/schemas.ts). Counts are
 * grouped in SQL; medians, abandonment and the latest rating per application are worked out
 * here over the window's rows, the same on SQLite and PostgreSQL (whose median and JSON
 * functions differ). That is a few rows per application and per start: fine for a report an
 * operator asks for now and then, not for a per-request path.
 *
 * Every timestamp in these tables is `Date#toISOString()` text, so comparing text compares time.
 */

const HOUR_MS = 60 * 60 * 1000
const FINISHED_STATUSES = ['completed', 'denied'] as const
const UNKNOWN_DEPARTMENT = '（未知部门）'

/** What is summed per service and then per department; turned into DemandFigures at the end. */
interface Tally {
  views: number
  searches: number
  started: number
  submitted: number
  abandoned: number
  /** Starts whose 24 hours are over: the abandonment rate's denominator. */
  decided: number
  hoursToFinish: number[]
  ratings: number[]
}

function emptyTally(): Tally {
  return { views: 0, searches: 0, started: 0, submitted: 0, abandoned: 0, decided: 0, hoursToFinish: [], ratings: [] }
}

function addInto(target: Tally, source: Tally): void {
  target.views += source.views
  target.searches += source.searches
  target.started += source.started
  target.submitted += source.submitted
  target.abandoned += source.abandoned
  target.decided += source.decided
  target.hoursToFinish.push(...source.hoursToFinish)
  target.ratings.push(...source.ratings)
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

function figuresOf(tally: Tally): DemandFigures {
  const medianHours = median(tally.hoursToFinish)
  const ratings = tally.ratings.length
  return {
    views: tally.views,
    searches: tally.searches,
    applicationsStarted: tally.started,
    applicationsSubmitted: tally.submitted,
    applicationsAbandoned: tally.abandoned,
    abandonmentRate: tally.decided === 0 ? null : round(tally.abandoned / tally.decided, 4),
    finished: tally.hoursToFinish.length,
    medianHoursToFinish: medianHours === null ? null : round(medianHours, 1),
    ratings,
    meanRating: ratings === 0 ? null : round(tally.ratings.reduce((sum, rating) => sum + rating, 0) / ratings, 2),
    satisfiedRate: ratings === 0 ? null : round(tally.ratings.filter((rating) => rating >= 4).length / ratings, 4),
  }
}

/** Code-unit order: the same on both dialects whatever their collation. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

interface ItemInfo {
  code: string
  name: string
  department: string
  status: string
  publishedAt: string | null
}

export async function demandReport(db: Kysely<Database>, window: ReportWindow): Promise<DemandReport> {
  const from = window.from.toISOString()
  const to = window.to.toISOString()
  const items = new Map<string, ItemInfo>(
    (await db.selectFrom('service_items').select(['code', 'name', 'department', 'status', 'published_at']).execute()).map((row) => [
      row.code,
      { code: row.code, name: row.name, department: row.department, status: row.status, publishedAt: row.published_at },
    ]),
  )
  const tallies = new Map<string, Tally>()
  const tallyOf = (code: string): Tally => {
    let tally = tallies.get(code)
    if (!tally) tallies.set(code, (tally = emptyTally()))
    return tally
  }

  const views = await db
    .selectFrom('service_views')
    .select((eb) => ['item_code', eb.fn.countAll<number | string>().as('n')])
    .where('viewed_at', '>=', from)
    .where('viewed_at', '<', to)
    .groupBy('item_code')
    .execute()
  for (const row of views) tallyOf(row.item_code).views = Number(row.n)

  const searches = await db
    .selectFrom('service_searches')
    .select((eb) => ['top_code', eb.fn.countAll<number | string>().as('n')])
    .where('top_code', 'is not', null)
    .where('searched_at', '>=', from)
    .where('searched_at', '<', to)
    .groupBy('top_code')
    .execute()
  for (const row of searches) tallyOf(row.top_code!).searches = Number(row.n)

  await tallyApplications(db, window, tallyOf)
  const badRatings = await tallyRatings(db, from, to, tallyOf)

  const services: ServiceDemand[] = []
  const departments = new Map<string, { items: number; tally: Tally }>()
  const total = emptyTally()
  const codes = new Set([...[...items.values()].filter((item) => item.status === 'published').map((item) => item.code), ...tallies.keys()])
  for (const code of codes) {
    const item = items.get(code) ?? { code, name: code, department: UNKNOWN_DEPARTMENT, status: 'unknown', publishedAt: null }
    const tally = tallies.get(code) ?? emptyTally()
    services.push({ code, name: item.name, department: item.department, status: item.status, ...figuresOf(tally) })
    const department = departments.get(item.department) ?? { items: 0, tally: emptyTally() }
    department.items += 1
    addInto(department.tally, tally)
    departments.set(item.department, department)
    addInto(total, tally)
  }
  const demandOf = (service: Pick<ServiceDemand, 'views' | 'searches' | 'applicationsSubmitted'>) => service.views + service.searches + service.applicationsSubmitted
  services.sort((a, b) => demandOf(b) - demandOf(a) || byText(a.code, b.code))

  const departmentRows: DepartmentDemand[] = [...departments.entries()]
    .map(([department, { items: count, tally }]) => ({ department, items: count, ...figuresOf(tally) }))
    .sort((a, b) => demandOf(b) - demandOf(a) || byText(a.department, b.department))

  const mostWanted: WantedService[] = services
    .filter((service) => demandOf(service) > 0)
    .slice(0, window.top)
    .map((service) => ({
      code: service.code,
      name: service.name,
      department: service.department,
      demand: demandOf(service),
      views: service.views,
      searches: service.searches,
      applicationsSubmitted: service.applicationsSubmitted,
    }))

  return {
    window: { from, to, deadDays: window.deadDays, top: window.top },
    totals: figuresOf(total),
    services,
    departments: departmentRows,
    mostWanted,
    dead: await deadServices(db, items, window),
    zeroResultSearches: await zeroResultSearches(db, from, to, window.top),
    badRatingTags: topCounts(badRatings.flatMap((rating) => rating.tags), window.top),
    badRatingReasons: topCounts(
      badRatings.flatMap((rating) => (rating.reason ? [maskNumbersInText(rating.reason.trim())] : [])),
      window.top,
    ),
  }
}

/** Starts, submits, abandonment and time to finish, per item. */
async function tallyApplications(db: Kysely<Database>, window: ReportWindow, tallyOf: (code: string) => Tally): Promise<void> {
  const from = window.from.toISOString()
  const to = window.to.toISOString()
  const submits = await db
    .selectFrom('applications')
    .select(['item_code', 'citizen_id', 'submitted_at'])
    .where('submitted_at', '>=', from)
    .where('submitted_at', '<', to)
    .execute()
  const submitsBy = new Map<string, number[]>()
  for (const submit of submits) {
    tallyOf(submit.item_code).submitted += 1
    const key = `${submit.item_code}\n${submit.citizen_id}`
    submitsBy.set(key, [...(submitsBy.get(key) ?? []), Date.parse(submit.submitted_at)])
  }

  const starts = await db
    .selectFrom('application_starts')
    .select(['item_code', 'citizen_id', 'started_at'])
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .execute()
  const grace = ABANDON_AFTER_HOURS * HOUR_MS
  for (const start of starts) {
    const tally = tallyOf(start.item_code)
    tally.started += 1
    const at = Date.parse(start.started_at)
    // Still within its 24 hours: neither submitted nor abandoned yet.
    if (at + grace > window.to.getTime()) continue
    tally.decided += 1
    const submitted = (submitsBy.get(`${start.item_code}\n${start.citizen_id}`) ?? []).some((time) => time >= at && time <= at + grace)
    if (!submitted) tally.abandoned += 1
  }

  const finished = await db
    .selectFrom('applications')
    .select(['item_code', 'submitted_at', 'finished_at'])
    .where('status', 'in', [...FINISHED_STATUSES])
    .where('finished_at', '>=', from)
    .where('finished_at', '<', to)
    .execute()
  for (const row of finished) tallyOf(row.item_code).hoursToFinish.push((Date.parse(row.finished_at!) - Date.parse(row.submitted_at)) / HOUR_MS)
}

interface BadRating {
  tags: string[]
  reason: string | null
}

/** Each application's latest rating in the window into its item's tally; returns every bad rating (both rounds). */
async function tallyRatings(db: Kysely<Database>, from: string, to: string, tallyOf: (code: string) => Tally): Promise<BadRating[]> {
  const rows = await db
    .selectFrom('evaluations as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .select(['e.application_id', 'e.round', 'e.rating', 'e.tags', 'e.reason', 'a.item_code'])
    .where('e.created_at', '>=', from)
    .where('e.created_at', '<', to)
    .execute()
  const latest = new Map<string, (typeof rows)[number]>()
  for (const row of rows) {
    const seen = latest.get(row.application_id)
    if (!seen || Number(row.round) > Number(seen.round)) latest.set(row.application_id, row)
  }
  for (const row of latest.values()) tallyOf(row.item_code).ratings.push(Number(row.rating))
  return rows.filter((row) => Number(row.rating) <= BAD_RATING_MAX).map((row) => ({ tags: JSON.parse(row.tags) as string[], reason: row.reason }))
}

/** Published at least deadDays before `to` and no guide view in the deadDays before `to`. */
async function deadServices(db: Kysely<Database>, items: ReadonlyMap<string, ItemInfo>, window: ReportWindow): Promise<DeadService[]> {
  const cutoff = daysBefore(window.to, window.deadDays).toISOString()
  const to = window.to.toISOString()
  const lastViews = new Map(
    (
      await db
        .selectFrom('service_views')
        .select((eb) => ['item_code', eb.fn.max('viewed_at').as('last')])
        .where('viewed_at', '<', to)
        .groupBy('item_code')
        .execute()
    ).map((row) => [row.item_code, row.last as string]),
  )
  return [...items.values()]
    .filter((item) => item.status === 'published' && item.publishedAt !== null && item.publishedAt <= cutoff)
    .filter((item) => (lastViews.get(item.code) ?? '') < cutoff)
    .sort((a, b) => byText(a.code, b.code))
    .map((item) => ({ code: item.code, name: item.name, department: item.department, publishedAt: item.publishedAt, lastViewedAt: lastViews.get(item.code) ?? null }))
}

async function zeroResultSearches(db: Kysely<Database>, from: string, to: string, top: number): Promise<ZeroResultSearch[]> {
  const rows = await db
    .selectFrom('service_searches')
    .select((eb) => ['query', eb.fn.countAll<number | string>().as('n'), eb.fn.max('searched_at').as('last')])
    .where('result_count', '=', 0)
    .where('searched_at', '>=', from)
    .where('searched_at', '<', to)
    .groupBy('query')
    .execute()
  return rows
    .map((row) => ({ query: row.query, count: Number(row.n), lastSeen: row.last as string }))
    .sort((a, b) => b.count - a.count || byText(b.lastSeen, a.lastSeen) || byText(a.query, b.query))
    .slice(0, top)
}

function topCounts(texts: readonly string[], top: number): CountedText[] {
  const counts = new Map<string, number>()
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1)
  return [...counts.entries()]
    .map(([text, count]) => ({ text, count }))
    .sort((a, b) => b.count - a.count || byText(a.text, b.text))
    .slice(0, top)
}
