/**
 * Identity contract: login, profile, real-name verification, face verification, reveal.
 * Personal data in every response is masked by the server; `reveal` is the only way to a
 * full value and needs a verification within the last 5 minutes.
 */
import { Type, type Static } from '@sinclair/typebox'

/**
 * Real-name levels (server/identity/README.md): 1 logged in; 3 identity claimed (name + ID
 * number match the registry — unlocks nothing personal); 4 identity proven (face verified
 * for that person) — every personal-data route needs it.
 */
export const RealNameLevelSchema = Type.Union([Type.Literal(1), Type.Literal(3), Type.Literal(4)])
export type RealNameLevel = Static<typeof RealNameLevelSchema>

export const AccountPlatformSchema = Type.Union([Type.Literal('weapp'), Type.Literal('alipay'), Type.Literal('h5dev')])

export const LoginRequestSchema = Type.Object(
  { platform: AccountPlatformSchema, code: Type.String({ minLength: 1, maxLength: 512 }) },
  { additionalProperties: false },
)
export type LoginRequest = Static<typeof LoginRequestSchema>

export const MaskedCitizenSchema = Type.Object({
  /** 张*三 / 张* */
  name: Type.String(),
  /** 110***********1234 */
  idNumber: Type.String(),
  /** 138****5678, when the registry holds one */
  phone: Type.Optional(Type.String()),
})
export type MaskedCitizen = Static<typeof MaskedCitizenSchema>

export const ProfileSchema = Type.Object({
  accountId: Type.String(),
  platform: AccountPlatformSchema,
  level: RealNameLevelSchema,
  /** Present from level 3: the citizen record this account claims (level 3) or is (level 4), masked; the phone only at level 4. */
  citizen: Type.Optional(MaskedCitizenSchema),
  /** Roles beyond citizen, e.g. 'verifier'. */
  roles: Type.Array(Type.String()),
  /** Level 4: other accounts newly bound to this identity that the citizen has not yet answered (GET /api/me/bindings). */
  bindingNotices: Type.Optional(Type.Integer({ minimum: 0 })),
})
export type Profile = Static<typeof ProfileSchema>

export const SessionSchema = Type.Object({
  /** Opaque; send as `Authorization: Bearer <token>`. */
  token: Type.String(),
  /** ISO time after which the session is gone even if used (absolute timeout). */
  expiresAt: Type.String({ format: 'date-time' }),
  profile: ProfileSchema,
})
export type Session = Static<typeof SessionSchema>

export const RealNameRequestSchema = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 30, pattern: '^[\\u4e00-\\u9fa5·]+$' }),
    idNumber: Type.String({ minLength: 18, maxLength: 18, pattern: '^[0-9]{17}[0-9Xx]$' }),
  },
  { additionalProperties: false },
)
export type RealNameRequest = Static<typeof RealNameRequestSchema>

export const FaceStartResponseSchema = Type.Object({
  provider: Type.Union([Type.Literal('wechat'), Type.Literal('alipay'), Type.Literal('sandbox')]),
  /** Our id for this verification attempt; the client sends it back to confirm. */
  verificationId: Type.String(),
  /** Alipay: the certify id and page URL for my.startAPVerify. */
  certifyId: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
})
export type FaceStartResponse = Static<typeof FaceStartResponseSchema>

export const FaceConfirmRequestSchema = Type.Object(
  {
    verificationId: Type.String({ minLength: 1, maxLength: 128 }),
    /** WeChat: the verify_result from wx.startFacialRecognitionVerify. */
    verifyResult: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  },
  { additionalProperties: false },
)
export type FaceConfirmRequest = Static<typeof FaceConfirmRequestSchema>

export const RevealRequestSchema = Type.Object(
  { field: Type.Union([Type.Literal('name'), Type.Literal('idNumber'), Type.Literal('phone')]) },
  { additionalProperties: false },
)
export type RevealRequest = Static<typeof RevealRequestSchema>
export const RevealResponseSchema = Type.Object({ field: Type.String(), value: Type.String() })
export type RevealResponse = Static<typeof RevealResponseSchema>

export const SandboxCitizenSchema = Type.Object({
  /** The code to log in with on the sandbox provider. */
  code: Type.String(),
  /** Masked name and a short description, for the dev login page. */
  label: Type.String(),
  description: Type.String(),
})
export const SandboxCitizenListSchema = Type.Object({ items: Type.Array(SandboxCitizenSchema) })
export type SandboxCitizenList = Static<typeof SandboxCitizenListSchema>

/** Re-verification: the citizen types their ID number again; passing allows reveal for 5 minutes. */
export const ReverifyRequestSchema = Type.Object(
  { idNumber: Type.String({ minLength: 18, maxLength: 18, pattern: '^[0-9]{17}[0-9Xx]$' }) },
  { additionalProperties: false },
)
export type ReverifyRequest = Static<typeof ReverifyRequestSchema>
export const ReverifyResponseSchema = Type.Object({
  /** Until when POST /api/me/reveal answers without another verification. */
  verifiedUntil: Type.String({ format: 'date-time' }),
})
export type ReverifyResponse = Static<typeof ReverifyResponseSchema>

/** An account bound to the caller's identity (账号绑定记录). */
export const BoundAccountSchema = Type.Object({
  accountId: Type.String(),
  platform: AccountPlatformSchema,
  /** 微信 / 支付宝 / 网页预览 */
  platformName: Type.String(),
  level: RealNameLevelSchema,
  /** Face verified for this person; a claimed-only account reaches nothing personal. */
  proven: Type.Boolean(),
  boundAt: Type.String(),
  /** The account asking. */
  current: Type.Boolean(),
})
export const BindingEventSchema = Type.Object({
  id: Type.Integer(),
  accountId: Type.String(),
  platform: AccountPlatformSchema,
  event: Type.Union([Type.Literal('claimed'), Type.Literal('proven'), Type.Literal('removed')]),
  at: Type.String(),
  current: Type.Boolean(),
  /** A new binding by another account the citizen has not yet acknowledged. */
  unseen: Type.Boolean(),
  /** 新的微信账号于 2026-12-06 18:05 绑定了您的身份 */
  text: Type.String(),
})
export const BindingsResponseSchema = Type.Object({
  accounts: Type.Array(BoundAccountSchema),
  /** Newest first. */
  events: Type.Array(BindingEventSchema),
  unseenCount: Type.Integer(),
})
export type BoundAccount = Static<typeof BoundAccountSchema>
export type BindingEventView = Static<typeof BindingEventSchema>
export type BindingsResponse = Static<typeof BindingsResponseSchema>
export const BindingParamsSchema = Type.Object({ accountId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9a-f-]+$' }) }, { additionalProperties: false })
export type BindingParams = Static<typeof BindingParamsSchema>
