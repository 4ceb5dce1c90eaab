/**
 * 亲情代办 (family delegation) over HTTP. Every route needs a proven identity (L4).
 *
 *   GET  /api/delegations                  DelegationList: mine as helper, mine as principal, the acts done for me
 *   POST /api/delegations                  DelegationInvite → 201 Delegation (invited; the principal found by name + ID number)
 *   POST /api/delegations/{id}/consent     the principal, on their own account → Delegation (active)
 *   POST /api/delegations/{id}/face/start  the helper, for a principal without a phone: face verification OF the principal
 *   POST /api/delegations/{id}/face/confirm  FaceConfirmRequest → Delegation (active, consent recorded as face_of_principal)
 *   POST /api/delegations/{id}/end         either side, at once → Delegation (ended)
 *
 * Acting: the helper sends `X-Acting-For: <delegation id>` (data.ts ACTING_FOR_HEADER); the server resolves it on
 * every request against an active, unexpired delegation holding the route's scope, else 403 in words.
 *
 * Client: import types only (`import type`).
 */
import { Type, type Static } from '@sinclair/typebox'

const ScopeSchema = Type.Union([
  Type.Literal('health_code'),
  Type.Literal('social_security'),
  Type.Literal('certificates_view'),
  Type.Literal('apply'),
  Type.Literal('notifications'),
])

export const DelegationInviteSchema = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 30, pattern: '^[\\u4e00-\\u9fa5·]+$' }),
    idNumber: Type.String({ minLength: 18, maxLength: 18, pattern: '^[0-9]{17}[0-9Xx]$' }),
    scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: 5, uniqueItems: true }),
    /** The last day (China calendar), at most a year away. */
    endsOn: Type.String({ format: 'date' }),
  },
  { additionalProperties: false },
)
export type DelegationInvite = Static<typeof DelegationInviteSchema>

export const DelegationParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false })

export const DelegationSchema = Type.Object({
  id: Type.String(),
  /** Which side the caller is on. */
  role: Type.Union([Type.Literal('helper'), Type.Literal('principal')]),
  /** The other person's name, masked (张*三). */
  otherName: Type.String(),
  state: Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('ended'), Type.Literal('expired')]),
  stateName: Type.String(),
  scopes: Type.Array(ScopeSchema),
  endsOn: Type.String({ format: 'date' }),
  createdAt: Type.String({ format: 'date-time' }),
  consentMethod: Type.Optional(Type.Union([Type.Literal('principal_session'), Type.Literal('face_of_principal')])),
  consentedAt: Type.Optional(Type.String({ format: 'date-time' })),
  endedAt: Type.Optional(Type.String({ format: 'date-time' })),
  endedBy: Type.Optional(Type.Union([Type.Literal('helper'), Type.Literal('principal')])),
})
export type Delegation = Static<typeof DelegationSchema>

/** One act done as delegate, as the principal reads it: 由 张* 查看了您的健康码. */
export const DelegationActSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  helperName: Type.String(),
  words: Type.String(),
})
export type DelegationAct = Static<typeof DelegationActSchema>

export const DelegationListSchema = Type.Object({
  asHelper: Type.Array(DelegationSchema),
  asPrincipal: Type.Array(DelegationSchema),
  /** The newest acts done for the caller as principal. */
  actsForMe: Type.Array(DelegationActSchema),
})
export type DelegationList = Static<typeof DelegationListSchema>
