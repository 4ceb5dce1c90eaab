/**
 * Working days (工作日) for promised time limits: Monday to Friday, minus the public
 * holidays (法定节假日及调休放假), plus the weekend days declared working days (调休上班).
 *
 * Dates are China calendar dates, YYYY-MM-DD. The count starts the day AFTER acceptance:
 * "5 个工作日" accepted on a Monday is due on the following Monday; 0 (即办) is due the
 * same day.
 *
 * The holidays and 调休 days are data an admin maintains each year (工作日历, tables
 * working_calendar_*, routes in server/calendar): server/calendar/cache.ts loads them from the
 * database when the app starts, after every change and every minute (changes made on another
 * node), and hands them to useWorkingCalendar. The functions here stay synchronous and read
 * that copy unless given a calendar. Years not entered count weekends only (the dashboard
 * warns about them).
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

export interface WorkingCalendar {
  /** 放假 days (weekdays and weekend days alike; listing a weekend day is harmless). */
  holidays: ReadonlySet<string>
  /** 调休上班: weekend days that are working days. */
  workdays: ReadonlySet<string>
}

export const WEEKENDS_ONLY: WorkingCalendar = { holidays: new Set(), workdays: new Set() }

let current: WorkingCalendar = WEEKENDS_ONLY

/** The calendar counting uses from now on (server/calendar/cache.ts). */
export function useWorkingCalendar(calendar: WorkingCalendar): void {
  current = calendar
}

export function currentWorkingCalendar(): WorkingCalendar {
  return current
}

/** YYYY-MM-DD of `now` in China (UTC+8, no daylight saving). */
export function chinaDateOf(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

export function isWorkingDay(date: string, calendar: WorkingCalendar = current): boolean {
  if (calendar.workdays.has(date)) return true
  if (calendar.holidays.has(date)) return false
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/**
 * The due date of a limit of `days` working days starting after `from`: the `days`-th
 * working day after it. 0 = `from` itself (即办, even when accepted on a non-working day).
 */
export function addWorkingDays(from: string, days: number, calendar: WorkingCalendar = current): string {
  let date = from
  for (let left = days; left > 0; ) {
    date = addCalendarDays(date, 1)
    if (isWorkingDay(date, calendar)) left--
  }
  return date
}

/**
 * Working days in (from, to]: how many working days pass after `from` up to and including
 * `to`. Negative (the same count, signed) when `to` is before `from`; 0 for the same day.
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar = current): number {
  if (to < from) return -workingDaysBetween(to, from, calendar)
  let count = 0
  for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1)) if (isWorkingDay(date, calendar)) count++
  return count
}
