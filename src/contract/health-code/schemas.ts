/**
 * Health code (健康码) contract. The code is a compact Ed25519-signed token carried in a
 * QR code; verifiers check it online (POST /verify) or offline with the published keys.
 */
import { Type, type Static } from '@sinclair/typebox'
import { FreeText } from '../schemas'

export const HealthColourSchema = Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')])
export type HealthColour = Static<typeof HealthColourSchema>

export const HealthCodeSchema = Type.Object({
  /** The signed token the QR code carries. */
  token: Type.String(),
  colour: HealthColourSchema,
  /** Why the citizen has this colour, in words (e.g. 未见异常). */
  reason: Type.String(),
  /** Masked, e.g. 张*三. */
  name: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  /** When the status itself last changed. */
  statusSince: Type.String({ format: 'date-time' }),
  /** 'cache': the database was unreachable; issued from the last status the cache held. */
  source: Type.Union([Type.Literal('live'), Type.Literal('cache')]),
})
export type HealthCode = Static<typeof HealthCodeSchema>

export const HealthCodeKeySchema = Type.Object({
  kid: Type.String(),
  alg: Type.Literal('EdDSA'),
  crv: Type.Literal('Ed25519'),
  /** Raw 32-byte public key, base64url (as JWK `x`). */
  x: Type.String(),
})
export const HealthCodeKeysSchema = Type.Object({ keys: Type.Array(HealthCodeKeySchema) })
export type HealthCodeKeys = Static<typeof HealthCodeKeysSchema>

export const VerifyRequestSchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 2048 }) }, { additionalProperties: false })
export type VerifyRequest = Static<typeof VerifyRequestSchema>

export const VerifyFailureReasonSchema = Type.Union([
  Type.Literal('malformed'),
  Type.Literal('unknown_key'),
  Type.Literal('bad_signature'),
  Type.Literal('expired'),
  Type.Literal('status_changed'),
])
export type VerifyFailureReason = Static<typeof VerifyFailureReasonSchema>

/** The verifier sees validity, colour and masked name: never more personal data than that. */
export const VerifyResponseSchema = Type.Object({
  valid: Type.Boolean(),
  reason: Type.Optional(VerifyFailureReasonSchema),
  colour: Type.Optional(HealthColourSchema),
  name: Type.Optional(Type.String()),
  issuedAt: Type.Optional(Type.String({ format: 'date-time' })),
  expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
})
export type VerifyResponse = Static<typeof VerifyResponseSchema>

export const HealthStatusRowSchema = Type.Object(
  {
    idNumber: Type.String({ minLength: 18, maxLength: 18 }),
    colour: HealthColourSchema,
    reason: FreeText({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
)
export type HealthStatusRow = Static<typeof HealthStatusRowSchema>

/** Operators: one status change, or a batch (JSON rows or CSV text `idNumber,colour,reason`). */
export const HealthStatusBatchSchema = Type.Object(
  {
    rows: Type.Optional(Type.Array(HealthStatusRowSchema, { maxItems: 10000 })),
    csv: Type.Optional(Type.String({ maxLength: 2_000_000 })),
    /** Where the statuses come from, e.g. 市卫健委 2026-11-22 批次. */
    source: FreeText({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
)
export type HealthStatusBatch = Static<typeof HealthStatusBatchSchema>

export const BatchRowErrorSchema = Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String() })
export type BatchRowError = Static<typeof BatchRowErrorSchema>

export const BatchResultSchema = Type.Object({
  applied: Type.Integer(),
  /** Rows whose colour and reason were already the citizen's: left alone, so codes already shown stay valid. */
  unchanged: Type.Optional(Type.Integer()),
  /** Every bad row with its number (1-based, as in the file) and what is wrong; nothing is applied if any. */
  errors: Type.Array(BatchRowErrorSchema),
})
export type BatchResult = Static<typeof BatchResultSchema>

/**
 * A batch with bad rows (422): nothing applied, every bad row listed. `error` keeps the usual
 * error shape so generic error handling shows a message; `errors` is what the operator fixes.
 */
export const BatchRejectedSchema = Type.Object(
  {
    error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) }),
    applied: Type.Integer(),
    errors: Type.Array(BatchRowErrorSchema),
  },
  { description: 'Bad rows: nothing applied; every bad row with its number, field and what is wrong' },
)
export type BatchRejected = Static<typeof BatchRejectedSchema>

/** Operators: one status change (POST /api/ops/health-statuses). */
export const HealthStatusChangeSchema = Type.Object(
  {
    idNumber: Type.String({ minLength: 18, maxLength: 18 }),
    colour: HealthColourSchema,
    reason: FreeText({ minLength: 1, maxLength: 200 }),
    source: FreeText({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
)
export type HealthStatusChange = Static<typeof HealthStatusChangeSchema>

/** A citizen's status as an operator sees it after a change: masked identity, never full numbers. */
export const OperatorHealthStatusSchema = Type.Object({
  /** Masked, e.g. 张*三. */
  name: Type.String(),
  /** Masked, e.g. 110***********1234. */
  idNumber: Type.String(),
  colour: HealthColourSchema,
  reason: Type.String(),
  source: Type.String(),
  /** Goes up by one with every change; a code carries the version it was issued for. */
  version: Type.Integer(),
  since: Type.String({ format: 'date-time' }),
  /** False when the citizen already had this colour and reason (nothing was written). */
  changed: Type.Boolean(),
})
export type OperatorHealthStatus = Static<typeof OperatorHealthStatusSchema>
