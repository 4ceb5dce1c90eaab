/**
 * 好差评 (rating a finished application), rectifications (整改) of bad ratings, and
 * feedback (投诉 / 建议 / 咨询). Shared by the server (validation, OpenAPI) and the client.
 *
 * Rules:
 * - Only the application's own citizen rates it, only once it is 已办结 (completed), and
 *   only once. Another citizen's application is 404.
 * - Tags must belong to the rating's group (data.ts TAGS). A rating ≤ 2
 *   (不满意 / 非常不满意) needs a reason and opens a rectification for the department in
 *   the same transaction.
 * - Once a reviewer answered the rectification the citizen may re-rate exactly once
 *   (round 2). A re-rate ≤ 2 needs a reason again and opens a new rectification flagged
 *   `repeat`, so a second 差评 is answered too; it does not allow a third rating. Both
 *   rounds are kept: auditors see the first rating and the re-rate.
 * - Feedback needs only a login (level 1): consulting or suggesting should not wait for
 *   real-name verification. It belongs to the citizen once verified (seen from any of their
 *   platform accounts), else to the account. Another's feedback is 404.
 * - An answer or a reply is what the citizen was told: it is given once (again → 409),
 *   never edited silently. Operator actions are audited.
 * - Texts are trimmed; control characters (other than line breaks and tabs in multi-line
 *   texts) are refused; lengths count characters (code points: a Chinese character is 1).
 *
 * Routes (L1 = logged in, L3 = real-name verified, see identity.ts):
 *   POST /api/applications/:id/evaluation             L3  EvaluationRequest → EvaluationState (201)
 *   GET  /api/applications/:id/evaluation             L3  EvaluationState
 *   POST /api/applications/:id/evaluation/re-rate     L3  EvaluationRequest → EvaluationState (201)
 *   GET  /api/operator/rectifications?status=         role reviewer         RectificationQuery → OperatorRectificationList (oldest first)
 *   POST /api/operator/rectifications/:id/answer      role reviewer         RectificationAnswerRequest → OperatorRectification
 *   POST /api/feedback                                L1  FeedbackRequest → Feedback (201)
 *   GET  /api/feedback                                L1  FeedbackList (newest first)
 *   GET  /api/feedback/:id                            L1  Feedback
 *   POST /api/feedback/:id/close                      L1  Feedback (answered → closed: the citizen confirms it is settled)
 *   GET  /api/operator/feedback?status=               role content_editor   FeedbackQuery → OperatorFeedbackList (oldest first)
 *   POST /api/operator/feedback/:id/reply             role content_editor   FeedbackReplyRequest → OperatorFeedback
 *   POST /api/operator/feedback/:id/close             role content_editor   FeedbackCloseRequest → OperatorFeedback
 *                                                     (open or answered → closed with a note the citizen reads)
 *
 * Client: import types only (`import type`); the word tables are in ./evaluation-words.
 */
import { Type, type Static } from '@sinclair/typebox'
import { FEEDBACK_CATEGORIES, FEEDBACK_KINDS, FEEDBACK_STATUSES, RECTIFICATION_STATUSES, TEXT_LIMITS } from './data'
import { FreeText, MultilineFreeText } from '../schemas'

const literals = <K extends string>(keys: readonly K[]) => Type.Union(keys.map((key) => Type.Literal(key)))
const keysOf = <T extends object>(table: T) => Object.keys(table) as (keyof T & string)[]

export const RatingSchema = Type.Integer({ minimum: 1, maximum: 5, description: '5 非常满意 … 1 非常不满意' })
export const FeedbackKindSchema = literals(keysOf(FEEDBACK_KINDS))
export const FeedbackCategorySchema = literals(keysOf(FEEDBACK_CATEGORIES))
export const FeedbackStatusSchema = literals(keysOf(FEEDBACK_STATUSES))
export const RectificationStatusSchema = literals(keysOf(RECTIFICATION_STATUSES))

const DateTimeSchema = Type.String({ format: 'date-time' })
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])

// --- rating ------------------------------------------------------------------------------------

export const ApplicationParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) })
export type ApplicationParams = Static<typeof ApplicationParamsSchema>

export const EvaluationRequestSchema = Type.Object(
  {
    rating: RatingSchema,
    /** From TAGS of the rating's group; at most 6, no repeats. */
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 6, uniqueItems: true })),
    comment: Type.Optional(MultilineFreeText({ maxLength: TEXT_LIMITS.comment.max })),
    /** Required when rating ≤ 2. */
    reason: Type.Optional(MultilineFreeText({ maxLength: TEXT_LIMITS.reason.max })),
  },
  { additionalProperties: false },
)
export type EvaluationRequest = Static<typeof EvaluationRequestSchema>

/** What the citizen sees of a rectification: the department's answer, never who wrote it. */
export const RectificationSchema = Type.Object({
  status: RectificationStatusSchema,
  /** 待整改 / 已答复 */
  statusName: Type.String(),
  /** Opened by a re-rate that was bad again. */
  repeat: Type.Boolean(),
  department: Type.String(),
  openedAt: DateTimeSchema,
  answer: Nullable(Type.String()),
  answeredAt: Nullable(DateTimeSchema),
})
export type Rectification = Static<typeof RectificationSchema>

export const EvaluationSchema = Type.Object({
  /** 1: the rating; 2: the one re-rate after an answered rectification. */
  round: Type.Union([Type.Literal(1), Type.Literal(2)]),
  rating: RatingSchema,
  /** 非常满意 … 非常不满意 */
  ratingName: Type.String(),
  tags: Type.Array(Type.String()),
  comment: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  createdAt: DateTimeSchema,
  /** Opened by this rating when it was ≤ 2. */
  rectification: Type.Union([RectificationSchema, Type.Null()]),
})
export type Evaluation = Static<typeof EvaluationSchema>

export const EvaluationStateSchema = Type.Object({
  applicationId: Type.String(),
  /** Completed and not rated yet. */
  canRate: Type.Boolean(),
  /** A rectification was answered and there is no re-rate yet. */
  canReRate: Type.Boolean(),
  /** Oldest first: the rating, then the re-rate if any. */
  evaluations: Type.Array(EvaluationSchema),
})
export type EvaluationState = Static<typeof EvaluationStateSchema>

// --- rectifications (operator) -------------------------------------------------------------------

export const RectificationParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1 }) })
export type RectificationParams = Static<typeof RectificationParamsSchema>

export const RectificationQuerySchema = Type.Object(
  {
    status: Type.Optional(RectificationStatusSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
)
export type RectificationQuery = Static<typeof RectificationQuerySchema>

export const RectificationAnswerRequestSchema = Type.Object(
  { answer: MultilineFreeText({ maxLength: TEXT_LIMITS.answer.max }) },
  { additionalProperties: false },
)
export type RectificationAnswerRequest = Static<typeof RectificationAnswerRequestSchema>

export const OperatorRectificationSchema = Type.Object({
  id: Type.Integer(),
  status: RectificationStatusSchema,
  statusName: Type.String(),
  repeat: Type.Boolean(),
  openedAt: DateTimeSchema,
  applicationId: Type.String(),
  /** 受理编号 */
  applicationNumber: Type.String(),
  itemCode: Type.String(),
  itemName: Type.String(),
  department: Type.String(),
  rating: RatingSchema,
  ratingName: Type.String(),
  tags: Type.Array(Type.String()),
  reason: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  /** Masked (张*三). */
  citizenName: Type.String(),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(DateTimeSchema),
})
export type OperatorRectification = Static<typeof OperatorRectificationSchema>

export const OperatorRectificationListSchema = Type.Object({ items: Type.Array(OperatorRectificationSchema) })
export type OperatorRectificationList = Static<typeof OperatorRectificationListSchema>

// --- feedback ----------------------------------------------------------------------------------

export const FeedbackParamsSchema = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' }) })
export type FeedbackParams = Static<typeof FeedbackParamsSchema>

export const FeedbackRequestSchema = Type.Object(
  {
    kind: FeedbackKindSchema,
    category: FeedbackCategorySchema,
    text: MultilineFreeText({ maxLength: TEXT_LIMITS.feedbackText.max }),
    /** The service it is about (from a guide page); must be a published item. */
    itemCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
    /** The search that found nothing (from the no-result page). */
    searchQuery: Type.Optional(FreeText({ maxLength: TEXT_LIMITS.searchQuery.max })),
  },
  { additionalProperties: false },
)
export type FeedbackRequest = Static<typeof FeedbackRequestSchema>

export const FeedbackSchema = Type.Object({
  id: Type.String(),
  kind: FeedbackKindSchema,
  /** 投诉 / 建议 / 咨询 */
  kindName: Type.String(),
  category: FeedbackCategorySchema,
  categoryName: Type.String(),
  text: Type.String(),
  itemCode: Nullable(Type.String()),
  itemName: Nullable(Type.String()),
  searchQuery: Nullable(Type.String()),
  status: FeedbackStatusSchema,
  /** 待回复 / 已回复 / 已办结 */
  statusName: Type.String(),
  reply: Nullable(Type.String()),
  repliedAt: Nullable(DateTimeSchema),
  /** The department's note when it closed the feedback itself (personal numbers masked); null otherwise. */
  closingNote: Nullable(Type.String()),
  closedAt: Nullable(DateTimeSchema),
  createdAt: DateTimeSchema,
})
export type Feedback = Static<typeof FeedbackSchema>

export const FeedbackListSchema = Type.Object({ items: Type.Array(FeedbackSchema) })
export type FeedbackList = Static<typeof FeedbackListSchema>

export const FeedbackQuerySchema = Type.Object(
  {
    status: Type.Optional(FeedbackStatusSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
)
export type FeedbackQuery = Static<typeof FeedbackQuerySchema>

export const FeedbackReplyRequestSchema = Type.Object({ reply: MultilineFreeText({ maxLength: TEXT_LIMITS.reply.max }) }, { additionalProperties: false })
export type FeedbackReplyRequest = Static<typeof FeedbackReplyRequestSchema>

/** The department closes a 诉求 itself: the note says why (same free-text rules as a reply). */
export const FeedbackCloseRequestSchema = Type.Object({ note: MultilineFreeText({ maxLength: TEXT_LIMITS.reply.max }) }, { additionalProperties: false })
export type FeedbackCloseRequest = Static<typeof FeedbackCloseRequestSchema>

export const OperatorFeedbackSchema = Type.Composite([
  FeedbackSchema,
  /** Masked (张*三); null when written before real-name verification. */
  Type.Object({ citizenName: Nullable(Type.String()) }),
])
export type OperatorFeedback = Static<typeof OperatorFeedbackSchema>

export const OperatorFeedbackListSchema = Type.Object({ items: Type.Array(OperatorFeedbackSchema) })
export type OperatorFeedbackList = Static<typeof OperatorFeedbackListSchema>
