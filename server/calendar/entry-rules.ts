import type { CalendarEntry } from '../../src/contract/console/schemas'
import { AppError } from '../errors'

/**
 * What the schema cannot say about a year's entries: each date is a real date of that year,
 * listed once, and a 调休上班 day (workday) is a Saturday or Sunday (a weekday works anyway,
 * so listing one is a mistake in the entry). The first bad entry is named by its field.
 */
export function checkEntries(year: number, entries: readonly CalendarEntry[]): CalendarEntry[] {
  const seen = new Set<string>()
  entries.forEach((entry, index) => {
    const field = `body.entries[${index}]`
    const time = Date.parse(`${entry.date}T00:00:00Z`)
    if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== entry.date) {
      throw invalid(`${field}.date`, 'a real date', `第 ${index + 1} 行的日期 ${entry.date} 不存在`)
    }
    if (entry.date.slice(0, 4) !== String(year)) throw invalid(`${field}.date`, `in ${year}`, `第 ${index + 1} 行的日期不在 ${year} 年`)
    if (seen.has(entry.date)) throw invalid(`${field}.date`, 'unique', `第 ${index + 1} 行的日期 ${entry.date} 重复`)
    seen.add(entry.date)
    const weekday = new Date(time).getUTCDay()
    if (entry.kind === 'workday' && weekday !== 0 && weekday !== 6) {
      throw invalid(`${field}.kind`, 'workday only on a weekend', `第 ${index + 1} 行：${entry.date} 本来就是工作日，调休上班只能是周六或周日`)
    }
  })
  return [...entries].sort((a, b) => (a.date < b.date ? -1 : 1)).map((entry) => ({ ...entry, name: entry.name.trim() }))
}

function invalid(field: string, rule: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { field, rule, message })
}
