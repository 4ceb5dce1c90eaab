/**
 * 办事服务 pages: their URLs and the words they share (what each online level means, how
 * to do an item that is not 全程网办). Plain code, no store, so unit tests can import it.
 */
import type { OnlineLevel } from '@/contract/services/data'

export const SEARCH_PAGE = '/packages/services/pages/search/index'
export const CATALOGUE_PAGE = '/packages/services/pages/catalogue/index'
export const GUIDE_PAGE = '/packages/services/pages/guide/index'
/** Pages of the applications subpackage (another feature's; linked to by URL only). */
export const APPLY_PAGE = '/packages/applications/pages/apply/index'
export const FEEDBACK_NEW_PAGE = '/packages/applications/pages/feedback-new/index'

export const guideUrl = (code: string) => `${GUIDE_PAGE}?code=${encodeURIComponent(code)}`
export const applyUrl = (code: string) => `${APPLY_PAGE}?code=${encodeURIComponent(code)}`
/** 预约办理 (在线预约 and 在线预审 items): the appointments subpackage's booking page, by URL (no feature imports another). */
export const bookUrl = (code: string) => `/packages/appointments/pages/book/index?item=${encodeURIComponent(code)}`
/** A search that found nothing becomes a suggestion with the words the citizen typed. */
export const feedbackUrl = (query: string) => `${FEEDBACK_NEW_PAGE}?kind=suggestion&searchQuery=${encodeURIComponent(query)}`

/** What a citizen does for an item that cannot be done wholly online, in one plain sentence. */
export const HOW_TO_APPLY: Record<Exclude<OnlineLevel, 'full_online'>, string> = {
  info: '本事项需到窗口办理：请带齐下方申请材料，在办理时间内前往办理地点。',
  appointment: '本事项需预约后到窗口办理：请先在网上预约办事大厅的时段，再带齐下方申请材料，按预约时间前往。',
  pre_review: '本事项可先在线预审：网上提交申请和材料，部门预审通过后预约到大厅，带齐原件按时前往，一次办好。',
}

/** The online level in one line, under its badge (the badge itself says the level's name). */
export const ONLINE_LEVEL_HINT: Record<OnlineLevel, string> = {
  info: '网上可查看办事指南，需到窗口办理',
  appointment: '需先预约，再到窗口办理',
  pre_review: '材料可先预审，再到窗口办理',
  full_online: '可全程在网上办理，不用跑腿',
}
