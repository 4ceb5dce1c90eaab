/**
 * Working days (工作日) for promised time limits: Monday to Friday, minus the public
 * holidays (法定节假日及调休放假), plus the weekend days declared working days (调休上班).
 *
 * Dates are China calendar dates, YYYY-MM-DD. The count starts the day AFTER acceptance:
 * "5 个工作日" accepted on a Monday is due on the following Monday; 0 (即办) is due the
 * same day.
 *
 * 2026: 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电, 2025-11-04).
 * 2027: the State Council publishes its notice late in the year before; until it is out the
 * table holds only the statutory days of 《全国年节及纪念日放假办法》 (2024 revision) on
 * their 2027 dates, without 调休 — replace the 2027 rows when the notice is published.
 * Years not in the table count weekends only.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

function range(from: string, to: string): string[] {
  const days: string[] = []
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) days.push(day)
  return days
}

/** 放假 days (weekdays and weekend days alike; listing a weekend day is harmless). */
export const PUBLIC_HOLIDAYS: ReadonlySet<string> = new Set([
  // 2026 (official)
  ...range('2026-01-01', '2026-01-03'), // 元旦
  ...range('2026-02-15', '2026-02-23'), // 春节
  ...range('2026-04-04', '2026-04-06'), // 清明节
  ...range('2026-05-01', '2026-05-05'), // 劳动节
  ...range('2026-06-19', '2026-06-21'), // 端午节
  ...range('2026-09-25', '2026-09-27'), // 中秋节
  ...range('2026-10-01', '2026-10-07'), // 国庆节
  // 2027 (statutory days only until the State Council notice; see above)
  '2027-01-01', // 元旦
  ...range('2027-02-05', '2027-02-08'), // 春节: 除夕 to 正月初三
  '2027-04-05', // 清明节
  ...range('2027-05-01', '2027-05-02'), // 劳动节
  '2027-06-09', // 端午节
  '2027-09-15', // 中秋节
  ...range('2027-10-01', '2027-10-03'), // 国庆节
])

/** 调休上班: weekend days that are working days. */
export const ADJUSTED_WORKING_DAYS: ReadonlySet<string> = new Set([
  '2026-01-04',
  '2026-02-14',
  '2026-02-28',
  '2026-05-09',
  '2026-09-20',
  '2026-10-10',
])

/** YYYY-MM-DD of `now` in China (UTC+8, no daylight saving). */
export function chinaDateOf(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

export function isWorkingDay(date: string): boolean {
  if (ADJUSTED_WORKING_DAYS.has(date)) return true
  if (PUBLIC_HOLIDAYS.has(date)) return false
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/**
 * The due date of a limit of `days` working days starting after `from`: the `days`-th
 * working day after it. 0 = `from` itself (即办, even when accepted on a non-working day).
 */
export function addWorkingDays(from: string, days: number): string {
  let date = from
  for (let left = days; left > 0; ) {
    date = addCalendarDays(date, 1)
    if (isWorkingDay(date)) left--
  }
  return date
}

/**
 * Working days in (from, to]: how many working days pass after `from` up to and including
 * `to`. Negative (the same count, signed) when `to` is before `from`; 0 for the same day.
 */
export function workingDaysBetween(from: string, to: string): number {
  if (to < from) return -workingDaysBetween(to, from)
  let count = 0
  for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1)) if (isWorkingDay(date)) count++
  return count
}
