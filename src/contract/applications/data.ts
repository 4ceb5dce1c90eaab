/**
 * Application (网上申请) words the client renders. Plain data with no TypeBox import, so a
 * page can import it without pulling the schema runtime into the mini-program bundle.
 * Responses already carry `statusName`; this table is for filters and legends.
 */

export type ApplicationStatus = 'submitted' | 'accepted' | 'reviewing' | 'supplement_requested' | 'pre_review_passed' | 'visited' | 'completed' | 'rejected' | 'denied' | 'withdrawn'

export const APPLICATION_STATUSES: Record<ApplicationStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  reviewing: '审核中',
  /** 补正: the reviewer named what is missing; the time limit waits for the citizen's 已补正. */
  supplement_requested: '待补正',
  /** 在线预审: the materials passed the department's pre-check; the citizen books a visit to a hall with the originals. */
  pre_review_passed: '预审通过',
  /** 在线预审: the hall scanned the citizen's booking: the originals handed in, accepted on the spot (the time limit starts). */
  visited: '已到大厅',
  completed: '已办结',
  rejected: '不予受理',
  denied: '不予许可',
  withdrawn: '已撤回',
}

export const APPLICATION_STATUS_KEYS = Object.keys(APPLICATION_STATUSES) as ApplicationStatus[]

/** Statuses after which nothing changes any more. */
export const FINAL_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['completed', 'rejected', 'denied', 'withdrawn']

/** Subscription-message templates the client asks the citizen to subscribe to. */
export type NotificationTemplateKey = 'application_status'
export const NOTIFICATION_TEMPLATE_KEYS: readonly NotificationTemplateKey[] = ['application_status']
/** Every template a citizen can subscribe to: the apply form asks only for application_status; the booking page asks
 * for the day-before reminder (issue 15) by `GET /api/notifications/templates?key=appointment_reminder`. */
export type SubscribableTemplateKey = NotificationTemplateKey | 'appointment_reminder'
export const SUBSCRIBABLE_TEMPLATE_KEYS: readonly SubscribableTemplateKey[] = ['application_status', 'appointment_reminder']

// --- submit ----------------------------------------------------------------------------------------
export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_-]{16,128}$'

export const MAX_APPLICATION_PAGE_SIZE = 50

// --- operator --------------------------------------------------------------------------------------
/** The reviewer queue's deadline filter: past the promised time limit, or due today or on the next working day. */
export const OPERATOR_DUE_FILTERS = ['overdue', 'within1'] as const

export const MIN_REASON_LENGTH = 2

export const MAX_REASON_LENGTH = 500

/** 补正: the missing items a reviewer names (material names or free text), and the citizen's note with 已补正. */
export const MAX_SUPPLEMENT_ITEMS = 20
export const MAX_SUPPLEMENT_ITEM_LENGTH = 100
export const MIN_SUPPLEMENT_NOTE_LENGTH = 2
export const MAX_SUPPLEMENT_NOTE_LENGTH = 500
