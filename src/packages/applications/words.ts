import type { UploadView } from '@/contract/uploads/schemas'
import type { MaterialProvision } from '@/contract/services/data'
import type { ApplicationSummary } from '@/contract/applications/schemas'
import { formatClock, formatDate } from '@/utils/format'

export const APPLY_PAGE = '/packages/applications/pages/apply/index'
export const MY_APPLICATIONS_PAGE = '/packages/applications/pages/my-applications/index'
export const DETAIL_PAGE = '/packages/applications/pages/detail/index'
export const RATE_PAGE = '/packages/applications/pages/rate/index'
/** 在线预审 passed: book the visit to the hall (the appointments subpackage, by URL). */
export const bookVisitUrl = (itemCode: string) => `/packages/appointments/pages/book/index?item=${encodeURIComponent(itemCode)}`
/** 办理结果 (the results feature's page, reached by URL: features never import each other). */
export const RESULT_PAGE = '/packages/results/pages/detail/index'
export const FEEDBACK_NEW_PAGE = '/packages/applications/pages/feedback-new/index'
export const MY_FEEDBACK_PAGE = '/packages/applications/pages/my-feedback/index'

/** An ISO time → 2026年11月22日 14:03 (the viewer's local time). */
export function dateTimeWords(iso: string): string {
  return `${formatDate(iso)} ${formatClock(new Date(iso))}`
}

/** 2026-12-03 → 2026年12月3日 (a date as the server counts it, no time-zone shift). */
export function dayWords(date: string): string {
  const [year, month, day] = date.split('-')
  return `${year}年${Number(month)}月${Number(day)}日`
}

type Deadline = Pick<ApplicationSummary, 'workingDaysLeft' | 'overdue' | 'dueOn'>

/**
 * The countdown in plain words: 还剩 3 个工作日 / 今天是最后一个工作日 / 已超期 2 个工作日.
 * Undefined when the clock is not running (before acceptance, once finished): the
 * server's deadlineText says why.
 */
export function countdownWords(deadline: Deadline): string | undefined {
  const left = deadline.workingDaysLeft
  if (left === null) return undefined
  if (deadline.overdue || left < 0) return `已超期 ${Math.max(1, -left)} 个工作日`
  if (left === 0) return '今天是承诺办结的最后一个工作日'
  return `还剩 ${left} 个工作日`
}

/** 来自 公安人口库 */
export const sourceWords = (label: string) => `来自 ${label}`

/** 12/500 */
export const counterWords = (count: number, max: number) => `${count}/${max}`

/** How a material is met, as the badge beside it says. */
export const PROVISION_WORDS: Record<MaterialProvision, string> = {
  certificate: '电子证照',
  data: '已有数据',
  form: '表单填写',
  upload: '上传',
  counter: '邮寄或窗口',
}

/** 已上传：照片（120 KB） */
export function uploadedWords(upload: Pick<UploadView, 'kind' | 'size'>): string {
  const size = upload.size >= 1024 * 1024 ? `${(upload.size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(upload.size / 1024))} KB`
  return `已上传：${upload.kind === 'pdf' ? 'PDF 文件' : '照片'}（${size}）`
}
