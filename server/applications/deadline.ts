/**
 * The promised time limit as the citizen reads it: due date, working days left (negative
 * when overdue) and one plain sentence. The countdown starts at acceptance (受理); before
 * that only the promise is stated.
 */
import type { ApplicationStatus } from '../../src/contract/applications/data'
import { chinaDateOf, workingDaysBetween } from './working-days'

export interface DeadlineInput {
  status: ApplicationStatus
  timeLimitDays: number
  dueOn: string | null
  finishedAt: string | null
}

export interface Deadline {
  timeLimitDays: number
  dueOn: string | null
  workingDaysLeft: number | null
  overdue: boolean
  deadlineText: string
}

/** 2026年11月30日 (China calendar). */
export function chineseDate(at: string | Date): string {
  const [year, month, day] = chinaDateOf(typeof at === 'string' ? new Date(at) : at).split('-').map(Number)
  return `${year}年${month}月${day}日`
}

function promise(days: number): string {
  return days === 0 ? '即办件，承诺受理当日办结' : `承诺 ${days} 个工作日内办结`
}

/** Working days past `dueOn` on `day`; at least 1 once the due day is over (a weekend after a Friday deadline is still late). */
function daysLate(dueOn: string, day: string): number {
  return Math.max(1, workingDaysBetween(dueOn, day))
}

export function deadlineOf(application: DeadlineInput, now: Date): Deadline {
  const { status, timeLimitDays, dueOn, finishedAt } = application
  const base = { timeLimitDays, dueOn, workingDaysLeft: null, overdue: false }
  if (status === 'submitted') return { ...base, deadlineText: `${promise(timeLimitDays)}，受理后开始计算` }
  // 补正 waits for the citizen: the limit does not run, and the due day moves on when it is answered.
  if (status === 'supplement_requested') return { ...base, dueOn: null, deadlineText: `等待补正：补正期间不计算办理时限，补正后继续计时（${promise(timeLimitDays)}）` }
  // 在线预审: accepted at the hall, so the limit starts with the visit.
  if (status === 'pre_review_passed') return { ...base, deadlineText: `预审已通过，请预约到大厅提交原件，一次办好；到场受理后开始计算（${promise(timeLimitDays)}）` }
  if (finishedAt && (status === 'completed' || status === 'denied' || status === 'rejected' || status === 'withdrawn')) {
    const when = chineseDate(finishedAt)
    if (status === 'withdrawn') return { ...base, deadlineText: `已于 ${when} 撤回申请` }
    if (status === 'rejected') return { ...base, deadlineText: `已于 ${when} 作出不予受理决定` }
    const finishedOn = chinaDateOf(new Date(finishedAt))
    const late = dueOn && finishedOn > dueOn ? `（超过承诺时限 ${daysLate(dueOn, finishedOn)} 个工作日）` : ''
    return { ...base, deadlineText: `已于 ${when} 办结${status === 'denied' ? '（不予许可）' : ''}${late}` }
  }
  if (!dueOn) return { ...base, deadlineText: promise(timeLimitDays) }
  const today = chinaDateOf(now)
  if (today > dueOn) {
    const late = daysLate(dueOn, today)
    return { ...base, workingDaysLeft: -late, overdue: true, deadlineText: `已超过承诺时限 ${late} 个工作日` }
  }
  const left = workingDaysBetween(today, dueOn)
  const text = left === 0 ? `${promise(timeLimitDays)}，今天是最后一天` : `${promise(timeLimitDays)}，还剩 ${left} 个工作日`
  return { ...base, workingDaysLeft: left, deadlineText: text }
}
