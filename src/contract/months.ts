/**
 * Calendar months as `YYYY-MM` text: the unit of social-security records. Plain functions
 * with no dependency, shared by the server (validation, seed) and the client (period picker).
 */

/** 2026-03 → 2026 * 12 + 2: consecutive months are consecutive integers. */
export function monthIndex(month: string): number {
  const [year, number] = month.split('-').map(Number) as [number, number]
  return year * 12 + (number - 1)
}

export function monthFromIndex(index: number): string {
  const year = Math.floor(index / 12)
  const number = index - year * 12 + 1
  return `${String(year).padStart(4, '0')}-${String(number).padStart(2, '0')}`
}

export function addMonths(month: string, count: number): string {
  return monthFromIndex(monthIndex(month) + count)
}

/** How many months from `from` to `to`, both included (0 when `to` is before `from`). */
export function monthsInclusive(from: string, to: string): number {
  return Math.max(0, monthIndex(to) - monthIndex(from) + 1)
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = []
  for (let index = monthIndex(from); index <= monthIndex(to); index++) months.push(monthFromIndex(index))
  return months
}

export function isValidMonth(value: string): boolean {
  return /^[0-9]{4}-(0[1-9]|1[0-2])$/.test(value)
}

/** 2026-03 → 2026年3月 */
export function monthWords(month: string): string {
  const [year, number] = month.split('-')
  return `${year}年${Number(number)}月`
}
