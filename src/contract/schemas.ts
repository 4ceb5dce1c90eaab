/**
 * Request/response schemas shared by the server (validation + OpenAPI) and the client
 * (types only). The client must import from here with `import type` so TypeBox itself
 * never enters the mini-program bundle; ESLint enforces that.
 */
import { Type, type Static, type StringOptions } from '@sinclair/typebox'
import { FREE_TEXT_FORMATS } from './free-text'

/**
 * A free-text field people write (./free-text.ts): one line, no control characters. The
 * server refuses them with 400 VALIDATION_FAILED naming the field.
 */
export const FreeText = (options: Omit<StringOptions, 'format'> = {}) => Type.String({ ...options, format: FREE_TEXT_FORMATS.line })

/** A free-text field of several lines: line breaks and tabs allowed, other control characters not. */
export const MultilineFreeText = (options: Omit<StringOptions, 'format'> = {}) => Type.String({ ...options, format: FREE_TEXT_FORMATS.multiline })

export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      field: Type.Optional(Type.String()),
      rule: Type.Optional(Type.String()),
      // REAL_NAME_REQUIRED: which level the feature needs and which the account has.
      requiredLevel: Type.Optional(Type.Integer()),
      currentLevel: Type.Optional(Type.Integer()),
    }),
  },
  { $id: 'ErrorBody' },
)

export const LivenessSchema = Type.Object({ status: Type.Literal('ok') })
export const ReadinessSchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  database: Type.String(),
})
export type Readiness = Static<typeof ReadinessSchema>

/**
 * GET /api/ready's 503 body: readable by a load balancer (`status`) and by the client's
 * error handling (`error.code` SERVICE_UNAVAILABLE) alike.
 */
export const NotReadySchema = Type.Object(
  {
    status: Type.Literal('unavailable'),
    database: Type.String(),
    error: Type.Object({ code: Type.Literal('SERVICE_UNAVAILABLE'), message: Type.String() }),
  },
  { description: 'Not ready: the database does not answer' },
)
export type NotReady = Static<typeof NotReadySchema>

export const NoticeSummarySchema = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  title: Type.String(),
  summary: Type.String(),
  department: Type.String(),
  publishedAt: Type.String({ format: 'date-time' }),
})
export type NoticeSummary = Static<typeof NoticeSummarySchema>

export const NoticeDetailSchema = Type.Composite([
  NoticeSummarySchema,
  Type.Object({ body: Type.String() }),
])
export type NoticeDetail = Static<typeof NoticeDetailSchema>

export const NoticeListQuerySchema = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 5 })) },
  { additionalProperties: false },
)
export type NoticeListQuery = Static<typeof NoticeListQuerySchema>

export const NoticeListSchema = Type.Object({ items: Type.Array(NoticeSummarySchema) })
export type NoticeList = Static<typeof NoticeListSchema>

export const NoticeParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1 }) })
export type NoticeParams = Static<typeof NoticeParamsSchema>
