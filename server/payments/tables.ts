/**
 * The payments tables (migration 2026-12-06T14-00-00_payments), added to the app's Database
 * type by declaration merging, so this domain's tables live beside its code.
 */
import type { Generated } from 'kysely'
import type { PaymentOrderStatus, PaymentProviderKey, RefundStatus } from '../../src/contract/payments/data'

export interface ServiceFeesTable {
  item_code: string
  amount_fen: number
  basis: string
  collector: string
  updated_at: string
}

export interface PaymentOrdersTable {
  id: string
  order_no: string
  application_id: string
  /** The application id while open, paid or refunded; null once closed (unique: one live order per application). */
  open_key: string | null
  citizen_id: string
  item_code: string
  amount_fen: number
  description: string
  provider: PaymentProviderKey
  payer: string
  status: PaymentOrderStatus
  platform_trade_no: string | null
  prepay_ref: string | null
  created_at: string
  expires_at: string
  paid_at: string | null
  closed_at: string | null
  refunded_at: string | null
  updated_at: string
}

export interface PaymentEventsTable {
  id: Generated<number>
  order_id: string
  kind: string
  note: string | null
  at: string
}

export interface PaymentRefundsTable {
  refund_no: string
  order_id: string
  amount_fen: number
  reason: string
  status: RefundStatus
  attempts: Generated<number>
  platform_refund_no: string | null
  created_at: string
  finished_at: string | null
}

export interface PaymentNotificationsTable {
  id: Generated<number>
  provider: PaymentProviderKey
  order_no: string | null
  outcome: 'credited' | 'duplicate' | 'refused' | 'refunded_after_close'
  reason: string | null
  at: string
}

export interface PaymentReconciliationsTable {
  id: Generated<number>
  bill_date: string
  provider: PaymentProviderKey
  matched: number
  differences: string
  ran_at: string
}

declare module '../db/database' {
  interface Database {
    service_fees: ServiceFeesTable
    payment_orders: PaymentOrdersTable
    payment_events: PaymentEventsTable
    payment_refunds: PaymentRefundsTable
    payment_notifications: PaymentNotificationsTable
    payment_reconciliations: PaymentReconciliationsTable
  }
}
