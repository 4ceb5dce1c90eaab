/**
 * Paying an application's fee: the order, the platform's prepay, crediting (notification or
 * query on return, whichever comes first: the conditional update credits once), closing an
 * unpaid order past its time limit, and refunds when the application ends without being
 * handled (withdrawn before acceptance, 不予受理) or money arrives for a closed order.
 *
 * The amount is always the server's: the item's fee when the order is made, and a
 * notification or query that reports another amount is refused, never credited.
 */
import type { Kysely } from 'kysely'
import { PAYMENT_EVENTS, PAYMENT_ORDER_STATUSES, PAYMENT_PROVIDERS, PAYMENT_TIME_LIMIT_MINUTES, yuanText, type PaymentProviderKey } from '../../src/contract/payments/data'
import type { ApplicationPayment, PaymentOrder, PaymentStart } from '../../src/contract/payments/schemas'
import { FINAL_APPLICATION_STATUSES, type ApplicationStatus } from '../../src/contract/applications/data'
import type { ApplicationRow } from '../applications/store'
import { itemNames } from '../applications/items'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import { AppError } from '../errors'
import type { ProviderLogger } from '../identity/providers/upstream'
import { dayOf } from './days'
import { feeOf } from './fees'
import { createOrderStore, type OrderRow, type RefundRow } from './orders'
import { NotificationRefused, type NotificationInput, type PaymentProvider, type PlatformTrade } from './providers/types'
import type { DevPaymentProvider } from './providers/dev-pay'

export type PaymentProviders = { weapp?: PaymentProvider; alipay?: PaymentProvider; h5dev?: DevPaymentProvider }

/** Application statuses that end it without the service being given: the fee goes back. */
export const REFUNDING_STATUSES: readonly ApplicationStatus[] = ['withdrawn', 'rejected']

export const REFUND_REASONS: Partial<Record<ApplicationStatus, string>> = {
  withdrawn: '申请已在受理前撤回，费用原路退回',
  rejected: '申请不予受理，费用原路退回',
}
const PAID_AFTER_CLOSE_REASON = '缴费单关闭后收到的付款，原路退回'

export interface PaymentsServiceOptions {
  db: Kysely<Database>
  clock: Clock
  providers: PaymentProviders
  logger: ProviderLogger
}

const notConfigured = () => new AppError('CONFLICT', { message: '当前环境暂不支持在线缴费，请按办事指南到窗口缴费' })

export function createPaymentsService({ db, clock, providers, logger }: PaymentsServiceOptions) {
  const orders = createOrderStore(db)
  const providerOf = (key: PaymentProviderKey): PaymentProvider | undefined => providers[key]

  async function orderView(order: OrderRow): Promise<PaymentOrder> {
    const events = await orders.events(order.id)
    const amountFen = Number(order.amount_fen)
    return {
      orderNo: order.order_no,
      amountFen,
      amountText: yuanText(amountFen),
      description: order.description,
      provider: order.provider,
      providerName: PAYMENT_PROVIDERS[order.provider],
      status: order.status,
      statusName: PAYMENT_ORDER_STATUSES[order.status],
      createdAt: order.created_at,
      expiresAt: order.expires_at,
      paidAt: order.paid_at,
      refundedAt: order.refunded_at,
      timeline: events.map((event) => ({ kind: event.kind as keyof typeof PAYMENT_EVENTS, kindName: PAYMENT_EVENTS[event.kind as keyof typeof PAYMENT_EVENTS] ?? event.kind, at: event.at, note: event.note })),
    }
  }

  /** Refunds a paid order once (the refund row is created once), trying the platform now; a failure is retried by the sweep. */
  async function refund(order: OrderRow, reason: string): Promise<void> {
    const { refund: row } = await orders.refundFor(order, reason, clock())
    if (row.status === 'pending') await attemptRefund(row, order)
  }

  async function attemptRefund(row: RefundRow, order?: OrderRow): Promise<void> {
    const theOrder = order ?? (await orders.byId(row.order_id))
    if (!theOrder) return
    const provider = providerOf(theOrder.provider)
    if (!provider) {
      logger.error({ orderNo: theOrder.order_no, provider: theOrder.provider }, 'payments: refund waits: the provider is not configured')
      await orders.refundAttemptFailed(row, clock())
      return
    }
    try {
      const result = await provider.refund({ orderNo: theOrder.order_no, refundNo: row.refund_no, amountFen: Number(row.amount_fen), totalFen: Number(theOrder.amount_fen), reason: row.reason })
      if (result.state === 'succeeded') await orders.refundSucceeded(row, result.platformRefundNo, clock())
      else await orders.refundAttemptFailed(row, clock())
    } catch (error) {
      logger.warn({ orderNo: theOrder.order_no, refundNo: row.refund_no, reason: error instanceof Error ? error.message : String(error) }, 'payments: refund not accepted yet; the sweep retries it')
      await orders.refundAttemptFailed(row, clock())
    }
  }

  type CreditOutcome = 'credited' | 'duplicate' | 'refunded_after_close'

  /**
   * Credits a payment the platform proved (a verified notification or its answer to our
   * query). Refused — and recorded — for an unknown order or another amount.
   */
  async function credit(providerKey: PaymentProviderKey, trade: { orderNo: string; tradeNo: string; amountFen: number }): Promise<CreditOutcome> {
    const order = await orders.byOrderNo(trade.orderNo)
    if (!order || order.provider !== providerKey) throw new NotificationRefused('unknown order')
    if (trade.amountFen !== Number(order.amount_fen)) throw new NotificationRefused(`amount ${trade.amountFen} differs from the order's ${order.amount_fen}`)
    if (await orders.markPaid(order, 'unpaid', trade.tradeNo, clock())) {
      // Paid while the application was being withdrawn or refused: the money goes back at once.
      const application = await db.selectFrom('applications').select('status').where('id', '=', order.application_id).executeTakeFirst()
      if (application && REFUNDING_STATUSES.includes(application.status)) await refund({ ...order, status: 'paid' }, REFUND_REASONS[application.status]!)
      return 'credited'
    }
    if (await orders.markPaid(order, 'closed', trade.tradeNo, clock())) {
      await refund({ ...order, status: 'paid' }, PAID_AFTER_CLOSE_REASON)
      return 'refunded_after_close'
    }
    return 'duplicate'
  }

  /** Asks the platform about an unpaid order and credits it if it was paid. */
  async function settleFromPlatform(order: OrderRow): Promise<PlatformTrade | undefined> {
    const provider = providerOf(order.provider)
    if (!provider || order.status !== 'unpaid') return undefined
    const trade = await provider.query(order.order_no)
    if ((trade.state === 'paid' || trade.state === 'refunded') && trade.amountFen !== undefined) {
      try {
        await credit(order.provider, { orderNo: order.order_no, tradeNo: trade.tradeNo ?? '', amountFen: trade.amountFen })
      } catch (error) {
        if (!(error instanceof NotificationRefused)) throw error
        logger.error({ orderNo: order.order_no, reason: error.message, securityEvent: 'payment_query_mismatch' }, 'payments: the platform reports a payment that does not match the order; not credited')
      }
    }
    return trade
  }

  /** Closes an unpaid order (after checking it was not paid meanwhile), at the platform and here. */
  async function close(order: OrderRow, note: string): Promise<void> {
    const provider = providerOf(order.provider)
    if (provider && order.prepay_ref) {
      const trade = await settleFromPlatform(order)
      if (trade?.state === 'paid') return
      await provider.close(order.order_no)
    }
    await orders.markClosed(order, note, clock())
  }

  async function applicationPayment(application: ApplicationRow): Promise<ApplicationPayment> {
    const fee = await feeOf(db, application.item_code)
    let order = await orders.latestFor(application.id)
    // An unpaid order past its time limit closes itself when seen (the sweep does the rest).
    if (order && order.status === 'unpaid' && order.expires_at <= clock().toISOString()) {
      try {
        await close(order, `超过 ${PAYMENT_TIME_LIMIT_MINUTES} 分钟未支付`)
      } catch (error) {
        logger.warn({ orderNo: order.order_no, reason: error instanceof Error ? error.message : String(error) }, 'payments: could not close an expired order yet')
      }
      order = await orders.byId(order.id)
    }
    const open = !FINAL_APPLICATION_STATUSES.includes(application.status)
    // The live order (open_key) decides; a closed one, even refunded after a late payment, leaves the fee to pay.
    const live = await orders.liveFor(application.id)
    return {
      applicationId: application.id,
      fee,
      order: order ? await orderView(order) : null,
      canPay: open && fee !== null && fee.amountFen > 0 && (!live || live.status === 'unpaid'),
    }
  }

  return {
    orders,
    applicationPayment,

    /** Creates (or finds) the application's order and prepares the platform's pay call. */
    async start(application: ApplicationRow, payer: { platform: PaymentProviderKey; subject: string }): Promise<PaymentStart> {
      const before = await applicationPayment(application)
      if (!before.fee || before.fee.amountFen === 0) throw new AppError('CONFLICT', { message: '该事项不收费，无需缴费' })
      if (FINAL_APPLICATION_STATUSES.includes(application.status)) throw new AppError('CONFLICT', { message: '申请已结束，不能再缴费' })
      if (!before.canPay && before.order) throw new AppError('CONFLICT', { message: `该申请的费用${before.order.statusName}，无需再次缴费` })
      const provider = providerOf(payer.platform)
      if (!provider) throw notConfigured()
      const now = clock()
      const names = await itemNames(db, [application.item_code])
      const itemName = names.get(application.item_code)?.name ?? application.item_code
      const { order } = await orders.createOrFind(
        {
          application_id: application.id,
          citizen_id: application.citizen_id,
          item_code: application.item_code,
          amount_fen: before.fee.amountFen,
          description: `${itemName}（${before.fee.basis}）`.slice(0, 60),
          provider: payer.platform,
          payer: payer.subject,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + PAYMENT_TIME_LIMIT_MINUTES * 60_000).toISOString(),
        },
        now,
      )
      if (order.provider !== payer.platform) {
        throw new AppError('CONFLICT', { message: `该缴费单已在${PAYMENT_PROVIDERS[order.provider]}中生成，请在原平台完成支付，或等待缴费单关闭后重新缴费` })
      }
      const providerOrder = { orderNo: order.order_no, amountFen: Number(order.amount_fen), description: order.description, payer: order.payer, expiresAt: new Date(order.expires_at) }
      let pay
      if (order.prepay_ref && provider.payArgsFor) pay = provider.payArgsFor(providerOrder, order.prepay_ref)
      else {
        const prepared = await provider.prepare(providerOrder)
        await orders.setPrepay(order, prepared.prepayRef, now)
        pay = prepared.pay
      }
      return { payment: await applicationPayment(application), pay }
    },

    /**
     * Query on return: the client says it paid; only the platform's answer counts. The
     * development provider (H5 preview) takes the preview cashier's word first, since it is
     * that cashier — then the same query path credits it.
     */
    async confirm(application: ApplicationRow, options: { paidInPreview?: boolean } = {}): Promise<ApplicationPayment> {
      const order = await orders.liveFor(application.id)
      if (order && order.status === 'unpaid') {
        if (order.provider === 'h5dev' && options.paidInPreview) {
          if (!providers.h5dev) throw new AppError('FORBIDDEN', { message: '模拟支付未开启（仅体验环境可用）' })
          providers.h5dev.pay(order.order_no, dayOf(clock()))
        }
        await settleFromPlatform(order)
      }
      return applicationPayment(application)
    },

    /** A platform's notification: verified, then credited once. Refusals are recorded with the reason. */
    async notification(providerKey: 'weapp' | 'alipay', input: NotificationInput): Promise<{ accepted: boolean; reason?: string }> {
      const provider = providerOf(providerKey)
      if (!provider) return { accepted: false, reason: 'provider not configured' }
      let orderNo: string | null = null
      try {
        const verified = provider.verifyNotification(input)
        orderNo = verified.orderNo
        if (!verified.paid) {
          await orders.recordNotification(providerKey, orderNo, 'duplicate', 'not a payment (state only)', clock())
          return { accepted: true }
        }
        const outcome = await credit(providerKey, verified)
        await orders.recordNotification(providerKey, orderNo, outcome, null, clock())
        return { accepted: true }
      } catch (error) {
        if (!(error instanceof NotificationRefused)) throw error
        logger.warn({ provider: providerKey, orderNo, reason: error.message, securityEvent: 'payment_notification_refused' }, 'payments: notification refused')
        await orders.recordNotification(providerKey, orderNo, 'refused', error.message, clock())
        return { accepted: false, reason: error.message }
      }
    },

    /** The application ended (withdrawn / 不予受理 / any final status): close an unpaid order, refund a paid one where the status calls for it. */
    async applicationEnded(applicationId: string, status: ApplicationStatus): Promise<void> {
      const order = await orders.liveFor(applicationId)
      if (!order) return
      if (order.status === 'unpaid') await close(order, '申请已结束，缴费单关闭')
      else if (order.status === 'paid' && REFUNDING_STATUSES.includes(status)) await refund(order, REFUND_REASONS[status]!)
    },

    /** Closes unpaid orders past their time limit and retries pending refunds. */
    async sweep(): Promise<{ closed: number; refundsTried: number }> {
      let closed = 0
      for (const order of await orders.expiredUnpaid(clock())) {
        try {
          await close(order, `超过 ${PAYMENT_TIME_LIMIT_MINUTES} 分钟未支付`)
          closed += 1
        } catch (error) {
          logger.warn({ orderNo: order.order_no, reason: error instanceof Error ? error.message : String(error) }, 'payments: could not close an expired order yet')
        }
      }
      const pending = await orders.pendingRefunds()
      for (const row of pending) await attemptRefund(row)
      return { closed, refundsTried: pending.length }
    },
  }
}

export type PaymentsService = ReturnType<typeof createPaymentsService>
