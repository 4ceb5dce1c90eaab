/**
 * 一件事一次办 (life-event packages) contract. The packages themselves are data (./data.ts).
 *
 * Routes (public = no login; L4 = identity proven):
 *   GET  /api/life-events                          public  LifeEventPackageList (each package with its member items and departments)
 *   GET  /api/life-events/:key                     public  LifeEventGuide (what is included, which departments, what you need); 404 unknown
 *   GET  /api/life-events/:key/form                L4      LifeEventForm (shared fields prefilled and masked, each member's own fields and materials)
 *   POST /api/life-events/:key/applications        L4      header Idempotency-Key; LifeEventSubmitRequest → LifeEventApplication
 *                                                          (201 created; 200 the same package for a replay; 422 IDEMPOTENCY_KEY_REUSED for
 *                                                          another body; 400 naming body.shared.<field> or body.members.<itemCode>.<field>)
 *   GET  /api/life-event-applications              L4      LifeEventApplicationPage (mine, newest first)
 *   GET  /api/life-event-applications/:id          L4      LifeEventApplication (one timeline over every member); another citizen's: 404
 *
 * Each member becomes an ordinary application (GET /api/applications/:id) in its own
 * department's reviewer queue; reviewers decide each one as usual. The package is finished
 * when every member is.
 *
 * Client: import types only (`import type`).
 */
import { Type, type Static } from '@sinclair/typebox'
import { ApplicationStatusSchema, FormFieldViewSchema, FormValueSchema, FormValueViewSchema, MaterialViewSchema } from '../applications/schemas'
import { LIFE_EVENT_PACKAGE_KEYS, MAX_PACKAGE_PAGE_SIZE } from './data'

export type { LifeEventPackageKey, PackageStatus } from './data'

const TimeSchema = Type.String({ description: 'ISO 8601 in UTC' })

export const LifeEventKeySchema = Type.Union(LIFE_EVENT_PACKAGE_KEYS.map((key) => Type.Literal(key)))
export const LifeEventParamsSchema = Type.Object({ key: LifeEventKeySchema })
export type LifeEventParams = Static<typeof LifeEventParamsSchema>

export const PackageStatusSchema = Type.Union([Type.Literal('in_progress'), Type.Literal('completed'), Type.Literal('ended')])

const MemberItemSchema = Type.Object({
  itemCode: Type.String(),
  itemName: Type.String(),
  department: Type.String(),
  /** The promised limit in working days (0 = 即办). */
  timeLimitDays: Type.Integer(),
  /** What the citizen receives when it is finished. */
  result: Type.String(),
})

export const LifeEventSummarySchema = Type.Object({
  key: LifeEventKeySchema,
  name: Type.String(),
  summary: Type.String(),
  members: Type.Array(MemberItemSchema),
})
export type LifeEventSummary = Static<typeof LifeEventSummarySchema>

export const LifeEventPackageListSchema = Type.Object({ items: Type.Array(LifeEventSummarySchema) })
export type LifeEventPackageList = Static<typeof LifeEventPackageListSchema>

/** A material of a member item, as the guide lists it (before any citizen is known). */
const GuideMaterialSchema = Type.Object({
  name: Type.String(),
  form: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  /** Can be taken from the citizen's own e-certificate of this type. */
  certificateType: Type.Optional(Type.String()),
  /** Produced by this member item of the same package and shared between the departments: nothing to hand in. */
  fromMember: Type.Optional(Type.String()),
})

export const LifeEventGuideSchema = Type.Object({
  key: LifeEventKeySchema,
  name: Type.String(),
  summary: Type.String(),
  conditions: Type.Array(Type.String()),
  /** The shared data asked once, by label. */
  sharedFields: Type.Array(Type.String()),
  /** Each member with its materials and every question it is given (shared ones included). */
  members: Type.Array(Type.Composite([MemberItemSchema, Type.Object({ materials: Type.Array(GuideMaterialSchema), asks: Type.Array(Type.String()) })])),
})
export type LifeEventGuide = Static<typeof LifeEventGuideSchema>

export const LifeEventFormSchema = Type.Object({
  key: LifeEventKeySchema,
  name: Type.String(),
  /** Entered once; prefilled ones masked with their source, like an item's application form. */
  sharedFields: Type.Array(FormFieldViewSchema),
  members: Type.Array(
    Type.Composite([
      MemberItemSchema,
      Type.Object({
        /** Labels of the shared fields this item receives. */
        receives: Type.Array(Type.String()),
        fields: Type.Array(FormFieldViewSchema),
        materials: Type.Array(MaterialViewSchema),
      }),
    ]),
  ),
})
export type LifeEventForm = Static<typeof LifeEventFormSchema>

const ValuesSchema = Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]{0,39}$' }), FormValueSchema, { maxProperties: 50 })

export const LifeEventSubmitRequestSchema = Type.Object(
  {
    /** The shared data by field key; locked prefilled fields may be left out (their value is the server's). */
    shared: ValuesSchema,
    /** Each member's own fields, by item code. */
    members: Type.Record(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }), ValuesSchema, { maxProperties: 20 }),
  },
  { additionalProperties: false },
)
export type LifeEventSubmitRequest = Static<typeof LifeEventSubmitRequestSchema>

export const PackageApplicationIdSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' })
export const LifeEventApplicationParamsSchema = Type.Object({ id: PackageApplicationIdSchema })

const MemberApplicationSchema = Type.Composite([
  MemberItemSchema,
  Type.Object({
    /** The member's own application (GET /api/applications/:id). */
    applicationId: Type.String(),
    /** 受理编号 */
    number: Type.String(),
    status: ApplicationStatusSchema,
    statusName: Type.String(),
    finishedAt: Type.Union([TimeSchema, Type.Null()]),
    /** e.g. 承诺 5 个工作日内办结，还剩 3 个工作日 */
    deadlineText: Type.String(),
    /** Only while 待补正. */
    supplementItems: Type.Optional(Type.Array(Type.String())),
    /** The result 办结 delivered (GET /api/results/:id), once issued: proofs, money and paper results alike. */
    issuedResult: Type.Optional(Type.Object({ id: Type.String(), title: Type.String(), kind: Type.String(), issuedAt: TimeSchema })),
  }),
])

export const PackageTimelineEventSchema = Type.Object({
  at: TimeSchema,
  itemCode: Type.String(),
  itemName: Type.String(),
  department: Type.String(),
  status: ApplicationStatusSchema,
  statusName: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
})

export const LifeEventApplicationSummarySchema = Type.Object({
  id: Type.String(),
  key: LifeEventKeySchema,
  name: Type.String(),
  status: PackageStatusSchema,
  statusName: Type.String(),
  submittedAt: TimeSchema,
  /** When the last member finished; null while any is in progress. */
  finishedAt: Type.Union([TimeSchema, Type.Null()]),
  finishedCount: Type.Integer(),
  memberCount: Type.Integer(),
})
export type LifeEventApplicationSummary = Static<typeof LifeEventApplicationSummarySchema>

export const LifeEventApplicationSchema = Type.Composite([
  LifeEventApplicationSummarySchema,
  Type.Object({
    /** The shared data as entered, masked. */
    shared: Type.Array(FormValueViewSchema),
    members: Type.Array(MemberApplicationSchema),
    /** Every member's status changes, oldest first. */
    timeline: Type.Array(PackageTimelineEventSchema),
  }),
])
export type LifeEventApplication = Static<typeof LifeEventApplicationSchema>

export const LifeEventApplicationPageQuerySchema = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PACKAGE_PAGE_SIZE, default: 20 })),
  },
  { additionalProperties: false },
)

export const LifeEventApplicationPageSchema = Type.Object({
  items: Type.Array(LifeEventApplicationSummarySchema),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  total: Type.Integer(),
})
export type LifeEventApplicationPage = Static<typeof LifeEventApplicationPageSchema>
