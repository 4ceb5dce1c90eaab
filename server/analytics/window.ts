import { DEFAULT_DEAD_DAYS, DEFAULT_TOP, DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS } from '../../src/contract/analytics/data'
import { AppError } from '../errors'

/**
 * The window of a demand report, from what the operator route or the command line was
 * given: [from, to), `to` defaulting to now and `from` to 30 days before `to`.
 */
export interface ReportWindow {
  from: Date
  to: Date
  deadDays: number
  top: number
}

export interface WindowRequest {
  from?: string
  to?: string
  /** Instead of `from`: this many days before `to` (the command line's --days). */
  days?: number
  deadDays?: number
  top?: number
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Checks what the schema cannot say (from before to, at most 366 days); `field` names the
 * input as the caller knows it: `query.from` on the route, `--from` on the command line.
 */
export function resolveWindow(request: WindowRequest, now: Date, field: (name: 'from' | 'to' | 'days') => string = (name) => `query.${name}`): ReportWindow {
  const to = request.to === undefined ? now : parseTime(request.to, field('to'))
  const days = request.days ?? DEFAULT_WINDOW_DAYS
  if (!Number.isInteger(days) || days < 1 || days > MAX_WINDOW_DAYS) {
    throw new AppError('VALIDATION_FAILED', { field: field('days'), rule: `integer 1-${MAX_WINDOW_DAYS}`, message: `天数应为 1 到 ${MAX_WINDOW_DAYS} 之间的整数` })
  }
  const from = request.from === undefined ? new Date(to.getTime() - days * DAY_MS) : parseTime(request.from, field('from'))
  if (from.getTime() >= to.getTime()) {
    throw new AppError('VALIDATION_FAILED', { field: field('from'), rule: 'before to', message: '统计开始时间应早于结束时间' })
  }
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw new AppError('VALIDATION_FAILED', { field: field('from'), rule: `window at most ${MAX_WINDOW_DAYS} days`, message: `统计区间最长 ${MAX_WINDOW_DAYS} 天，请缩短后重试` })
  }
  return { from, to, deadDays: request.deadDays ?? DEFAULT_DEAD_DAYS, top: request.top ?? DEFAULT_TOP }
}

function parseTime(text: string, field: string): Date {
  const time = new Date(text)
  if (Number.isNaN(time.getTime())) {
    throw new AppError('VALIDATION_FAILED', { field, rule: 'date-time', message: '时间格式应为 ISO 8601，例如 2026-11-01T00:00:00Z' })
  }
  return time
}

export function daysBefore(time: Date, days: number): Date {
  return new Date(time.getTime() - days * DAY_MS)
}
