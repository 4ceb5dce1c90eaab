/**
 * Electronic certificates (电子证照) contract: the wallet (list, detail, reveal), the
 * presentation code (亮证码) and its verification, the ledger (用证记录) and third-party
 * authorisations (授权). Shared by the server (validation, OpenAPI) and the client.
 *
 * Rules every response follows:
 * - Sensitive field values (numbers, addresses, names, VIN…) are masked in the wallet; the
 *   full value of one field comes only from POST /api/certificates/:id/reveal, within 5
 *   minutes of a verification in this session (else 403 RECENT_VERIFICATION_REQUIRED).
 * - A verifier (or an authorised organisation) gets exactly the fields the citizen chose,
 *   in full, and nothing else.
 * - Another citizen's certificate, presentation or authorisation is 404 on every route.
 *
 * Routes (all under /api/certificates; L3 = real-name verified, see identity.ts):
 *   GET    /                                   L3   CertificateList
 *   GET    /purposes                           —    PurposeList
 *   GET    /:id                                L3   CertificateDetail
 *   POST   /:id/reveal                         L3 + recent verification   CertificateRevealRequest → CertificateRevealResponse
 *   GET    /:id/ledger                         L3   LedgerQuery → LedgerPage
 *   POST   /presentations                      L4, or L3 + recent verification   PresentationRequest → Presentation (201)
 *   GET    /presentations/:presentationId      L3   PresentationState (poll while the code is shown)
 *   POST   /presentations/:presentationId/withdraw   L3   204
 *   POST   /verify                             anyone (session optional, rate-limited)   CertificateVerifyRequest → CertificateVerifyResponse
 *   POST   /:id/authorisations                 L4, or L3 + recent verification   AuthorisationRequest → AuthorisationCreated (201)
 *   GET    /authorisations?certificateId=      L3   AuthorisationList
 *   POST   /authorisations/:grantId/revoke     L3   Authorisation (also DELETE /authorisations/:grantId)
 *   GET    /authorised/:grantId                organisation: `Authorization: Bearer <accessKey>`   AuthorisedCertificate
 *
 * Client: import types only (`import type`), or TypeBox lands in the mini-program bundle.
 * Every word a page shows arrives ready in the responses (typeName, statusName, label,
 * purposeName, reasonText, eventName, actor.label) and GET /purposes serves the purpose
 * table, so no runtime table from this module is needed on the client; if one ever is,
 * move it to data.ts as the health-code contract does.
 */
import { Type, type Static } from '@sinclair/typebox'
import { FreeText } from '../schemas'
import { type CERTIFICATE_TYPES, CERTIFICATE_TYPE_KEYS } from './data'

export type CertificateType = keyof typeof CERTIFICATE_TYPES
/** The field keys of one type, e.g. CertificateFieldKey<'driving_licence'> = 'name' | 'licenceNumber' | … */
export type CertificateFieldKey<T extends CertificateType = CertificateType> = (typeof CERTIFICATE_TYPES)[T]['fields'][number]['key']
export type SensitiveFieldKey = Extract<(typeof CERTIFICATE_TYPES)[CertificateType]['fields'][number], { sensitive: true }>['key']

export const CertificateTypeSchema = Type.Union(CERTIFICATE_TYPE_KEYS.map((type) => Type.Literal(type)))

export const HolderKindSchema = Type.Union([Type.Literal('natural_person'), Type.Literal('legal_person')])

/**
 * valid 有效; expired 已过期 (past its valid-until date, China time); revoked 已注销 (by the
 * issuing authority, e.g. replaced by a new version). Only valid certificates can be
 * presented or authorised.
 */
export const CertificateStatusSchema = Type.Union([Type.Literal('valid'), Type.Literal('expired'), Type.Literal('revoked')])
export type CertificateStatus = Static<typeof CertificateStatusSchema>
export const CERTIFICATE_STATUS_NAMES: Record<CertificateStatus, string> = { valid: '有效', expired: '已过期', revoked: '已注销' }

/** A calendar date, YYYY-MM-DD (China time). */
const DateSchema = Type.String({ format: 'date' })

// --- wallet: list, detail, reveal ------------------------------------------------------------------

export const CertificateSummarySchema = Type.Object({
  /** Opaque id (UUID) used in every route. */
  id: Type.String(),
  type: CertificateTypeSchema,
  /** 居民身份证, 机动车驾驶证… */
  typeName: Type.String(),
  holderKind: HolderKindSchema,
  /** The certificate's number, masked: 110***********1234, 京N****72. */
  number: Type.String(),
  /** The issuing authority, e.g. 北京市公安局东城分局. */
  issuer: Type.String(),
  issuedOn: DateSchema,
  /** null: no end date (长期有效). */
  validUntil: Type.Union([DateSchema, Type.Null()]),
  status: CertificateStatusSchema,
  /** 有效 / 已过期 / 已注销 */
  statusName: Type.String(),
  /** Whether a presentation code or an authorisation can be made (status valid). */
  presentable: Type.Boolean(),
})
export type CertificateSummary = Static<typeof CertificateSummarySchema>

export const CertificateListSchema = Type.Object({ items: Type.Array(CertificateSummarySchema) })
export type CertificateList = Static<typeof CertificateListSchema>

export const CertificateFieldSchema = Type.Object({
  key: Type.String(),
  /** Chinese label, e.g. 准驾车型. */
  label: Type.String(),
  /** Masked when `sensitive`; reveal for the full value. */
  value: Type.String(),
  sensitive: Type.Boolean(),
})
export type CertificateField = Static<typeof CertificateFieldSchema>

export const CertificateDetailSchema = Type.Composite([
  CertificateSummarySchema,
  Type.Object({
    /**
     * The national e-certificate identifier (电子证照标识):
     * `1.2.156.3005.2.<type code>.<issuer unified social credit code>.<serial>.<version>`.
     */
    identifier: Type.String(),
    /** The issuer's unified social credit code (18 characters, GB 32100). */
    issuerCode: Type.String(),
    /** 001, 002…: a re-issued certificate gets the next version, the old one is revoked. */
    version: Type.String(),
    /** All fields in display order. */
    fields: Type.Array(CertificateFieldSchema),
  }),
])
export type CertificateDetail = Static<typeof CertificateDetailSchema>

export const CertificateParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) })
export type CertificateParams = Static<typeof CertificateParamsSchema>

/** A field key of the certificate, e.g. idNumber. Keys that are not of that certificate: 400 on body.field. */
const FieldKeySchema = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z]+$' })

export const CertificateRevealRequestSchema = Type.Object({ field: FieldKeySchema }, { additionalProperties: false })
export type CertificateRevealRequest = Static<typeof CertificateRevealRequestSchema>
export const CertificateRevealResponseSchema = Type.Object({ field: Type.String(), label: Type.String(), value: Type.String() })
export type CertificateRevealResponse = Static<typeof CertificateRevealResponseSchema>

// --- purposes ----------------------------------------------------------------------------------------

export const PresentationPurposeSchema = Type.Union([
  Type.Literal('hotel_check_in'),
  Type.Literal('traffic_enforcement'),
  Type.Literal('counter_service'),
  Type.Literal('rental_signing'),
  Type.Literal('bank_account_opening'),
])
export type PresentationPurpose = Static<typeof PresentationPurposeSchema>

type Suggestions = { readonly [T in CertificateType]?: readonly CertificateFieldKey<T>[] }

/**
 * Why a citizen shows a certificate, and which fields each purpose suggests per type (the
 * 亮证 view pre-selects them; the citizen may change the selection). A purpose without a
 * suggestion for a type can still be chosen: nothing is pre-selected then.
 */
export const PRESENTATION_PURPOSES: Record<PresentationPurpose, { name: string; description: string; suggestedFields: Suggestions }> = {
  hotel_check_in: {
    name: '酒店入住',
    description: '向酒店前台出示身份信息，办理入住登记',
    suggestedFields: {
      resident_id_card: ['name', 'sex', 'ethnicity', 'address', 'idNumber'],
      residence_permit: ['name', 'idNumber'],
    },
  },
  traffic_enforcement: {
    name: '交通执法',
    description: '向交通警察出示驾驶证、行驶证',
    suggestedFields: {
      driving_licence: ['name', 'licenceNumber', 'vehicleClass', 'archiveNumber'],
      vehicle_licence: ['plateNumber', 'vehicleType', 'owner', 'model', 'vin'],
      resident_id_card: ['name', 'idNumber'],
    },
  },
  counter_service: {
    name: '窗口办事',
    description: '在政务服务窗口办理业务时出示证照',
    suggestedFields: {
      resident_id_card: ['name', 'idNumber'],
      household_register: ['householdNumber', 'name', 'relationship', 'address', 'idNumber'],
      residence_permit: ['name', 'idNumber', 'address'],
      degree_certificate: ['name', 'degree', 'major', 'grantingInstitution', 'certificateNumber'],
      business_licence: ['creditCode', 'companyName', 'legalRepresentative'],
      marriage_certificate: ['holderName', 'spouseName', 'registrationDate', 'certificateNumber'],
      driving_licence: ['name', 'licenceNumber', 'vehicleClass'],
      vehicle_licence: ['plateNumber', 'owner', 'vin'],
    },
  },
  rental_signing: {
    name: '租房签约',
    description: '签订租房合同时向房东或中介出示身份',
    suggestedFields: {
      resident_id_card: ['name', 'idNumber'],
      residence_permit: ['name', 'idNumber'],
      marriage_certificate: ['holderName', 'spouseName'],
    },
  },
  bank_account_opening: {
    name: '银行开户',
    description: '在银行开立个人或对公账户',
    suggestedFields: {
      resident_id_card: ['name', 'sex', 'ethnicity', 'birthDate', 'address', 'idNumber'],
      business_licence: ['creditCode', 'companyName', 'companyType', 'legalRepresentative', 'registeredCapital', 'domicile'],
    },
  },
}
export const PRESENTATION_PURPOSE_KEYS = Object.keys(PRESENTATION_PURPOSES) as PresentationPurpose[]

export const PurposeSchema = Type.Object({
  purpose: PresentationPurposeSchema,
  /** 酒店入住… */
  name: Type.String(),
  description: Type.String(),
  /** Per certificate type, the field keys this purpose pre-selects. */
  suggestedFields: Type.Array(Type.Object({ type: CertificateTypeSchema, fields: Type.Array(Type.String()) })),
})
export const PurposeListSchema = Type.Object({ items: Type.Array(PurposeSchema) })
export type PurposeList = Static<typeof PurposeListSchema>

// --- presentation code (亮证码) ------------------------------------------------------------------

/** The chosen fields: at least one, each a field of the certificate (else 400 on body.fields). */
const FieldSelectionSchema = Type.Array(FieldKeySchema, { minItems: 1, maxItems: 20, uniqueItems: true })

export const PresentationRequestSchema = Type.Object(
  { certificateId: Type.String({ format: 'uuid' }), purpose: PresentationPurposeSchema, fields: FieldSelectionSchema },
  { additionalProperties: false },
)
export type PresentationRequest = Static<typeof PresentationRequestSchema>

/** A field named without its value: what was (or will be) disclosed. */
export const DisclosedFieldSchema = Type.Object({ key: Type.String(), label: Type.String() })
export type DisclosedField = Static<typeof DisclosedFieldSchema>

export const PresentationSchema = Type.Object({
  presentationId: Type.String(),
  /**
   * What the QR code carries: `EC1.<payload>.<signature>`, under 300 characters, Ed25519
   * signed. It holds no personal data: the disclosed fields stay on the server. Good for
   * one verification before `expiresAt` (default 120 s); then ask for a new one.
   */
  code: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  purpose: PresentationPurposeSchema,
  purposeName: Type.String(),
  /** Exactly the fields a verifier will see, in display order. */
  fields: Type.Array(DisclosedFieldSchema),
})
export type Presentation = Static<typeof PresentationSchema>

export const PresentationParamsSchema = Type.Object({ presentationId: Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' }) })
export type PresentationParams = Static<typeof PresentationParamsSchema>

/** active: can be scanned; verified: used (each code discloses once); expired; withdrawn by the citizen. */
export const PresentationStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('verified'), Type.Literal('expired'), Type.Literal('withdrawn')])
export type PresentationStatus = Static<typeof PresentationStatusSchema>

/** What the 亮证 view polls while the QR code is shown: was it scanned, and by whom. */
export const PresentationStateSchema = Type.Object({
  presentationId: Type.String(),
  status: PresentationStatusSchema,
  expiresAt: Type.String({ format: 'date-time' }),
  verifiedAt: Type.Optional(Type.String({ format: 'date-time' })),
  verifier: Type.Optional(Type.Object({ kind: Type.String(), label: Type.String() })),
})
export type PresentationState = Static<typeof PresentationStateSchema>

// --- verification (for the checkpoint, the hotel, the landlord…) -----------------------------------

export const CertificateVerifyRequestSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 512 }) }, { additionalProperties: false })
export type CertificateVerifyRequest = Static<typeof CertificateVerifyRequestSchema>

export const CertificateVerifyFailureSchema = Type.Union([
  Type.Literal('malformed'),
  Type.Literal('unknown_key'),
  Type.Literal('bad_signature'),
  Type.Literal('expired'),
  Type.Literal('withdrawn'),
  Type.Literal('already_used'),
  Type.Literal('certificate_expired'),
  Type.Literal('certificate_revoked'),
])
export type CertificateVerifyFailure = Static<typeof CertificateVerifyFailureSchema>

export const CERTIFICATE_VERIFY_REASON_WORDS: Record<CertificateVerifyFailure, string> = {
  malformed: '无法识别的亮证码',
  unknown_key: '签发密钥未知，可能是伪造的亮证码',
  bad_signature: '签名校验失败，亮证码可能被篡改',
  expired: '亮证码已过期，请让对方刷新后重新出示',
  withdrawn: '持证人已撤回该亮证码',
  already_used: '该亮证码已被核验过，请让对方重新生成',
  certificate_expired: '该证照已过期',
  certificate_revoked: '该证照已注销',
}

/** The certificate as a verifier or organisation sees it: no fields beyond those disclosed. */
export const CertificateHeaderSchema = Type.Object({
  type: CertificateTypeSchema,
  typeName: Type.String(),
  issuer: Type.String(),
  validUntil: Type.Union([DateSchema, Type.Null()]),
  status: CertificateStatusSchema,
  statusName: Type.String(),
})
export type CertificateHeader = Static<typeof CertificateHeaderSchema>

/** A disclosed field with its full value. */
export const DisclosedValueSchema = Type.Object({ key: Type.String(), label: Type.String(), value: Type.String() })
export type DisclosedValue = Static<typeof DisclosedValueSchema>

/**
 * 200 either way: `valid: false` with `reason` (and nothing else) when refused; `valid:
 * true` with the certificate header, the holder's masked name and exactly the disclosed
 * fields in full.
 */
export const CertificateVerifyResponseSchema = Type.Object({
  valid: Type.Boolean(),
  reason: Type.Optional(CertificateVerifyFailureSchema),
  /** CERTIFICATE_VERIFY_REASON_WORDS[reason], ready to show. */
  reasonText: Type.Optional(Type.String()),
  certificate: Type.Optional(CertificateHeaderSchema),
  /** Masked, e.g. 张*. */
  holder: Type.Optional(Type.Object({ name: Type.String() })),
  purpose: Type.Optional(PresentationPurposeSchema),
  purposeName: Type.Optional(Type.String()),
  fields: Type.Optional(Type.Array(DisclosedValueSchema)),
  presentedAt: Type.Optional(Type.String({ format: 'date-time' })),
  verifiedAt: Type.Optional(Type.String({ format: 'date-time' })),
})
export type CertificateVerifyResponse = Static<typeof CertificateVerifyResponseSchema>

// --- ledger (用证记录) ----------------------------------------------------------------------------------

export const LedgerEventSchema = Type.Union([
  Type.Literal('presentation_issued'),
  Type.Literal('presentation_withdrawn'),
  Type.Literal('presentation_verified'),
  Type.Literal('authorisation_granted'),
  Type.Literal('authorisation_revoked'),
  Type.Literal('authorised_access'),
  // 亲情代办: a helper looked at the certificate as delegate (server/delegations).
  Type.Literal('delegate_viewed'),
  // 免提交: the reviewing department read the certificate attached to an application (server/applications/certificate-reads.ts).
  Type.Literal('application_read'),
  // 办结 of an item whose result is this certificate: the department issued it into the wallet (server/results/issue.ts).
  Type.Literal('issued'),
])
export type LedgerEvent = Static<typeof LedgerEventSchema>
export const LEDGER_EVENT_NAMES: Record<LedgerEvent, string> = {
  presentation_issued: '生成亮证码',
  presentation_withdrawn: '撤回亮证码',
  presentation_verified: '亮证核验',
  authorisation_granted: '授权机构调取',
  authorisation_revoked: '撤销授权',
  authorised_access: '机构调取证照',
  delegate_viewed: '亲属代办查看',
  application_read: '办件审核调取',
  issued: '签发',
}

/**
 * Who acted: the holder (本人), a verifier account (核验员), another logged-in user, an
 * anonymous scanner, an authorised organisation, or a family helper acting as delegate (由 张* 代办/查看). `name` is masked for people and the
 * organisation's name for organisations.
 */
export const LedgerActorSchema = Type.Object({
  kind: Type.Union([Type.Literal('holder'), Type.Literal('verifier'), Type.Literal('citizen'), Type.Literal('anonymous'), Type.Literal('organisation'), Type.Literal('delegate')]),
  name: Type.Optional(Type.String()),
  /** Ready to show: 本人, 核验员 欧*月, 未登录的核验方, 某某银行… */
  label: Type.String(),
})
export type LedgerActor = Static<typeof LedgerActorSchema>

export const LedgerEntrySchema = Type.Object({
  id: Type.Integer(),
  event: LedgerEventSchema,
  eventName: Type.String(),
  /** refused: a verification or organisation access that was turned away (see reason). */
  outcome: Type.Union([Type.Literal('success'), Type.Literal('refused')]),
  /** For refusals: a CertificateVerifyFailure, or authorisation_revoked / authorisation_expired / certificate_expired / certificate_revoked. */
  reason: Type.Optional(Type.String()),
  reasonText: Type.Optional(Type.String()),
  occurredAt: Type.String({ format: 'date-time' }),
  /** Presentations: the purpose key; authorisations carry free text in purposeName only. */
  purpose: Type.Optional(PresentationPurposeSchema),
  purposeName: Type.String(),
  /** Fields disclosed (success) or that would have been (refused); never values. */
  fields: Type.Array(DisclosedFieldSchema),
  actor: LedgerActorSchema,
  presentationId: Type.Optional(Type.String()),
  authorisationId: Type.Optional(Type.String()),
})
export type LedgerEntry = Static<typeof LedgerEntrySchema>

export const LedgerQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    /** Paging: the `nextBefore` of the previous page; entries older than that id. */
    before: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)
export type LedgerQuery = Static<typeof LedgerQuerySchema>

/** Newest first. */
export const LedgerPageSchema = Type.Object({
  items: Type.Array(LedgerEntrySchema),
  /** Present when older entries exist: pass as `before`. */
  nextBefore: Type.Optional(Type.Integer()),
})
export type LedgerPage = Static<typeof LedgerPageSchema>

export const OrganisationSchema = Type.Object(
  {
    name: FreeText({ minLength: 2, maxLength: 100 }),
    /** Optional; when given it must be a valid 18-character code (GB 32100 check character). */
    creditCode: Type.Optional(Type.String({ minLength: 18, maxLength: 18, pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' })),
  },
  { additionalProperties: false },
)
export type Organisation = Static<typeof OrganisationSchema>

export const AuthorisationRequestSchema = Type.Object(
  {
    organisation: OrganisationSchema,
    /** Why the organisation needs it, in the citizen's words, e.g. 办理住房贷款审批. */
    purpose: FreeText({ minLength: 2, maxLength: 100 }),
    fields: FieldSelectionSchema,
    /** In the future and at most AUTHORISATION_MAX_DAYS ahead (else 400 on body.validUntil). */
    validUntil: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)
export type AuthorisationRequest = Static<typeof AuthorisationRequestSchema>

/** active until validUntil; expired after; revoked by the citizen (access stops at once). */
export const AuthorisationStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')])
export type AuthorisationStatus = Static<typeof AuthorisationStatusSchema>
export const AUTHORISATION_STATUS_NAMES: Record<AuthorisationStatus, string> = { active: '授权中', expired: '已到期', revoked: '已撤销' }

export const AuthorisationSchema = Type.Object({
  id: Type.String(),
  certificateId: Type.String(),
  certificateType: CertificateTypeSchema,
  certificateTypeName: Type.String(),
  organisation: OrganisationSchema,
  purpose: Type.String(),
  fields: Type.Array(DisclosedFieldSchema),
  createdAt: Type.String({ format: 'date-time' }),
  validUntil: Type.String({ format: 'date-time' }),
  status: AuthorisationStatusSchema,
  statusName: Type.String(),
  revokedAt: Type.Optional(Type.String({ format: 'date-time' })),
  /** Successful fetches by the organisation so far, and the last one. */
  accessCount: Type.Integer(),
  lastAccessedAt: Type.Optional(Type.String({ format: 'date-time' })),
})
export type Authorisation = Static<typeof AuthorisationSchema>

export const AuthorisationCreatedSchema = Type.Object({
  authorisation: AuthorisationSchema,
  /**
   * Shown once, never again (only its hash is kept): the citizen passes it to the
   * organisation with the grant id. The organisation sends it as `Authorization: Bearer`.
   */
  accessKey: Type.String(),
  /** Where the organisation fetches: /api/certificates/authorised/<grant id>. */
  accessPath: Type.String(),
})
export type AuthorisationCreated = Static<typeof AuthorisationCreatedSchema>

export const AuthorisationListQuerySchema = Type.Object(
  { certificateId: Type.Optional(Type.String({ format: 'uuid' })) },
  { additionalProperties: false },
)
export type AuthorisationListQuery = Static<typeof AuthorisationListQuerySchema>
/** Newest first. */
export const AuthorisationListSchema = Type.Object({ items: Type.Array(AuthorisationSchema) })
export type AuthorisationList = Static<typeof AuthorisationListSchema>

export const AuthorisationParamsSchema = Type.Object({ grantId: Type.String({ format: 'uuid' }) })
export type AuthorisationParams = Static<typeof AuthorisationParamsSchema>

/** The organisation's view: the granted fields in full, nothing else. */
export const AuthorisedCertificateSchema = Type.Object({
  grantId: Type.String(),
  organisation: OrganisationSchema,
  purpose: Type.String(),
  validUntil: Type.String({ format: 'date-time' }),
  certificate: CertificateHeaderSchema,
  /** Masked, e.g. 张*. */
  holder: Type.Object({ name: Type.String() }),
  fields: Type.Array(DisclosedValueSchema),
  accessedAt: Type.String({ format: 'date-time' }),
})
export type AuthorisedCertificate = Static<typeof AuthorisedCertificateSchema>
