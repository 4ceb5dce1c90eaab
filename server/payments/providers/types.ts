/**
 * What every payment provider does for an order, whatever the platform: the same business
 * step (pay a fee, get it back, settle the day) in each platform's own protocol.
 */
import type { PayArgs } from '../../../src/contract/payments/schemas'
import type { PaymentProviderKey } from '../../../src/contract/payments/data'

export interface ProviderOrder {
  orderNo: string
  amountFen: number
  description: string
  /** WeChat openid / Alipay user id of the payer. */
  payer: string
  expiresAt: Date
}

/** What the platform says about an order (query on return, before closing, in notifications). */
export interface PlatformTrade {
  orderNo: string
  state: 'paid' | 'unpaid' | 'closed' | 'refunded' | 'unknown'
  tradeNo?: string
  /** What was paid, in fen (only when state is paid/refunded). */
  amountFen?: number
}

export interface RefundRequest {
  orderNo: string
  refundNo: string
  amountFen: number
  totalFen: number
  reason: string
}

export interface RefundResult {
  /** succeeded: the money is on its way back; pending: the platform is still processing, ask again later. */
  state: 'succeeded' | 'pending'
  platformRefundNo?: string
}

/** One line of a platform's bill for a day. */
export interface BillLine {
  orderNo: string
  tradeNo: string
  /** paid: a payment line; refunded: a refund line. */
  kind: 'paid' | 'refunded'
  amountFen: number
}

/** A verified notification: only what the platform signed. */
export interface VerifiedNotification {
  orderNo: string
  tradeNo: string
  paid: boolean
  amountFen: number
}

export interface NotificationInput {
  headers: Record<string, string | string[] | undefined>
  body: string
}

export interface PaymentProvider {
  key: PaymentProviderKey
  /** Creates the platform's prepay for the order and returns what the client's pay call needs. */
  prepare(order: ProviderOrder): Promise<{ pay: PayArgs; prepayRef: string }>
  /** The client's pay parameters again for a prepay already made (no new platform order). */
  payArgsFor?(order: ProviderOrder, prepayRef: string): PayArgs
  query(orderNo: string): Promise<PlatformTrade>
  close(orderNo: string): Promise<void>
  refund(request: RefundRequest): Promise<RefundResult>
  /** Throws NotificationRefused when the notification is not provably the platform's. */
  verifyNotification(input: NotificationInput): VerifiedNotification
  bill(date: string): Promise<BillLine[]>
}

export class NotificationRefused extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'NotificationRefused'
  }
}
