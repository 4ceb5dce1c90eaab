/**
 * Operator accounts (the people who run the service, not citizens) and their API under
 * /api/operator/…: login, own account, admin management of operators, and notices.
 */
import { Type, type Static } from '@sinclair/typebox'
import { FreeText, MultilineFreeText } from '../schemas'
import { OPERATOR_ROLES, USERNAME_PATTERN, PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from './data'
export const OperatorRoleSchema = Type.Union(OPERATOR_ROLES.map((role) => Type.Literal(role)))
export type OperatorRole = Static<typeof OperatorRoleSchema>

const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH })
/** A new password: the length rule here, the rest (not the username, not common) on the server. */
const NewPassword = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })

export const OperatorLoginSchema = Type.Object(
  {
    // Any case is accepted at login and folded to lower case; the stored name is lower case.
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Password,
  },
  { additionalProperties: false },
)
export type OperatorLogin = Static<typeof OperatorLoginSchema>

export const OperatorProfileSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(OperatorRoleSchema),
  /** Present (true) when the password was set by an admin or the command line: every other operator route is 403 OPERATOR_PASSWORD_CHANGE_REQUIRED until POST /api/operator/me/password. */
  mustChangePassword: Type.Optional(Type.Literal(true)),
})
export type OperatorProfile = Static<typeof OperatorProfileSchema>

export const OperatorSessionSchema = Type.Object({
  token: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  operator: OperatorProfileSchema,
})
export type OperatorSession = Static<typeof OperatorSessionSchema>

export const OwnPasswordChangeSchema = Type.Object(
  { currentPassword: Password, newPassword: NewPassword },
  { additionalProperties: false },
)
export type OwnPasswordChange = Static<typeof OwnPasswordChangeSchema>

export const PasswordResetSchema = Type.Object({ newPassword: NewPassword }, { additionalProperties: false })
export type PasswordReset = Static<typeof PasswordResetSchema>

export const OperatorCreateSchema = Type.Object(
  {
    username: Type.String({ pattern: USERNAME_PATTERN }),
    displayName: FreeText({ minLength: 1, maxLength: 50 }),
    password: NewPassword,
    roles: Type.Array(OperatorRoleSchema, { minItems: 1, maxItems: OPERATOR_ROLES.length, uniqueItems: true }),
  },
  { additionalProperties: false },
)
export type OperatorCreate = Static<typeof OperatorCreateSchema>

export const OperatorRolesChangeSchema = Type.Object(
  { roles: Type.Array(OperatorRoleSchema, { maxItems: OPERATOR_ROLES.length, uniqueItems: true }) },
  { additionalProperties: false },
)
export type OperatorRolesChange = Static<typeof OperatorRolesChangeSchema>

export const NoticeIdParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type NoticeIdParams = Static<typeof NoticeIdParamsSchema>

export const OperatorParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false })
export type OperatorParams = Static<typeof OperatorParamsSchema>

/** An operator as an admin sees them. */
export const OperatorAccountSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(OperatorRoleSchema),
  disabled: Type.Boolean(),
  /** Present (true) until the operator replaces the password an admin set. */
  mustChangePassword: Type.Optional(Type.Literal(true)),
  /**
   * Set while logins under this username must wait after repeated failures (1 s, 2 s, 4 s…;
   * nothing is locked for good). `POST …/unlock` ends the wait at once.
   */
  lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type OperatorAccount = Static<typeof OperatorAccountSchema>

export const OperatorListSchema = Type.Object({ items: Type.Array(OperatorAccountSchema) })
export type OperatorList = Static<typeof OperatorListSchema>

/** One audit entry of an operator's, for GET /api/operator/operators/:id/actions. */
export const OperatorActionSchema = Type.Object({
  occurredAt: Type.String({ format: 'date-time' }),
  event: Type.String(),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
  citizenId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  /** JSON text as stored (masked values only). */
  detail: Type.Union([Type.String(), Type.Null()]),
})
export const OperatorActionListQuerySchema = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
  { additionalProperties: false },
)
export type OperatorActionListQuery = Static<typeof OperatorActionListQuerySchema>
export const OperatorActionListSchema = Type.Object({ items: Type.Array(OperatorActionSchema) })
export type OperatorActionList = Static<typeof OperatorActionListSchema>

// --- notices ---------------------------------------------------------------------------------

/** Published at once (publishedAt = now). */
export const NoticeCreateSchema = Type.Object(
  {
    title: FreeText({ minLength: 1, maxLength: 100 }),
    summary: FreeText({ minLength: 1, maxLength: 200 }),
    body: MultilineFreeText({ minLength: 1, maxLength: 20000 }),
    department: FreeText({ minLength: 1, maxLength: 50 }),
  },
  { additionalProperties: false },
)
export type NoticeCreate = Static<typeof NoticeCreateSchema>

export const OperatorNoticeSchema = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  title: Type.String(),
  summary: Type.String(),
  department: Type.String(),
  publishedAt: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('published'), Type.Literal('retired')]),
})
export type OperatorNotice = Static<typeof OperatorNoticeSchema>

/** GET /api/operator/notices: every notice, retired ones too unless `status` narrows it; newest first. */
export const OperatorNoticeQuerySchema = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('published'), Type.Literal('retired')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })),
  },
  { additionalProperties: false },
)
export type OperatorNoticeQuery = Static<typeof OperatorNoticeQuerySchema>

export const OperatorNoticeListSchema = Type.Object({ items: Type.Array(OperatorNoticeSchema) })
export type OperatorNoticeList = Static<typeof OperatorNoticeListSchema>
