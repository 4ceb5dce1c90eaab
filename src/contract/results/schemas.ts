/**
 * Results delivered: the declaration a service item carries, the result a citizen sees, the
 * routes' inputs. Client: import types only (`import type`).
 */
import { Type, type Static } from '@sinclair/typebox'
import { FreeText } from '../schemas'
import { CERTIFICATE_TYPE_KEYS } from '../certificates/data'
import {
  CERTIFICATE_RESULT_SOURCES,
  DELIVERY_METHOD_KEYS,
  DELIVERY_PHONE_PATTERN,
  MAX_CERTIFICATE_VALID_YEARS,
  MAX_DELIVERY_ADDRESS_LENGTH,
  MAX_PROOF_VALID_DAYS,
  MIN_DELIVERY_ADDRESS_LENGTH,
  TRACKING_NUMBER_PATTERN,
} from './data'

const Title = Type.String({ minLength: 2, maxLength: 40 })
/** A form field key of the item's application form. */
const FieldKey = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' })

/**
 * What a service item delivers when it is 办结, declared as data per item:
 *   proof: a signed document; `statement` says what it proves, with {name}, {idNumber} and any
 *          {formField} filled from the application (masked identity only);
 *   money: the amount is the form field `amountField` (元), paid to the account in `accountField`;
 *          either absent: the amount is as paid (以到账为准) / no account was asked for;
 *   physical: the citizen chooses among `methods` (EMS with an address, or the counter);
 *   certificate: an e-certificate of `certificateType` issued into the citizen's wallet; `fields`
 *          gives each field of the type its source: a form field key, or $name / $idNumber (the
 *          registry's), $issuedOn (the 办结 date), $serial (a number the department assigns);
 *          valid for `validYears` (absent: 长期).
 */
export const ResultDeclarationSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('proof'),
      title: Title,
      statement: Type.String({ minLength: 4, maxLength: 300 }),
      validDays: Type.Integer({ minimum: 1, maximum: MAX_PROOF_VALID_DAYS }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('money'), title: Title, amountField: Type.Optional(FieldKey), accountField: Type.Optional(FieldKey) }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('physical'),
      title: Title,
      methods: Type.Array(Type.Union(DELIVERY_METHOD_KEYS.map((method) => Type.Literal(method))), { minItems: 1, maxItems: 2, uniqueItems: true }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('certificate'),
      title: Title,
      certificateType: Type.Union(CERTIFICATE_TYPE_KEYS.map((type) => Type.Literal(type))),
      fields: Type.Record(FieldKey, Type.Union([FieldKey, ...CERTIFICATE_RESULT_SOURCES.map((source) => Type.Literal(source))])),
      validYears: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_CERTIFICATE_VALID_YEARS })),
    },
    { additionalProperties: false },
  ),
])
export type ResultDeclaration = Static<typeof ResultDeclarationSchema>

const ProofStatusSchema = Type.Union([Type.Literal('valid'), Type.Literal('expired'), Type.Literal('invalid')])

export const IssuedProofSchema = Type.Object({
  /** XXXX-XXXX-XXXX, what a person types on the verification page. */
  code: Type.String(),
  /** The public, human-readable verification page; what the QR code carries. */
  verifyUrl: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  status: ProofStatusSchema,
  /** 张*三 */
  holderName: Type.String(),
  /** 110***********1234 */
  holderIdNumber: Type.String(),
  /** What it proves, filled in (masked identity only). */
  statement: Type.String(),
})
export type IssuedProof = Static<typeof IssuedProofSchema>

export const MoneyResultSchema = Type.Object({
  /** null when the application did not state it (the department tells the citizen). */
  amountCents: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  /** 6222 **** **** 1234, or null when no account was given. */
  account: Type.Union([Type.String(), Type.Null()]),
  paidAt: Type.String({ format: 'date-time' }),
})
export type MoneyResult = Static<typeof MoneyResultSchema>

export const DeliveryViewSchema = Type.Object({
  method: Type.Union(DELIVERY_METHOD_KEYS.map((method) => Type.Literal(method))),
  /** EMS: masked recipient, phone and address; counter: nothing. */
  recipient: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()),
  address: Type.Optional(Type.String()),
  /** Filled by the department once posted. */
  trackingNumber: Type.Union([Type.String(), Type.Null()]),
  chosenAt: Type.String({ format: 'date-time' }),
})
export type DeliveryView = Static<typeof DeliveryViewSchema>

export const PhysicalResultSchema = Type.Object({
  methods: Type.Array(Type.Union(DELIVERY_METHOD_KEYS.map((method) => Type.Literal(method)))),
  /** null until the citizen chooses. */
  delivery: Type.Union([DeliveryViewSchema, Type.Null()]),
  /** Where to collect it at the counter. */
  counterAddress: Type.String(),
})
export type PhysicalResult = Static<typeof PhysicalResultSchema>

/** One delivered result as its citizen sees it. */
/** A certificate result: the e-certificate now in the citizen's wallet (已放入您的证照夹). */
export const CertificateResultSchema = Type.Object({
  /** The certificate's id: its page in the wallet. */
  certificateId: Type.String(),
  /** 电子社会保障卡, 营业执照… */
  typeName: Type.String(),
  /** The certificate's number, masked as the wallet shows it. */
  number: Type.String(),
})
export type CertificateResult = Static<typeof CertificateResultSchema>

export const IssuedResultSchema = Type.Object({
  id: Type.String(),
  applicationId: Type.String(),
  itemCode: Type.String(),
  itemName: Type.String(),
  department: Type.String(),
  kind: Type.Union([Type.Literal('proof'), Type.Literal('money'), Type.Literal('physical'), Type.Literal('certificate')]),
  title: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  proof: Type.Optional(IssuedProofSchema),
  money: Type.Optional(MoneyResultSchema),
  physical: Type.Optional(PhysicalResultSchema),
  certificate: Type.Optional(CertificateResultSchema),
})
export type IssuedResult = Static<typeof IssuedResultSchema>

export const ResultListSchema = Type.Object({ items: Type.Array(IssuedResultSchema) })
export type ResultList = Static<typeof ResultListSchema>

/** An application's result: null while it is not 办结 (or its item delivers nothing online). */
export const ApplicationResultSchema = Type.Object({ result: Type.Union([IssuedResultSchema, Type.Null()]) })
export type ApplicationResult = Static<typeof ApplicationResultSchema>

export const ResultParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) })
export type ResultParams = Static<typeof ResultParamsSchema>

export const DownloadLinkSchema = Type.Object({
  /**
   * Signed, short-lived, under the API the client already talks to (its apiBase + this path):
   * downloadFile on the mini programs, a link on H5.
   */
  path: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  fileName: Type.String(),
})
export type DownloadLink = Static<typeof DownloadLinkSchema>

export const DownloadParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) })
export const DownloadQuerySchema = Type.Object(
  {
    /** Expiry, seconds since the epoch. */
    e: Type.String({ pattern: '^[0-9]{1,12}$' }),
    /** HMAC of the result id and expiry. */
    s: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
  },
  { additionalProperties: false },
)
export type DownloadQuery = Static<typeof DownloadQuerySchema>

/** The citizen's choice for a physical result. */
export const DeliveryChoiceSchema = Type.Union([
  Type.Object(
    {
      method: Type.Literal('ems'),
      recipient: FreeText({ minLength: 2, maxLength: 20 }),
      phone: Type.String({ pattern: DELIVERY_PHONE_PATTERN }),
      address: FreeText({ minLength: MIN_DELIVERY_ADDRESS_LENGTH, maxLength: MAX_DELIVERY_ADDRESS_LENGTH }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ method: Type.Literal('counter') }, { additionalProperties: false }),
])
export type DeliveryChoice = Static<typeof DeliveryChoiceSchema>

export const TrackingRequestSchema = Type.Object({ trackingNumber: Type.String({ pattern: TRACKING_NUMBER_PATTERN }) }, { additionalProperties: false })
export type TrackingRequest = Static<typeof TrackingRequestSchema>

/** The amount the department paid out on a money result (fen; at most 1,000,000 元 for one payment). */
export const PayoutRequestSchema = Type.Object({ amountCents: Type.Integer({ minimum: 1, maximum: 100_000_000 }) }, { additionalProperties: false })
export type PayoutRequest = Static<typeof PayoutRequestSchema>

/** The reviewer's view of an application's result (masked), for the console drawer. */
export const OperatorResultSchema = Type.Object({ result: Type.Union([IssuedResultSchema, Type.Null()]) })
export type OperatorResult = Static<typeof OperatorResultSchema>

export const VerifyPageParamsSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) })
