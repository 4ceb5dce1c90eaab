/**
 * The citizen's message centre (消息中心): the application-status messages the server has
 * already recorded for this account (notification_outbox, one row per account), whether or
 * not the platform delivered them, so a citizen who refused subscriptions (or uses the H5
 * preview, which has none) still finds them.
 *
 * Routes (L4 = face-verified, see identity.ts: the messages name the citizen's applications):
 *   GET  /api/me/messages?limit=     L4   MessagesResponse (newest first, with the unread count)
 *   POST /api/me/messages/read       L4   MarkMessagesReadRequest → MessagesUnread
 *                                          ({ ids } marks those of mine; {} marks all of mine)
 *
 * Client: import types only (`import type`).
 */
import { Type, type Static } from '@sinclair/typebox'
import { MESSAGES_MAX_LIMIT } from './data'

export const MessageSchema = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  applicationId: Type.String(),
  applicationNumber: Type.String(),
  itemName: Type.String(),
  /** e.g. 已受理, 不予受理 */
  statusName: Type.String(),
  /** The refusal reason, the deadline sentence or the receipt note. */
  note: Type.String(),
  /** ISO 8601 UTC: when the status changed. */
  at: Type.String(),
  /** The page the message opens, e.g. packages/applications/pages/detail/index?id=… */
  page: Type.String(),
  read: Type.Boolean(),
})
export type Message = Static<typeof MessageSchema>

export const MessagesQuerySchema = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MESSAGES_MAX_LIMIT, default: 20 })) },
  { additionalProperties: false },
)
export type MessagesQuery = Static<typeof MessagesQuerySchema>

export const MessagesUnreadSchema = Type.Object({ unreadCount: Type.Integer({ minimum: 0 }) })
export type MessagesUnread = Static<typeof MessagesUnreadSchema>

export const MessagesResponseSchema = Type.Object({
  items: Type.Array(MessageSchema),
  unreadCount: Type.Integer({ minimum: 0 }),
})
export type MessagesResponse = Static<typeof MessagesResponseSchema>

export const MarkMessagesReadRequestSchema = Type.Object(
  { ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 100 })) },
  { additionalProperties: false },
)
export type MarkMessagesReadRequest = Static<typeof MarkMessagesReadRequestSchema>
