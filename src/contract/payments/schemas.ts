/**
 * Payments contract (issue 21).
 *
 * Routes (L4 = a proven session; another citizen's application is 404):
 *   GET  /api/services/:code/fee                          public  ServiceFeeAnswer: { fee: ServiceFee | null } (amount in fen, basis, collector; null = free)
 *   GET  /api/applications/:id/payment                    L4      ApplicationPayment (the fee and the order, if any)
 *   POST /api/applications/:id/payment                    L4      → PaymentStart: the order (created once per application, idempotent)
 *                                                                 and what this platform's pay call needs (requestPayment / tradePay / dev)
 *   POST /api/applications/:id/payment/confirm            L4      PaymentConfirm? → ApplicationPayment: asks the platform (query on return); the client's word is no proof
 *                                                                 (the H5 development provider, refused in production, takes its cashier's devResult here)
 *   POST /api/payments/notify/wechat                      WeChat Pay v3 notification (signed, resource encrypted)
 *   POST /api/payments/notify/alipay                      Alipay asynchronous notification (form, RSA2)
 *   GET  /api/operator/payments/orders?itemCode=&status=&page=   reviewer  PaymentOrderPage
 *   GET  /api/operator/payments/refunds?page=                    reviewer  RefundPage
 *   GET  /api/operator/payments/reconciliations?page=            admin     ReconciliationPage
 *
 * Client: import types only.
 */
import { Type, type Static } from '@sinclair/typebox'
import { DEV_PAY_RESULT, MAX_PAYMENT_PAGE_SIZE, PAYMENT_EVENTS, PAYMENT_ORDER_STATUS_KEYS, PAYMENT_PROVIDER_KEYS, REFUND_STATUSES } from './data'

export type { PaymentEventKind, PaymentOrderStatus, PaymentProviderKey, RefundStatus } from './data'

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)))

export const PaymentOrderStatusSchema = literals(PAYMENT_ORDER_STATUS_KEYS)
export const PaymentProviderSchema = literals(PAYMENT_PROVIDER_KEYS)
const ItemCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })
const ApplicationId = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' })
const Time = Type.String({ description: 'ISO 8601 in UTC' })

export const ServiceFeeParamsSchema = Type.Object({ code: ItemCode }, { additionalProperties: false })

export const ServiceFeeSchema = Type.Object({
  itemCode: Type.String(),
  /** In fen; 0 = free. */
  amountFen: Type.Integer({ minimum: 0 }),
  amountText: Type.String(),
  basis: Type.String(),
  collector: Type.String(),
})
export type ServiceFee = Static<typeof ServiceFeeSchema>

export const ServiceFeeAnswerSchema = Type.Object({ fee: Type.Union([ServiceFeeSchema, Type.Null()]) })
export type ServiceFeeAnswer = Static<typeof ServiceFeeAnswerSchema>

export const PaymentEventSchema = Type.Object({
  kind: literals(Object.keys(PAYMENT_EVENTS) as (keyof typeof PAYMENT_EVENTS)[]),
  kindName: Type.String(),
  at: Time,
  note: Type.Union([Type.String(), Type.Null()]),
})

export const PaymentOrderSchema = Type.Object({
  orderNo: Type.String(),
  amountFen: Type.Integer(),
  amountText: Type.String(),
  description: Type.String(),
  provider: PaymentProviderSchema,
  providerName: Type.String(),
  status: PaymentOrderStatusSchema,
  statusName: Type.String(),
  createdAt: Time,
  /** Pay before this; the client counts down to it. */
  expiresAt: Time,
  paidAt: Type.Union([Time, Type.Null()]),
  refundedAt: Type.Union([Time, Type.Null()]),
  timeline: Type.Array(PaymentEventSchema),
})
export type PaymentOrder = Static<typeof PaymentOrderSchema>

export const ApplicationPaymentSchema = Type.Object({
  applicationId: Type.String(),
  /** null: the item charges nothing. */
  fee: Type.Union([ServiceFeeSchema, Type.Null()]),
  order: Type.Union([PaymentOrderSchema, Type.Null()]),
  /** Whether a new or existing order can be paid now (a fee, the application still open, nothing paid yet). */
  canPay: Type.Boolean(),
})
export type ApplicationPayment = Static<typeof ApplicationPaymentSchema>

export const PaymentParamsSchema = Type.Object({ id: ApplicationId }, { additionalProperties: false })

/** wx.requestPayment's arguments (JSAPI v3: signType RSA, paySign over appId, timeStamp, nonceStr, package). */
export const WechatPayArgsSchema = Type.Object({
  platform: Type.Literal('weapp'),
  timeStamp: Type.String(),
  nonceStr: Type.String(),
  package: Type.String(),
  signType: Type.Literal('RSA'),
  paySign: Type.String(),
})
/** my.tradePay's argument: the trade number alipay.trade.create returned. */
export const AlipayPayArgsSchema = Type.Object({ platform: Type.Literal('alipay'), tradeNO: Type.String() })
/** The development provider: the preview's cashier answers devResult, sent with the confirm. */
export const DevPayArgsSchema = Type.Object({ platform: Type.Literal('h5dev'), orderNo: Type.String() })
export const PayArgsSchema = Type.Union([WechatPayArgsSchema, AlipayPayArgsSchema, DevPayArgsSchema])
export type PayArgs = Static<typeof PayArgsSchema>

export const PaymentStartSchema = Type.Object({ payment: ApplicationPaymentSchema, pay: PayArgsSchema })
export type PaymentStart = Static<typeof PaymentStartSchema>

/** What the platform's cashier answered; only the development provider's answer means anything to the server. */
export const PaymentConfirmSchema = Type.Object({ devResult: Type.Optional(Type.Literal(DEV_PAY_RESULT)) }, { additionalProperties: false })
export type PaymentConfirm = Static<typeof PaymentConfirmSchema>

// --- operator ------------------------------------------------------------------------------------

export const PaymentOrderQuerySchema = Type.Object({
  itemCode: Type.Optional(ItemCode),
  status: Type.Optional(PaymentOrderStatusSchema),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAYMENT_PAGE_SIZE })),
}, { additionalProperties: false })
export const PagingQuerySchema = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAYMENT_PAGE_SIZE })),
}, { additionalProperties: false })

export const OperatorPaymentOrderSchema = Type.Object({
  orderNo: Type.String(),
  applicationNumber: Type.String(),
  itemCode: Type.String(),
  itemName: Type.String(),
  amountFen: Type.Integer(),
  amountText: Type.String(),
  provider: PaymentProviderSchema,
  providerName: Type.String(),
  status: PaymentOrderStatusSchema,
  statusName: Type.String(),
  platformTradeNo: Type.Union([Type.String(), Type.Null()]),
  createdAt: Time,
  paidAt: Type.Union([Time, Type.Null()]),
})
export type OperatorPaymentOrder = Static<typeof OperatorPaymentOrderSchema>
export const PaymentOrderPageSchema = Type.Object({
  items: Type.Array(OperatorPaymentOrderSchema),
  /** Orders per service and state, over the filter's service (all services when none). */
  counts: Type.Array(Type.Object({ itemCode: Type.String(), itemName: Type.String(), status: PaymentOrderStatusSchema, count: Type.Integer() })),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  total: Type.Integer(),
})
export type PaymentOrderPage = Static<typeof PaymentOrderPageSchema>

export const RefundViewSchema = Type.Object({
  refundNo: Type.String(),
  orderNo: Type.String(),
  provider: PaymentProviderSchema,
  amountFen: Type.Integer(),
  amountText: Type.String(),
  reason: Type.String(),
  status: literals(Object.keys(REFUND_STATUSES) as (keyof typeof REFUND_STATUSES)[]),
  statusName: Type.String(),
  attempts: Type.Integer(),
  createdAt: Time,
  finishedAt: Type.Union([Time, Type.Null()]),
})
export type RefundView = Static<typeof RefundViewSchema>
export const RefundPageSchema = Type.Object({ items: Type.Array(RefundViewSchema), page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer() })
export type RefundPage = Static<typeof RefundPageSchema>

export const ReconciliationDifferenceSchema = Type.Object({
  kind: Type.String(),
  kindName: Type.String(),
  orderNo: Type.String(),
  detail: Type.String(),
})
export const ReconciliationViewSchema = Type.Object({
  id: Type.Integer(),
  billDate: Type.String(),
  provider: PaymentProviderSchema,
  providerName: Type.String(),
  ranAt: Time,
  matched: Type.Integer(),
  differences: Type.Array(ReconciliationDifferenceSchema),
})
export type ReconciliationView = Static<typeof ReconciliationViewSchema>
export const ReconciliationPageSchema = Type.Object({ items: Type.Array(ReconciliationViewSchema), page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer() })
export type ReconciliationPage = Static<typeof ReconciliationPageSchema>
