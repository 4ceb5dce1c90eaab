import type { OpenDataRow, PerformanceOpenData } from '../../src/contract/performance/schemas'
import { toCsv } from '../analytics/csv-output'
import type { PerformanceSet } from './figures'

/**
 * The whole set as open data: one row per published item, the columns documented in
 * docs/open-data.md (in this order). A hidden figure (sample under the minimum) is empty in
 * CSV and null in JSON.
 */
export const OPEN_DATA_COLUMNS = [
  'code',
  'name',
  'department',
  'timeLimitDays',
  'finished',
  'medianWorkingDays',
  'p90WorkingDays',
  'withinLimitRate',
  'started',
  'completionRate',
  'digitalTakeUp',
  'ratings',
  'satisfiedRate',
] as const satisfies readonly (keyof OpenDataRow)[]

const byCode = (a: OpenDataRow, b: OpenDataRow) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)

export function openDataRows(set: PerformanceSet): OpenDataRow[] {
  return [...set.services.values()]
    .map((service) => ({ code: service.code, name: service.name, department: service.department, timeLimitDays: service.timeLimitDays, ...service.figures }))
    .sort(byCode)
}

export function openDataJson(set: PerformanceSet, windowDays: number, minSample: number): PerformanceOpenData {
  return { windowDays, minSample, computedAt: set.computedAt, services: openDataRows(set) }
}

export function openDataCsv(set: PerformanceSet): string {
  return toCsv(
    OPEN_DATA_COLUMNS,
    openDataRows(set).map((row) => OPEN_DATA_COLUMNS.map((column) => row[column])),
  )
}
