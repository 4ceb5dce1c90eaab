/**
 * Online applications (网上申请, for 全程网办 items) and their notifications contract.
 *
 * Routes (L3 = real-name verified, see identity.ts; reviewer = role 'reviewer'):
 *   GET  /api/services/:code/application-form     L3   ApplicationForm (prefilled, masked; 404 unknown / unpublished, 409 SERVICE_NOT_ONLINE)
 *   POST /api/applications                         L3   header Idempotency-Key; SubmitApplicationRequest → ApplicationDetail
 *                                                       (201 created; 200 the same application again for a replay;
 *                                                       422 IDEMPOTENCY_KEY_REUSED for the same key with another body)
 *   GET  /api/applications?page=&pageSize=          L3   ApplicationPage (mine, newest first)
 *   GET  /api/applications/:id                     L3   ApplicationDetail (timeline, working-day countdown); another citizen's: 404
 *   POST /api/applications/:id/withdraw            L3   ApplicationDetail; only while submitted (else 409 APPLICATION_STATUS_CONFLICT)
 *   GET  /api/operator/applications?status=&service=&department=&due=&page=  reviewer   OperatorApplicationPage (masked; audited)
 *   POST /api/operator/applications/:id/transition reviewer   TransitionRequest → OperatorApplication (audited;
 *                                                       409 APPLICATION_STATUS_CONFLICT naming from/to)
 *   GET  /api/notifications/templates              L1   NotificationTemplates (template ids for this account's platform;
 *                                                       ?key=appointment_reminder for the booking reminder, default application_status)
 *   POST /api/notifications/subscriptions          L1   SubscriptionRequest → Subscription (what requestSubscribeMessage returned)
 *
 * Privacy: every personal value in a response is masked (name 张*伟, ID 110***********1234,
 * phone 138****5678). Prefilled locked fields are filled by the server from its own full
 * copy on submit; whatever the client sends for them is ignored.
 *
 * Client: import types only (`import type`); words are in ./application-words.
 */
import { Type, type Static } from '@sinclair/typebox'
import { APPLICATION_STATUS_KEYS, SUBSCRIBABLE_TEMPLATE_KEYS, IDEMPOTENCY_KEY_PATTERN, MAX_APPLICATION_PAGE_SIZE, OPERATOR_DUE_FILTERS, MAX_REASON_LENGTH, MAX_SUPPLEMENT_ITEMS, MAX_SUPPLEMENT_ITEM_LENGTH, MAX_SUPPLEMENT_NOTE_LENGTH } from './data'
import { FreeText, MultilineFreeText } from '../schemas'
import { FORM_FIELD_TYPES, MATERIAL_PROVISIONS, PREFILL_SOURCE_KEYS } from '../services/data'

export type { ApplicationStatus, NotificationTemplateKey, SubscribableTemplateKey } from './data'

export const ApplicationStatusSchema = Type.Union(APPLICATION_STATUS_KEYS.map((status) => Type.Literal(status)))
export const NotificationTemplateKeySchema = Type.Union(SUBSCRIBABLE_TEMPLATE_KEYS.map((key) => Type.Literal(key)))

const DateSchema = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD (China time)' })
const TimeSchema = Type.String({ description: 'ISO 8601 in UTC' })

/** 事项编码: letters and digits. */
export const ItemCodeSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })
/** 128 random bits, base64url. */
export const ApplicationIdSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' })

// --- the form ------------------------------------------------------------------------------------

export const ApplicationFormParamsSchema = Type.Object({ code: ItemCodeSchema })
export type ApplicationFormParams = Static<typeof ApplicationFormParamsSchema>

export const PrefillSourceSchema = Type.Union(PREFILL_SOURCE_KEYS.map((key) => Type.Literal(key)))

export const FormFieldViewSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  type: Type.Union(FORM_FIELD_TYPES.map((type) => Type.Literal(type))),
  required: Type.Boolean(),
  maxLength: Type.Optional(Type.Integer()),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  options: Type.Optional(Type.Array(Type.String())),
  hint: Type.Optional(Type.String()),
  /** The prefilled value, masked when it is personal (张*伟); absent when nothing is held. */
  value: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  /** Where the value comes from: shown as 来自 {label}（{field}）. */
  source: Type.Optional(Type.Object({ key: PrefillSourceSchema, label: Type.String(), field: Type.String() })),
  /** The client shows it read-only; the server uses its own copy on submit. */
  locked: Type.Boolean(),
  /** bank_account: digits of a bank card or account (masked in every response). */
  format: Type.Optional(Type.Literal('bank_account')),
})
export type FormFieldView = Static<typeof FormFieldViewSchema>

/**
 * A material of the guide and how THIS citizen meets it, in this order (server/applications/materials.ts):
 * `certificate` a valid e-certificate they hold (attached by reference); `data` data the
 * government holds for them; `form` a field of the form (formField); `upload` a photo or PDF
 * (POST /api/uploads, then its id in the submit's materials); `counter` only where the law
 * needs the original (by post or at the counter, said in `instruction`).
 */
export const MaterialProvisionSchema = Type.Union(MATERIAL_PROVISIONS.map((provision) => Type.Literal(provision)))

export const MaterialViewSchema = Type.Object({
  name: Type.String(),
  copies: Type.Optional(Type.Integer()),
  form: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  certificateType: Type.Optional(Type.String()),
  provision: MaterialProvisionSchema,
  certificate: Type.Optional(Type.Object({ id: Type.String(), typeName: Type.String(), number: Type.String(), name: Type.String() })),
  /** For `data`: where the government's copy is (公安人口库 / 公民身份号码). */
  data: Type.Optional(Type.Object({ label: Type.String(), field: Type.String() })),
  /** The form field whose answer is this material. */
  formField: Type.Optional(Type.String()),
  /** An upload control is offered (the way for `upload`, an alternative for `form`). */
  upload: Type.Optional(Type.Boolean()),
  /** Why the law needs the original (then `counter`). */
  original: Type.Optional(Type.String()),
  /** e.g. 将使用您的电子机动车驾驶证，无需另行提交 / 请上传照片或 PDF */
  instruction: Type.String(),
})
export type MaterialView = Static<typeof MaterialViewSchema>

export const ApplicationFormSchema = Type.Object({
  item: Type.Object({ code: Type.String(), name: Type.String(), department: Type.String(), timeLimitDays: Type.Integer() }),
  fields: Type.Array(FormFieldViewSchema),
  materials: Type.Array(MaterialViewSchema),
  /** Always true today: materials not held as certificates are handed in at the counter. */
  submitAllowed: Type.Boolean(),
})
export type ApplicationForm = Static<typeof ApplicationFormSchema>

export const SubmitHeadersSchema = Type.Object({
  /** A key the client makes once per submit (e.g. a UUID) and repeats on every retry of it. */
  'idempotency-key': Type.String({ minLength: 16, maxLength: 128, pattern: IDEMPOTENCY_KEY_PATTERN }),
})
export type SubmitHeaders = Static<typeof SubmitHeadersSchema>

/** What a form value may be in shape: a scalar, or a flat list of scalars (nothing nested). */
export type FormValueInput = string | number | boolean | null | (string | number | boolean | null)[]

/**
 * A string, or a number for number fields. The schema only fixes the shape (a scalar or a
 * flat list of scalars, so nothing deeply nested ever reaches the server's code); which type
 * a field takes is the form validation's to check, naming the field. A list of types, not a
 * union: ajv (coerceTypes) leaves a value alone when its type is one of the list, where a
 * union would turn 2 into "2" (or "123" into 123) before the form's own rules see it.
 */
const SCALAR_TYPES = ['string', 'number', 'boolean', 'null']
export const FormValueSchema = Type.Unsafe<FormValueInput>({
  type: [...SCALAR_TYPES, 'array'],
  items: { type: SCALAR_TYPES },
  maxItems: 100,
  description: 'string, or number for number fields (a scalar or a flat list of scalars)',
})

export const SubmitApplicationRequestSchema = Type.Object(
  {
    itemCode: ItemCodeSchema,
    /** By field key. Locked prefilled fields may be left out (their value is the server's). */
    values: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]{0,39}$' }), FormValueSchema, { maxProperties: 100 }),
    /**
     * Per material: which certificate to attach (left out, the newest valid one of the type is
     * used), or an upload of the citizen's (POST /api/uploads) — exactly one of the two; several
     * uploads may name the same material (pages).
     */
    materials: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            certificateId: Type.Optional(Type.String({ format: 'uuid' })),
            uploadId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
  },
  { additionalProperties: false },
)
export type SubmitApplicationRequest = Static<typeof SubmitApplicationRequestSchema>

// --- reading -----------------------------------------------------------------------------------------

export const ApplicationParamsSchema = Type.Object({ id: ApplicationIdSchema })
export type ApplicationParams = Static<typeof ApplicationParamsSchema>

export const TimelineEventSchema = Type.Object({
  status: ApplicationStatusSchema,
  statusName: Type.String(),
  at: TimeSchema,
  /** 不予受理 / 不予许可 reasons, a reviewer's note, or null. */
  reason: Type.Union([Type.String(), Type.Null()]),
})
export type TimelineEvent = Static<typeof TimelineEventSchema>

export const DeadlineSchema = Type.Object({
  /** The promised limit in working days (0 = 即办). */
  timeLimitDays: Type.Integer(),
  /** Set once accepted. */
  dueOn: Type.Union([DateSchema, Type.Null()]),
  /** Working days left until dueOn (0 = today is the last day); negative when overdue; null before acceptance or once finished. */
  workingDaysLeft: Type.Union([Type.Integer(), Type.Null()]),
  overdue: Type.Boolean(),
  /** Plain Chinese: 承诺 5 个工作日内办结，还剩 3 个工作日 / 已超过承诺时限 2 个工作日 / 已于 2026年11月30日 办结 */
  deadlineText: Type.String(),
})

export const ApplicationSummarySchema = Type.Composite([
  Type.Object({
    id: Type.String(),
    /** 受理编号, e.g. 20261122-000123 */
    number: Type.String(),
    itemCode: Type.String(),
    itemName: Type.String(),
    status: ApplicationStatusSchema,
    statusName: Type.String(),
    submittedAt: TimeSchema,
    acceptedAt: Type.Union([TimeSchema, Type.Null()]),
    finishedAt: Type.Union([TimeSchema, Type.Null()]),
    /** Only while submitted. */
    canWithdraw: Type.Boolean(),
    /** Only while 待补正: what the reviewer asked for; the citizen answers with POST …/supplement. */
    supplementItems: Type.Optional(Type.Array(Type.String())),
  }),
  DeadlineSchema,
])
export type ApplicationSummary = Static<typeof ApplicationSummarySchema>

export const FormValueViewSchema = Type.Object({ key: Type.String(), label: Type.String(), value: Type.String(), sourceLabel: Type.Optional(Type.String()) })

export const AttachedMaterialSchema = Type.Object({
  name: Type.String(),
  provision: MaterialProvisionSchema,
  certificateType: Type.Optional(Type.String()),
  certificateId: Type.Optional(Type.String()),
  /** `upload`: the files in force (GET /api/uploads/:id/link opens one). */
  uploadIds: Type.Optional(Type.Array(Type.String())),
  /** `form`: the field whose answer it is. */
  formField: Type.Optional(Type.String()),
})

export const ApplicationDetailSchema = Type.Composite([
  ApplicationSummarySchema,
  Type.Object({
    department: Type.String(),
    /** Masked. */
    values: Type.Array(FormValueViewSchema),
    materials: Type.Array(AttachedMaterialSchema),
    /** Oldest first. */
    timeline: Type.Array(TimelineEventSchema),
    /** 亲情代办: 由 张* 代办 when a family helper submitted it for the applicant (server/delegations). */
    submittedBy: Type.Optional(Type.String()),
  }),
])
export type ApplicationDetail = Static<typeof ApplicationDetailSchema>

export const ApplicationPageQuerySchema = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_APPLICATION_PAGE_SIZE, default: 20 })),
  },
  { additionalProperties: false },
)
export type ApplicationPageQuery = Static<typeof ApplicationPageQuerySchema>

export const ApplicationPageSchema = Type.Object({
  items: Type.Array(ApplicationSummarySchema),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  total: Type.Integer(),
})
export type ApplicationPage = Static<typeof ApplicationPageSchema>
export type OperatorDueFilter = (typeof OPERATOR_DUE_FILTERS)[number]

export const OperatorApplicationQuerySchema = Type.Object(
  {
    status: Type.Optional(ApplicationStatusSchema),
    /** One item (事项) by its code. */
    service: Type.Optional(ItemCodeSchema),
    /** The item's department, exactly as the guide names it. */
    department: Type.Optional(FreeText({ minLength: 1, maxLength: 50 })),
    /** overdue: the countdown ran past the due day; within1: due today or on the next working day (only running countdowns). */
    due: Type.Optional(Type.Union(OPERATOR_DUE_FILTERS.map((value) => Type.Literal(value)))),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_APPLICATION_PAGE_SIZE, default: 20 })),
  },
  { additionalProperties: false },
)
export type OperatorApplicationQuery = Static<typeof OperatorApplicationQuerySchema>

export const OperatorApplicationSchema = Type.Composite([
  ApplicationDetailSchema,
  Type.Object({
    /** Masked: 张*伟 / 110***********1234. */
    applicant: Type.Object({ name: Type.String(), idNumber: Type.String() }),
  }),
])
export type OperatorApplication = Static<typeof OperatorApplicationSchema>

export const OperatorApplicationPageSchema = Type.Object({
  items: Type.Array(OperatorApplicationSchema),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  total: Type.Integer(),
})
export type OperatorApplicationPage = Static<typeof OperatorApplicationPageSchema>

export const TransitionRequestSchema = Type.Object(
  {
    to: ApplicationStatusSchema,
    /** Required (2-500 characters) for rejected / denied; an optional note otherwise, shown to the citizen. */
    reason: Type.Optional(MultilineFreeText({ maxLength: MAX_REASON_LENGTH })),
    /** Required for supplement_requested (补正): what is missing, material names or free text. */
    missingItems: Type.Optional(Type.Array(FreeText({ minLength: 1, maxLength: MAX_SUPPLEMENT_ITEM_LENGTH }), { minItems: 1, maxItems: MAX_SUPPLEMENT_ITEMS })),
  },
  { additionalProperties: false },
)
export type TransitionRequest = Static<typeof TransitionRequestSchema>

/** POST /api/applications/:id/supplement (已补正): a short note on what was supplied; the application returns to where it was. */
export const SupplementAnswerSchema = Type.Object(
  {
    note: MultilineFreeText({ maxLength: MAX_SUPPLEMENT_NOTE_LENGTH }),
    /**
     * New uploads (POST /api/uploads) for the materials the 补正 names, and only those: each
     * named material that can be uploaded needs at least one; they replace the versions in
     * force (kept for the reviewer).
     */
    materials: Type.Optional(
      Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), uploadId: Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' }) }, { additionalProperties: false }), { maxItems: 50 }),
    ),
  },
  { additionalProperties: false },
)
export type SupplementAnswer = Static<typeof SupplementAnswerSchema>

// --- notifications ---------------------------------------------------------------------------------

export const NotificationTemplatesSchema = Type.Object({
  /** The platform of the calling account. */
  platform: Type.String(),
  items: Type.Array(
    Type.Object({
      templateKey: NotificationTemplateKeySchema,
      /** The id to pass to requestSubscribeMessage; null when not configured for this platform (do not ask). */
      templateId: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
})
export type NotificationTemplates = Static<typeof NotificationTemplatesSchema>

export const NotificationTemplatesQuerySchema = Type.Object(
  {
    /** Which template to answer for; without it the apply form's application_status. */
    key: Type.Optional(NotificationTemplateKeySchema),
  },
  { additionalProperties: false },
)
export type NotificationTemplatesQuery = Static<typeof NotificationTemplatesQuerySchema>

export const SubscriptionRequestSchema = Type.Object(
  {
    templateKey: NotificationTemplateKeySchema,
    /** What wx/my.requestSubscribeMessage answered for the template. */
    result: Type.Union([Type.Literal('accept'), Type.Literal('reject'), Type.Literal('ban')]),
  },
  { additionalProperties: false },
)
export type SubscriptionRequest = Static<typeof SubscriptionRequestSchema>

export const SubscriptionSchema = Type.Object({
  templateKey: NotificationTemplateKeySchema,
  lastResult: Type.Union([Type.Literal('accept'), Type.Literal('reject'), Type.Literal('ban')]),
  /** Messages that may still be sent (one per accept). */
  remaining: Type.Integer(),
})
export type Subscription = Static<typeof SubscriptionSchema>
