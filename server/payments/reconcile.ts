/**
 * Reconciliation: the day's orders and refunds here against the platform's bill for that day
 * (China calendar day). Every difference is one line: paid here but not in the bill, in the
 * bill but unknown here, another amount, or a state that does not match (paid there, not
 * here; refunded there, not here). Each run is recorded for the console.
 */
import type { Kysely } from 'kysely'
import { RECONCILIATION_DIFFERENCES, yuanText, type PaymentProviderKey, type ReconciliationDifferenceKind } from '../../src/contract/payments/data'
import type { Database } from '../db/database'
import { dayRange } from './days'
import type { BillLine, PaymentProvider } from './providers/types'
import './tables'

export interface Difference {
  kind: ReconciliationDifferenceKind
  orderNo: string
  detail: string
}

export interface ReconciliationResult {
  provider: PaymentProviderKey
  billDate: string
  matched: number
  differences: Difference[]
}

export async function reconcile(db: Kysely<Database>, provider: PaymentProvider, billDate: string, now: Date): Promise<ReconciliationResult> {
  const { from, to } = dayRange(billDate)
  const bill = await provider.bill(billDate)
  const paidHere = await db
    .selectFrom('payment_orders')
    .select(['order_no', 'amount_fen', 'status', 'platform_trade_no'])
    .where('provider', '=', provider.key)
    .where('paid_at', '>=', from)
    .where('paid_at', '<', to)
    .execute()
  const refundedHere = await db
    .selectFrom('payment_refunds')
    .innerJoin('payment_orders', 'payment_orders.id', 'payment_refunds.order_id')
    .select(['payment_orders.order_no', 'payment_refunds.amount_fen'])
    .where('payment_orders.provider', '=', provider.key)
    .where('payment_refunds.status', '=', 'succeeded')
    .where('payment_refunds.finished_at', '>=', from)
    .where('payment_refunds.finished_at', '<', to)
    .execute()

  const differences: Difference[] = []
  let matched = 0
  const compare = (kind: BillLine['kind'], here: Map<string, number>) => {
    const lines = bill.filter((line) => line.kind === kind)
    const what = kind === 'paid' ? '支付' : '退款'
    const seen = new Set<string>()
    for (const line of lines) {
      seen.add(line.orderNo)
      const amount = here.get(line.orderNo)
      if (amount === undefined) {
        differences.push({ kind: 'missing_locally', orderNo: line.orderNo, detail: `平台账单有${what} ${yuanText(line.amountFen)}（${line.tradeNo}），本系统当日没有记录` })
      } else if (amount !== line.amountFen) {
        differences.push({ kind: 'amount_mismatch', orderNo: line.orderNo, detail: `${what}金额：本系统 ${yuanText(amount)}，平台账单 ${yuanText(line.amountFen)}` })
      } else matched += 1
    }
    for (const [orderNo, amount] of here) {
      if (!seen.has(orderNo)) differences.push({ kind: 'missing_in_bill', orderNo, detail: `本系统记为已${what} ${yuanText(amount)}` })
    }
  }
  compare('paid', new Map(paidHere.map((row) => [row.order_no, Number(row.amount_fen)])))
  compare('refunded', new Map(refundedHere.map((row) => [row.order_no, Number(row.amount_fen)])))

  // A bill line for an order we hold in another state (unpaid / closed here, paid there) is a status difference, not an unknown order.
  const unknown = differences.filter((difference) => difference.kind === 'missing_locally')
  if (unknown.length > 0) {
    const held = await db.selectFrom('payment_orders').select(['order_no', 'status', 'paid_at']).where('order_no', 'in', unknown.map((difference) => difference.orderNo)).execute()
    const byNo = new Map(held.map((row) => [row.order_no, row]))
    for (const difference of unknown) {
      const row = byNo.get(difference.orderNo)
      if (!row) continue
      difference.kind = 'status_mismatch'
      difference.detail = `${difference.detail.split('，')[0]}，本系统该订单为“${row.status}”${row.paid_at ? `（${row.paid_at} 支付）` : ''}`
    }
  }

  await db
    .insertInto('payment_reconciliations')
    .values({ bill_date: billDate, provider: provider.key, matched, differences: JSON.stringify(differences), ran_at: now.toISOString() })
    .execute()
  return { provider: provider.key, billDate, matched, differences }
}

/** Lines for a terminal: one per difference, then a summary. */
export function describeResult(result: ReconciliationResult): string[] {
  const lines = result.differences.map((difference) => `  ${RECONCILIATION_DIFFERENCES[difference.kind]}  ${difference.orderNo}  ${difference.detail}`)
  lines.push(`${result.provider} ${result.billDate}: ${result.matched} matched, ${result.differences.length} difference(s)`)
  return lines
}
