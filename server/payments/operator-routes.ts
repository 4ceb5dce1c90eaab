import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CONSOLE_ACCESS } from '../../src/contract/console/data'
import { PAYMENT_ORDER_STATUSES, PAYMENT_PROVIDERS, RECONCILIATION_DIFFERENCES, REFUND_STATUSES, yuanText, type ReconciliationDifferenceKind } from '../../src/contract/payments/data'
import { PagingQuerySchema, PaymentOrderPageSchema, PaymentOrderQuerySchema, ReconciliationPageSchema, RefundPageSchema } from '../../src/contract/payments/schemas'
import { itemNames } from '../applications/items'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { requireRole } from '../plugins/require-role'
import './tables'

const REVIEWERS_ONLY = '只有审核人员可以查看缴费单和退款'
const ADMIN_ONLY = '只有管理员可以查看对账结果'

/** The console's 缴费: orders by service and state, refunds, reconciliation results. Amounts only: no payer is shown. */
export const paymentOperatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  noStore(app)

  app.get(
    '/api/operator/payments/orders',
    {
      preHandler: requireRole(app, CONSOLE_ACCESS['GET /api/operator/payments/orders'], REVIEWERS_ONLY),
      schema: {
        summary: 'Payment orders, newest first, by service and state, with the counts per service and state',
        tags: ['operator'],
        querystring: PaymentOrderQuerySchema,
        response: withErrors(PaymentOrderPageSchema, [400, 401, 403]),
      },
    },
    async (request) => {
      const { itemCode, status, page = 1, pageSize = 20 } = request.query
      let query = app.db.selectFrom('payment_orders')
      if (itemCode) query = query.where('payment_orders.item_code', '=', itemCode)
      if (status) query = query.where('payment_orders.status', '=', status)
      const rows = await query
        .innerJoin('applications', 'applications.id', 'payment_orders.application_id')
        .select(['payment_orders.order_no', 'payment_orders.item_code', 'payment_orders.amount_fen', 'payment_orders.provider', 'payment_orders.status', 'payment_orders.platform_trade_no', 'payment_orders.created_at', 'payment_orders.paid_at', 'applications.number'])
        .orderBy('payment_orders.created_at', 'desc')
        .orderBy('payment_orders.order_no', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute()
      const total = await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirst()
      let countQuery = app.db.selectFrom('payment_orders').select(['item_code', 'status', (eb) => eb.fn.countAll().as('count')]).groupBy(['item_code', 'status'])
      if (itemCode) countQuery = countQuery.where('item_code', '=', itemCode)
      const counts = await countQuery.orderBy('item_code').orderBy('status').execute()
      const names = await itemNames(app.db, [...new Set([...rows.map((row) => row.item_code), ...counts.map((row) => row.item_code)])])
      const nameOf = (code: string) => names.get(code)?.name ?? code
      return {
        items: rows.map((row) => ({
          orderNo: row.order_no,
          applicationNumber: row.number,
          itemCode: row.item_code,
          itemName: nameOf(row.item_code),
          amountFen: Number(row.amount_fen),
          amountText: yuanText(Number(row.amount_fen)),
          provider: row.provider,
          providerName: PAYMENT_PROVIDERS[row.provider],
          status: row.status,
          statusName: PAYMENT_ORDER_STATUSES[row.status],
          platformTradeNo: row.platform_trade_no,
          createdAt: row.created_at,
          paidAt: row.paid_at,
        })),
        counts: counts.map((row) => ({ itemCode: row.item_code, itemName: nameOf(row.item_code), status: row.status, count: Number(row.count) })),
        page,
        pageSize,
        total: Number(total?.total ?? 0),
      }
    },
  )

  app.get(
    '/api/operator/payments/refunds',
    {
      preHandler: requireRole(app, CONSOLE_ACCESS['GET /api/operator/payments/refunds'], REVIEWERS_ONLY),
      schema: {
        summary: 'Refunds, newest first: amount, reason, 退款中 / 已退款 and how many times the platform was asked',
        tags: ['operator'],
        querystring: PagingQuerySchema,
        response: withErrors(RefundPageSchema, [400, 401, 403]),
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20 } = request.query
      const rows = await app.db
        .selectFrom('payment_refunds')
        .innerJoin('payment_orders', 'payment_orders.id', 'payment_refunds.order_id')
        .select(['payment_refunds.refund_no', 'payment_orders.order_no', 'payment_orders.provider', 'payment_refunds.amount_fen', 'payment_refunds.reason', 'payment_refunds.status', 'payment_refunds.attempts', 'payment_refunds.created_at', 'payment_refunds.finished_at'])
        .orderBy('payment_refunds.created_at', 'desc')
        .orderBy('payment_refunds.refund_no', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute()
      const total = await app.db.selectFrom('payment_refunds').select((eb) => eb.fn.countAll().as('total')).executeTakeFirst()
      return {
        items: rows.map((row) => ({
          refundNo: row.refund_no,
          orderNo: row.order_no,
          provider: row.provider,
          amountFen: Number(row.amount_fen),
          amountText: yuanText(Number(row.amount_fen)),
          reason: row.reason,
          status: row.status,
          statusName: REFUND_STATUSES[row.status],
          attempts: Number(row.attempts),
          createdAt: row.created_at,
          finishedAt: row.finished_at,
        })),
        page,
        pageSize,
        total: Number(total?.total ?? 0),
      }
    },
  )

  app.get(
    '/api/operator/payments/reconciliations',
    {
      preHandler: requireRole(app, CONSOLE_ACCESS['GET /api/operator/payments/reconciliations'], ADMIN_ONLY),
      schema: {
        summary: 'Reconciliation runs (npm run payments:reconcile), newest first: per bill day and platform, matched lines and every difference',
        tags: ['operator'],
        querystring: PagingQuerySchema,
        response: withErrors(ReconciliationPageSchema, [400, 401, 403]),
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20 } = request.query
      const rows = await app.db.selectFrom('payment_reconciliations').selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute()
      const total = await app.db.selectFrom('payment_reconciliations').select((eb) => eb.fn.countAll().as('total')).executeTakeFirst()
      return {
        items: rows.map((row) => ({
          id: Number(row.id),
          billDate: row.bill_date,
          provider: row.provider,
          providerName: PAYMENT_PROVIDERS[row.provider],
          ranAt: row.ran_at,
          matched: Number(row.matched),
          differences: (JSON.parse(row.differences) as { kind: ReconciliationDifferenceKind; orderNo: string; detail: string }[]).map((difference) => ({
            ...difference,
            kindName: RECONCILIATION_DIFFERENCES[difference.kind] ?? difference.kind,
          })),
        })),
        page,
        pageSize,
        total: Number(total?.total ?? 0),
      }
    },
  )
}
