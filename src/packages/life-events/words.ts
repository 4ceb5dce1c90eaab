import { formatClock, formatDate } from '@/utils/format'

export const LIFE_EVENTS_PAGE = '/packages/life-events/pages/index/index'
export const GUIDE_PAGE = '/packages/life-events/pages/guide/index'
export const APPLY_PAGE = '/packages/life-events/pages/apply/index'
export const PROGRESS_PAGE = '/packages/life-events/pages/progress/index'
/** Another feature's page, by URL (features never import each other). */
export const APPLICATION_DETAIL_PAGE = '/packages/applications/pages/detail/index'
/** 办理结果 (the results feature): one application's result, and 我的证明 holding every issued one. */
export const RESULT_PAGE = '/packages/results/pages/detail/index'
export const MY_RESULTS_PAGE = '/packages/results/pages/list/index'

/** An ISO time → 2026年11月22日 14:03 (the viewer's local time). */
export function dateTimeWords(iso: string): string {
  return `${formatDate(iso)} ${formatClock(new Date(iso))}`
}

/** 2026-12-03 → 2026年12月3日 (a date as the server counts it). */
export function dayWords(date: string): string {
  const [year, month, day] = date.split('-')
  return `${year}年${Number(month)}月${Number(day)}日`
}

/** 承诺时限 in words: 0 working days is 即办. */
export const timeLimitWords = (days: number) => (days === 0 ? '即办' : `${days}个工作日`)

/** 已办结 2/4 项 */
export const progressWords = (finished: number, total: number) => `已办结 ${finished}/${total} 项`
