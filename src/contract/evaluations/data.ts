/**
 * 好差评 and feedback words and limits the client renders and checks as the citizen types.
 * Plain data with no TypeBox import, so a page can import it without pulling the schema
 * runtime into the mini-program bundle. The server validates against the same tables.
 */

/** 1 (非常不满意) … 5 (非常满意), the national 政务服务好差评 scale. */
export type Rating = 1 | 2 | 3 | 4 | 5

/** Best first: the order the rating page lists them in. */
export const RATINGS: readonly { rating: Rating; name: string }[] = [
  { rating: 5, name: '非常满意' },
  { rating: 4, name: '满意' },
  { rating: 3, name: '基本满意' },
  { rating: 2, name: '不满意' },
  { rating: 1, name: '非常不满意' },
]

export const RATING_WORDS: Record<Rating, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' }

/** good: 4–5 (好评); neutral: 3; bad: 1–2 (差评: a reason is required and a rectification opens). */
export type RatingGroup = 'good' | 'neutral' | 'bad'

export function ratingGroup(rating: Rating): RatingGroup {
  return rating >= 4 ? 'good' : rating === 3 ? 'neutral' : 'bad'
}

/** A rating at or below this is a 差评: it needs a reason and opens a rectification (整改). */
export const BAD_RATING_MAX = 2

/** The tags a citizen may pick, per rating group; a tag from another group is refused. */
export const TAGS: Record<RatingGroup, readonly string[]> = {
  good: ['办事效率高', '材料精简', '指引清晰', '态度好', '一次办成', '不用跑腿'],
  neutral: ['办理较顺利', '等待时间较长', '材料要求较多', '指引有待改进'],
  bad: ['材料重复提交', '时限超期', '指引不清', '系统卡顿', '态度差', '多次跑腿'],
}

export const FEEDBACK_KINDS = { complaint: '投诉', suggestion: '建议', consultation: '咨询' } as const
export type FeedbackKind = keyof typeof FEEDBACK_KINDS

/** What the feedback is about; `missing_service` is what the no-result search page offers. */
export const FEEDBACK_CATEGORIES = {
  app_usage: '小程序使用',
  service_guide: '办事指南',
  application_progress: '办理进度',
  staff: '工作人员',
  missing_service: '找不到事项',
  other: '其他',
} as const
export type FeedbackCategory = keyof typeof FEEDBACK_CATEGORIES

/** open → answered (an operator replied) → closed (the citizen confirmed it is settled). */
export const FEEDBACK_STATUSES = { open: '待回复', answered: '已回复', closed: '已办结' } as const
export type FeedbackStatus = keyof typeof FEEDBACK_STATUSES

/** open: waiting for the department's answer; answered: the citizen can read it and re-rate once. */
export const RECTIFICATION_STATUSES = { open: '待整改', answered: '已答复' } as const
export type RectificationStatus = keyof typeof RECTIFICATION_STATUSES

/**
 * Lengths in characters as the citizen sees them (Unicode code points: a Chinese character
 * or an emoji is one), counted after trimming.
 */
export const TEXT_LIMITS = {
  comment: { min: 1, max: 500 },
  reason: { min: 2, max: 500 },
  answer: { min: 5, max: 1000 },
  feedbackText: { min: 5, max: 1000 },
  reply: { min: 2, max: 1000 },
  searchQuery: { min: 1, max: 100 },
} as const

/** Characters as the limits count them: code points, not UTF-16 units. */
export function characterCount(text: string): number {
  return Array.from(text).length
}
