/**
 * Payment orders and their timeline: every state change is one conditional update (`where
 * status = from`) and its event in one transaction, so concurrent notifications, the
 * client's return query and the sweep can all race and the order still moves once.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { PaymentEventKind, PaymentOrderStatus, PaymentProviderKey } from '../../src/contract/payments/data'
import type { Database } from '../db/database'
import { isUniqueViolation } from '../db/unique-violation'
import type { PaymentOrdersTable, PaymentRefundsTable } from './tables'
import './tables'

export type OrderRow = Selectable<PaymentOrdersTable>
export type RefundRow = Selectable<PaymentRefundsTable>
type Db = Kysely<Database> | Transaction<Database>

/** China calendar day (UTC+8) as digits, for order numbers: 20261206. */
function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '')
}

/** out_trade_no: "GM" + the China day + 16 random hex digits (26 characters, within both platforms' limits). */
export function newOrderNo(now: Date): string {
  return `GM${chinaDay(now)}${randomBytes(8).toString('hex').toUpperCase()}`
}

/** The refund number sent as out_refund_no / out_request_no: derived from the order, so a retry is the same refund. */
export function refundNoOf(orderNo: string): string {
  return `RF${orderNo.slice(2)}`
}

export async function addEvent(db: Db, orderId: string, kind: PaymentEventKind, at: string, note: string | null = null): Promise<void> {
  await db.insertInto('payment_events').values({ order_id: orderId, kind, note, at }).execute()
}

export function createOrderStore(db: Kysely<Database>) {
  return {
    byOrderNo: (orderNo: string) => db.selectFrom('payment_orders').selectAll().where('order_no', '=', orderNo).executeTakeFirst(),
    byId: (id: string) => db.selectFrom('payment_orders').selectAll().where('id', '=', id).executeTakeFirst(),

    /** The application's live order (unpaid, paid or refunded), if any. */
    liveFor: (applicationId: string) => db.selectFrom('payment_orders').selectAll().where('open_key', '=', applicationId).executeTakeFirst(),

    /** The application's newest order of any state (a closed one included), for the page. */
    latestFor: (applicationId: string) =>
      db.selectFrom('payment_orders').selectAll().where('application_id', '=', applicationId).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst(),

    events: (orderId: string) => db.selectFrom('payment_events').selectAll().where('order_id', '=', orderId).orderBy('id').execute(),

    /**
     * Creates the application's order, or finds the live one: two creates at once make one
     * order (open_key is unique; the loser reads the winner's).
     */
    async createOrFind(values: Omit<OrderRow, 'id' | 'order_no' | 'open_key' | 'status' | 'platform_trade_no' | 'prepay_ref' | 'paid_at' | 'closed_at' | 'refunded_at' | 'updated_at'>, now: Date): Promise<{ order: OrderRow; created: boolean }> {
      const existing = await this.liveFor(values.application_id)
      if (existing) return { order: existing, created: false }
      const at = now.toISOString()
      const order: OrderRow = {
        ...values,
        id: randomBytes(16).toString('base64url'),
        order_no: newOrderNo(now),
        open_key: values.application_id,
        status: 'unpaid',
        platform_trade_no: null,
        prepay_ref: null,
        paid_at: null,
        closed_at: null,
        refunded_at: null,
        updated_at: at,
      }
      try {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('payment_orders').values(order).execute()
          await addEvent(trx, order.id, 'created', at, null)
        })
        return { order, created: true }
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
        const winner = await this.liveFor(values.application_id)
        if (!winner) throw error
        return { order: winner, created: false }
      }
    },

    async setPrepay(order: OrderRow, prepayRef: string, now: Date): Promise<void> {
      await db.updateTable('payment_orders').set({ prepay_ref: prepayRef, updated_at: now.toISOString() }).where('id', '=', order.id).where('status', '=', 'unpaid').execute()
    },

    /**
     * Marks the order paid, from `from` (unpaid; or closed for money that arrived after it
     * closed). True only for the one caller that moved it.
     */
    async markPaid(order: OrderRow, from: 'unpaid' | 'closed', tradeNo: string, now: Date): Promise<boolean> {
      const at = now.toISOString()
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('payment_orders')
          .set({ status: 'paid', paid_at: at, platform_trade_no: tradeNo || null, updated_at: at })
          .where('id', '=', order.id)
          .where('status', '=', from)
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) !== 1) return false
        await addEvent(trx, order.id, from === 'unpaid' ? 'paid' : 'paid_after_close', at, null)
        return true
      })
    },

    async markClosed(order: OrderRow, note: string, now: Date): Promise<boolean> {
      const at = now.toISOString()
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('payment_orders')
          .set({ status: 'closed', closed_at: at, open_key: null, updated_at: at })
          .where('id', '=', order.id)
          .where('status', '=', 'unpaid')
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) !== 1) return false
        await addEvent(trx, order.id, 'closed', at, note)
        return true
      })
    },

    /** The order's one refund: created once (refund_no is derived from the order), found again after. */
    async refundFor(order: OrderRow, reason: string, now: Date): Promise<{ refund: RefundRow; created: boolean }> {
      const at = now.toISOString()
      const refund: RefundRow = { refund_no: refundNoOf(order.order_no), order_id: order.id, amount_fen: Number(order.amount_fen), reason, status: 'pending', attempts: 0, platform_refund_no: null, created_at: at, finished_at: null }
      const created = await db.transaction().execute(async (trx) => {
        const result = await trx.insertInto('payment_refunds').values(refund).onConflict((conflict) => conflict.column('order_id').doNothing()).executeTakeFirst()
        if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false
        await addEvent(trx, order.id, 'refund_requested', at, reason)
        return true
      })
      const row = await db.selectFrom('payment_refunds').selectAll().where('order_id', '=', order.id).executeTakeFirstOrThrow()
      return { refund: row, created }
    },

    async refundAttemptFailed(refund: RefundRow, now: Date): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('payment_refunds').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('refund_no', '=', refund.refund_no).execute()
        // Said once on the timeline; later retries are counted, not repeated.
        if (Number(refund.attempts) === 0) await addEvent(trx, refund.order_id, 'refund_failed', now.toISOString(), null)
      })
    },

    /** Records the refund as done and the order as refunded; true only for the caller that finished it. */
    async refundSucceeded(refund: RefundRow, platformRefundNo: string | undefined, now: Date): Promise<boolean> {
      const at = now.toISOString()
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('payment_refunds')
          .set((eb) => ({ status: 'succeeded', finished_at: at, platform_refund_no: platformRefundNo ?? null, attempts: eb('attempts', '+', 1) }))
          .where('refund_no', '=', refund.refund_no)
          .where('status', '=', 'pending')
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) !== 1) return false
        await trx.updateTable('payment_orders').set({ status: 'refunded', refunded_at: at, updated_at: at }).where('id', '=', refund.order_id).where('status', '=', 'paid').execute()
        await addEvent(trx, refund.order_id, 'refunded', at, refund.reason)
        return true
      })
    },

    pendingRefunds: () => db.selectFrom('payment_refunds').selectAll().where('status', '=', 'pending').orderBy('created_at').limit(100).execute(),

    expiredUnpaid: (now: Date) =>
      db.selectFrom('payment_orders').selectAll().where('status', '=', 'unpaid').where('expires_at', '<=', now.toISOString()).orderBy('expires_at').limit(100).execute(),

    async recordNotification(provider: PaymentProviderKey, orderNo: string | null, outcome: 'credited' | 'duplicate' | 'refused' | 'refunded_after_close', reason: string | null, now: Date): Promise<void> {
      await db.insertInto('payment_notifications').values({ provider, order_no: orderNo, outcome, reason, at: now.toISOString() }).execute()
    },
  }
}

export type OrderStore = ReturnType<typeof createOrderStore>
export type { PaymentOrderStatus }
