/**
 * Paying a fee inside the product (issue 21): words and plain values both sides import.
 * No TypeBox here, so a page can import it without the schema runtime in its bundle.
 * Amounts are always in fen (分), integers; the client never sends one.
 */

export type PaymentOrderStatus = 'unpaid' | 'paid' | 'refunded' | 'closed'

export const PAYMENT_ORDER_STATUSES: Record<PaymentOrderStatus, string> = {
  unpaid: '待支付',
  paid: '已支付',
  refunded: '已退款',
  closed: '已关闭',
}
export const PAYMENT_ORDER_STATUS_KEYS = Object.keys(PAYMENT_ORDER_STATUSES) as PaymentOrderStatus[]

/** Who takes the money: WeChat Pay, Alipay, or the development provider behind the H5 preview. */
export type PaymentProviderKey = 'weapp' | 'alipay' | 'h5dev'
export const PAYMENT_PROVIDERS: Record<PaymentProviderKey, string> = {
  weapp: '微信支付',
  alipay: '支付宝',
  h5dev: '模拟支付（体验环境）',
}
export const PAYMENT_PROVIDER_KEYS = Object.keys(PAYMENT_PROVIDERS) as PaymentProviderKey[]

/** What happened to an order, in the order's own timeline on the application page. */
export type PaymentEventKind = 'created' | 'paid' | 'closed' | 'refund_requested' | 'refunded' | 'refund_failed' | 'paid_after_close'
export const PAYMENT_EVENTS: Record<PaymentEventKind, string> = {
  created: '生成缴费单',
  paid: '已支付',
  closed: '缴费单已关闭',
  refund_requested: '已申请退款',
  refunded: '已退款',
  refund_failed: '退款未成功，将自动重试',
  paid_after_close: '缴费单关闭后收到付款，将原路退回',
}

export type RefundStatus = 'pending' | 'succeeded'
export const REFUND_STATUSES: Record<RefundStatus, string> = { pending: '退款中', succeeded: '已退款' }

/** How long a citizen has to pay an order before it closes itself. */
export const PAYMENT_TIME_LIMIT_MINUTES = 30

/** Reconciliation difference kinds. */
export type ReconciliationDifferenceKind = 'missing_in_bill' | 'missing_locally' | 'amount_mismatch' | 'status_mismatch'
export const RECONCILIATION_DIFFERENCES: Record<ReconciliationDifferenceKind, string> = {
  missing_in_bill: '平台账单中没有',
  missing_locally: '本系统没有该订单',
  amount_mismatch: '金额不一致',
  status_mismatch: '状态不一致',
}

export const MAX_PAYMENT_PAGE_SIZE = 50

/** The H5 preview's cashier answer (the development provider only; refused in production like the sandbox face). */
export const DEV_PAY_RESULT = 'sandbox-paid'

/** 120.00 元 from 12000 fen. */
export function yuanText(fen: number): string {
  return `${(fen / 100).toFixed(2)} 元`
}
