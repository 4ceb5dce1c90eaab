/**
 * Social security (社保查询) contract: the insured person, enrolments per insurance type,
 * monthly contribution records, personal-account balances, and proofs of contributions
 * (参保缴费证明) that anyone holding the verification code can check.
 *
 * Money is integer cents (分) everywhere in the API; the client formats it. Months are
 * `YYYY-MM`, dates `YYYY-MM-DD`. Every route but proof verification needs real-name level 3
 * and answers with the caller's own records only: no route takes a citizen or person id.
 */
import { Type, type Static } from '@sinclair/typebox'
import { MONTH_PATTERN, MAX_PAGE_SIZE, PROOF_CODE_PATTERN } from './data'

export const InsuranceTypeSchema = Type.Union([
  Type.Literal('pension'),
  Type.Literal('medical'),
  Type.Literal('unemployment'),
  Type.Literal('work_injury'),
  Type.Literal('maternity'),
])
/** 养老 / 医疗 / 失业 / 工伤 / 生育 */
export type InsuranceType = Static<typeof InsuranceTypeSchema>

/** 参保中 / 暂停 / 终止 */
export const EnrolmentStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('ended')])
export type EnrolmentStatus = Static<typeof EnrolmentStatusSchema>

/** 正常参保 / 暂停参保 / 终止参保 */
export const PersonStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('ended')])
export type PersonStatus = Static<typeof PersonStatusSchema>

/** The personal accounts that carry a balance. */
export const AccountKindSchema = Type.Union([Type.Literal('pension'), Type.Literal('medical')])
export type AccountKind = Static<typeof AccountKindSchema>

export const ContributionStatusSchema = Type.Union([Type.Literal('paid'), Type.Literal('arrears')])
export type ContributionStatus = Static<typeof ContributionStatusSchema>
export const MonthSchema = Type.String({ pattern: MONTH_PATTERN, description: 'YYYY-MM' })
export const DateSchema = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' })
/** 分: integer cents, never a float. */
export const CentsSchema = Type.Integer({ minimum: 0, description: 'Integer cents (分)' })

export const InsuredPersonSchema = Type.Object({
  /** 社会保障卡卡号, masked (A1*****78). */
  cardNumber: Type.String(),
  /** 参保地, e.g. 北京市. */
  insuredCity: Type.String(),
  /** 经办机构, e.g. 北京市东城区社会保险事业管理中心. */
  agency: Type.String(),
  status: PersonStatusSchema,
})
export type InsuredPerson = Static<typeof InsuredPersonSchema>

export const EnrolmentSchema = Type.Object({
  type: InsuranceTypeSchema,
  status: EnrolmentStatusSchema,
  /** 参保日期 */
  startedOn: DateSchema,
  /** For paused / ended: since when. */
  endedOn: Type.Optional(DateSchema),
  /** Months with a paid record of this type. */
  monthsPaid: Type.Integer({ minimum: 0 }),
  lastPaidMonth: Type.Optional(MonthSchema),
})
export type Enrolment = Static<typeof EnrolmentSchema>

export const BalanceSchema = Type.Object({
  account: AccountKindSchema,
  balanceCents: Type.Integer({ description: 'Integer cents (分)' }),
  /** The date the balance was computed (记账日期). */
  computedOn: DateSchema,
})
export type Balance = Static<typeof BalanceSchema>

/** One month of one insurance type the employer has not paid (欠缴). */
export const ArrearsSchema = Type.Object({
  month: MonthSchema,
  type: InsuranceTypeSchema,
  employerName: Type.String(),
  personalCents: CentsSchema,
  employerCents: CentsSchema,
})
export type Arrears = Static<typeof ArrearsSchema>

export const MonthRangeSchema = Type.Object({ from: MonthSchema, to: MonthSchema })
export type MonthRange = Static<typeof MonthRangeSchema>

export const OverviewSchema = Type.Object({
  /** null: no social-security record for this citizen. */
  person: Type.Union([InsuredPersonSchema, Type.Null()]),
  enrolments: Type.Array(EnrolmentSchema),
  balances: Type.Array(BalanceSchema),
  /** Distinct months with at least one paid record (累计缴费月数 in our records). */
  totalMonthsPaid: Type.Integer({ minimum: 0 }),
  lastPaidMonth: Type.Union([MonthSchema, Type.Null()]),
  /** Every unpaid month, oldest first; empty when nothing is owed. */
  arrears: Type.Array(ArrearsSchema),
  /** The first and last month on record; null without records. A proof must lie inside it. */
  recordRange: Type.Union([MonthRangeSchema, Type.Null()]),
})
export type Overview = Static<typeof OverviewSchema>

export const ContributionsQuerySchema = Type.Object(
  {
    year: Type.Integer({ minimum: 1990, maximum: 2100 }),
    /** One insurance type; all types when absent. */
    type: Type.Optional(InsuranceTypeSchema),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 12 })),
  },
  { additionalProperties: false },
)
export type ContributionsQuery = Static<typeof ContributionsQuerySchema>

export const ContributionRecordSchema = Type.Object({
  month: MonthSchema,
  type: InsuranceTypeSchema,
  /** 缴费基数 */
  baseCents: CentsSchema,
  personalCents: CentsSchema,
  employerCents: CentsSchema,
  employerName: Type.String(),
  status: ContributionStatusSchema,
  /** When it was paid; absent while in arrears. */
  paidOn: Type.Optional(DateSchema),
})
export type ContributionRecord = Static<typeof ContributionRecordSchema>

/** A year's totals of one type: paid records only; arrears counted separately. */
export const YearTotalSchema = Type.Object({
  type: InsuranceTypeSchema,
  personalCents: CentsSchema,
  employerCents: CentsSchema,
  monthsPaid: Type.Integer({ minimum: 0 }),
  monthsInArrears: Type.Integer({ minimum: 0 }),
})
export type YearTotal = Static<typeof YearTotalSchema>

export const ContributionsPageSchema = Type.Object({
  year: Type.Integer(),
  type: Type.Optional(InsuranceTypeSchema),
  /** The years the switcher offers, newest first (may include years without records). */
  years: Type.Array(Type.Integer()),
  /** Newest month first; within a month in the order of INSURANCE_TYPES. */
  items: Type.Array(ContributionRecordSchema),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
  /** Records of this year (and type) in all pages. */
  total: Type.Integer({ minimum: 0 }),
  hasMore: Type.Boolean(),
  /** One entry per type that has records this year (only the filtered type when filtering). */
  totals: Type.Array(YearTotalSchema),
})
export type ContributionsPage = Static<typeof ContributionsPageSchema>

export const ProofRequestSchema = Type.Object(
  { from: MonthSchema, to: MonthSchema },
  { additionalProperties: false },
)
export type ProofRequest = Static<typeof ProofRequestSchema>

export const ProofTypeSummarySchema = Type.Object({
  type: InsuranceTypeSchema,
  monthsPaid: Type.Integer({ minimum: 0 }),
  monthsInArrears: Type.Integer({ minimum: 0 }),
  personalCents: CentsSchema,
  employerCents: CentsSchema,
})
export type ProofTypeSummary = Static<typeof ProofTypeSummarySchema>

/** What a proof states: masked identity, the period and per-type totals. Never a full number. */
export const ProofContentSchema = Type.Object({
  /** 张*三 */
  name: Type.String(),
  /** 110***********1234 */
  idNumber: Type.String(),
  insuredCity: Type.String(),
  agency: Type.String(),
  from: MonthSchema,
  to: MonthSchema,
  types: Type.Array(ProofTypeSummarySchema),
})
export type ProofContent = Static<typeof ProofContentSchema>

export const ProofSchema = Type.Object({
  code: Type.String(),
  /** HMAC-signed statement of the proof (code, period, issue and expiry, content digest). */
  token: Type.String(),
  /** Where anyone can check the proof; what the QR code carries. */
  verifyUrl: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  content: ProofContentSchema,
})
export type Proof = Static<typeof ProofSchema>

export const ProofSummarySchema = Type.Object({
  code: Type.String(),
  from: MonthSchema,
  to: MonthSchema,
  issuedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  expired: Type.Boolean(),
})
export type ProofSummary = Static<typeof ProofSummarySchema>

export const ProofListSchema = Type.Object({ items: Type.Array(ProofSummarySchema) })
export type ProofList = Static<typeof ProofListSchema>

export const ProofParamsSchema = Type.Object({ code: Type.String({ pattern: PROOF_CODE_PATTERN }) })
export type ProofParams = Static<typeof ProofParamsSchema>

export const ProofVerifyQuerySchema = Type.Object(
  {
    /** Optional: the token handed out with the proof; when given it must match too. */
    token: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  },
  { additionalProperties: false },
)
export type ProofVerifyQuery = Static<typeof ProofVerifyQuerySchema>

/** A genuine proof, as a verifier sees it (failures are errors: 404, 410 PROOF_EXPIRED, 422 PROOF_INVALID). */
export const ProofVerificationSchema = Type.Object({
  genuine: Type.Literal(true),
  code: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  content: ProofContentSchema,
})
export type ProofVerification = Static<typeof ProofVerificationSchema>
