import type { Kysely } from 'kysely'
import type { CalendarEntry, CalendarYear } from '../../src/contract/console/schemas'
import type { Database } from '../db/database'
import type { WorkingCalendar } from '../applications/working-days'

/** The working calendar in the database (migration 2026-12-06T04-00-00_working_calendar). */

export async function readYear(db: Kysely<Database>, year: number): Promise<CalendarYear> {
  const [entered, days] = await Promise.all([
    db.selectFrom('working_calendar_years').selectAll().where('year', '=', year).executeTakeFirst(),
    db.selectFrom('working_calendar_days').select(['date', 'kind', 'name']).where('year', '=', year).orderBy('date').execute(),
  ])
  return { year, entries: days, complete: Number(entered?.complete ?? 0) === 1, updatedAt: entered?.updated_at ?? null }
}

/** Replaces a year in one transaction: readers see the old year or the new one, never half. */
export async function replaceYear(db: Kysely<Database>, year: number, entries: readonly CalendarEntry[], operatorId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('working_calendar_days').where('year', '=', year).execute()
    const values = { complete: 1, updated_at: now.toISOString(), updated_by: operatorId }
    const updated = await trx.updateTable('working_calendar_years').set(values).where('year', '=', year).executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) await trx.insertInto('working_calendar_years').values({ year, ...values }).execute()
    if (entries.length > 0) await trx.insertInto('working_calendar_days').values(entries.map((entry) => ({ ...entry, year }))).execute()
  })
}

/** Every entered date, as the counting functions use them. */
export async function loadCalendar(db: Kysely<Database>): Promise<WorkingCalendar> {
  const rows = await db.selectFrom('working_calendar_days').select(['date', 'kind']).execute()
  return {
    holidays: new Set(rows.filter((row) => row.kind === 'holiday').map((row) => row.date)),
    workdays: new Set(rows.filter((row) => row.kind === 'workday').map((row) => row.date)),
  }
}

/**
 * The years a deadline running now can reach (this year and the next) that are not entered,
 * or entered without the State Council notice: promised limits there count weekends only.
 */
export async function calendarWarnings(db: Kysely<Database>, now: Date): Promise<{ year: number; message: string }[]> {
  const thisYear = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4))
  const years = [thisYear, thisYear + 1]
  const rows = await db.selectFrom('working_calendar_years').select(['year', 'complete']).where('year', 'in', years).execute()
  const complete = new Map(rows.map((row) => [Number(row.year), Number(row.complete) === 1]))
  return years.flatMap((year) => {
    if (!complete.has(year)) return [{ year, message: `${year} 年的工作日历尚未录入：承诺时限只按周末计算，请在国务院节假日安排发布后录入` }]
    if (!complete.get(year)) return [{ year, message: `${year} 年的工作日历只有法定节日、没有调休安排：请在国务院节假日安排发布后补全` }]
    return []
  })
}
