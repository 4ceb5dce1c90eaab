import { sql, type Kysely } from 'kysely'
import { BAD_RATING_MAX } from '../../src/contract/evaluations/data'
import type { Dashboard, MinuteCounts } from '../../src/contract/console/schemas'
import { demandReport, median } from '../analytics/demand'
import { resolveWindow } from '../analytics/window'
import { chinaDateOf, workingDaysBetween } from '../applications/working-days'
import { calendarWarnings } from '../calendar/repository'
import type { Database } from '../db/database'

/**
 * The demand dashboard (需求看板): the last hour minute by minute and today's totals (what the
 * live feed then adds to), and the 30-day picture the demand report already computes
 * (server/analytics/demand.ts: top services, zero-result searches, dead items, abandonment),
 * plus what it does not: time to finish in working days against the promise, satisfaction
 * per department with the share of bad ratings, and the working-calendar warnings.
 */
const MINUTE_MS = 60_000
const HOUR_MINUTES = 60
const TOP = 10
const CHINA_OFFSET_MS = 8 * 3600_000

export async function dashboardOf(db: Kysely<Database>, now: Date, deadDays?: number): Promise<Dashboard> {
  const window = resolveWindow({ deadDays, top: TOP }, now)
  const [recent, report, finishing, satisfaction, warnings] = await Promise.all([
    recentActivity(db, now),
    demandReport(db, window),
    timeToFinish(db, window.from, now),
    satisfactionByDepartment(db, window.from, now),
    calendarWarnings(db, now),
  ])
  return {
    generatedAt: now.toISOString(),
    ...recent,
    topServices: [...report.services]
      .filter((service) => service.views > 0)
      .sort((a, b) => b.views - a.views || (a.code < b.code ? -1 : 1))
      .slice(0, TOP)
      .map(({ code, name, views }) => ({ code, name, views })),
    zeroResultSearches: report.zeroResultSearches.map(({ query, count, lastSeen }) => ({ query, count, lastAt: lastSeen })),
    deadServices: report.dead.map(({ code, name, lastViewedAt }) => ({ code, name, lastViewAt: lastViewedAt })),
    abandonment: report.services
      .filter((service) => service.applicationsStarted > 0)
      .map((service) => ({ code: service.code, name: service.name, starts: service.applicationsStarted, submissions: service.applicationsSubmitted, rate: service.abandonmentRate }))
      .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.starts - a.starts),
    timeToFinish: finishing,
    satisfaction,
    calendarWarnings: warnings,
  }
}

/**
 * Per minute over the last hour (every minute present, oldest first) and since 00:00 China
 * time. Counted in the database per minute (the ISO text's first 16 characters, the same on
 * both dialects), so a busy day is a few hundred rows here, not every action.
 */
async function recentActivity(db: Kysely<Database>, now: Date): Promise<Pick<Dashboard, 'perMinute' | 'totals'>> {
  const today = chinaDateOf(now)
  const dayStart = new Date(Date.parse(`${today}T00:00:00Z`) - CHINA_OFFSET_MS)
  const hourStart = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS - (HOUR_MINUTES - 1) * MINUTE_MS)
  const since = new Date(Math.min(dayStart.getTime(), hourStart.getTime())).toISOString()
  const perMinuteOf = async (table: 'service_views' | 'service_searches' | 'application_starts' | 'applications', column: string) => {
    const minute = sql<string>`substr(${sql.ref(column)}, 1, 16)`
    const { rows } = await sql<{ minute: string; n: number | string }>`select ${minute} as minute, count(*) as n from ${sql.table(table)} where ${sql.ref(column)} >= ${since} group by ${minute}`.execute(db)
    return rows.map((row) => ({ at: Date.parse(`${row.minute}:00Z`), count: Number(row.n) }))
  }
  const [views, searches, starts, submissions] = await Promise.all([
    perMinuteOf('service_views', 'viewed_at'),
    perMinuteOf('service_searches', 'searched_at'),
    perMinuteOf('application_starts', 'started_at'),
    perMinuteOf('applications', 'submitted_at'),
  ])
  const perMinute: MinuteCounts[] = Array.from({ length: HOUR_MINUTES }, (_, index) => ({
    minute: new Date(hourStart.getTime() + index * MINUTE_MS).toISOString(),
    views: 0,
    searches: 0,
    starts: 0,
    submissions: 0,
  }))
  const totals = { today, views: 0, searches: 0, starts: 0, submissions: 0 }
  const tally = (rows: readonly { at: number; count: number }[], key: 'views' | 'searches' | 'starts' | 'submissions') => {
    for (const { at, count } of rows) {
      // China midnight is a whole minute in UTC: a minute is all today's or all yesterday's.
      if (at >= dayStart.getTime()) totals[key] += count
      const minute = Math.floor((at - hourStart.getTime()) / MINUTE_MS)
      if (minute >= 0 && minute < HOUR_MINUTES) perMinute[minute]![key] += count
    }
  }
  tally(views, 'views')
  tally(searches, 'searches')
  tally(starts, 'starts')
  tally(submissions, 'submissions')
  return { perMinute, totals }
}

/** Applications finished in the window: median working days from submission (China dates) per item, against its promise. */
async function timeToFinish(db: Kysely<Database>, from: Date, to: Date): Promise<Dashboard['timeToFinish']> {
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('service_items as i', 'i.code', 'a.item_code')
    .select(['a.item_code', 'a.submitted_at', 'a.finished_at', 'i.name', 'i.time_limit_days'])
    .where('a.status', 'in', ['completed', 'denied'])
    .where('a.finished_at', '>=', from.toISOString())
    .where('a.finished_at', '<', to.toISOString())
    .execute()
  const byItem = new Map<string, { name: string; promised: number; days: number[] }>()
  for (const row of rows) {
    const item = byItem.get(row.item_code) ?? { name: row.name, promised: Number(row.time_limit_days), days: [] }
    item.days.push(workingDaysBetween(chinaDateOf(new Date(row.submitted_at)), chinaDateOf(new Date(row.finished_at!))))
    byItem.set(row.item_code, item)
  }
  return [...byItem.entries()]
    .map(([code, item]) => ({ code, name: item.name, medianWorkingDays: median(item.days), promisedWorkingDays: item.promised }))
    .sort((a, b) => (b.medianWorkingDays ?? 0) - b.promisedWorkingDays - ((a.medianWorkingDays ?? 0) - a.promisedWorkingDays) || (a.code < b.code ? -1 : 1))
}

/** Ratings in the window, each application's latest round (as the demand report counts them), per department of the item. */
async function satisfactionByDepartment(db: Kysely<Database>, from: Date, to: Date): Promise<Dashboard['satisfaction']> {
  const rows = await db
    .selectFrom('evaluations as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .innerJoin('service_items as i', 'i.code', 'a.item_code')
    .select(['e.application_id', 'e.round', 'e.rating', 'i.department'])
    .where('e.created_at', '>=', from.toISOString())
    .where('e.created_at', '<', to.toISOString())
    .execute()
  const latest = new Map<string, (typeof rows)[number]>()
  for (const row of rows) {
    const seen = latest.get(row.application_id)
    if (!seen || Number(row.round) > Number(seen.round)) latest.set(row.application_id, row)
  }
  const byDepartment = new Map<string, number[]>()
  for (const row of latest.values()) byDepartment.set(row.department, [...(byDepartment.get(row.department) ?? []), Number(row.rating)])
  return [...byDepartment.entries()]
    .map(([department, ratings]) => ({
      department,
      count: ratings.length,
      average: Math.round((ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length) * 100) / 100,
      badShare: Math.round((ratings.filter((rating) => rating <= BAD_RATING_MAX).length / ratings.length) * 10_000) / 10_000,
    }))
    .sort((a, b) => b.badShare - a.badShare || (a.department < b.department ? -1 : 1))
}
