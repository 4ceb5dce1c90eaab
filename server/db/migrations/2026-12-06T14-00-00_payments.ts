import { PostgresAdapter, type Kysely } from 'kysely'

/*
 * Paying fees inside the product (issue 21).
 *
 *  - service_fees: the fee of a service item as data (amount in fen, basis, who collects),
 *    keyed by the item's code; an item without a row charges nothing.
 *  - payment_orders: out_trade_no = order_no. status unpaid → paid → refunded, or unpaid →
 *    closed (time limit passed / application ended). open_key is the application id while the
 *    order is open, paid or refunded and null once closed: unique, so an application has at
 *    most one live order (creating it again finds that one) and a fresh one after a closed one.
 *    Crediting is one conditional update `where status = unpaid` (or `= closed`, then refunded),
 *    so any number of notifications credit once.
 *  - payment_events: the order's own timeline (shown on the application page).
 *  - payment_refunds: at most one (full) refund per order (order_id unique), refund_no is the
 *    out_refund_no / out_request_no sent to the platform, so a retried refund is the same one.
 *  - payment_notifications: every notification received and what became of it (refused ones
 *    with the reason), for operators.
 *  - payment_reconciliations: each run of payments:reconcile per bill day and platform.
 * Frozen in time: no app imports.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db)
  const serial = (column: any) => (postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement())

  await db.schema
    .createTable('service_fees')
    .addColumn('item_code', 'text', (column) => column.primaryKey())
    .addColumn('amount_fen', 'integer', (column) => column.notNull())
    .addColumn('basis', 'text', (column) => column.notNull())
    .addColumn('collector', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute()

  await db.schema
    .createTable('payment_orders')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('order_no', 'text', (column) => column.notNull().unique())
    .addColumn('application_id', 'text', (column) => column.notNull().references('applications.id'))
    .addColumn('open_key', 'text', (column) => column.unique())
    .addColumn('citizen_id', 'text', (column) => column.notNull())
    .addColumn('item_code', 'text', (column) => column.notNull())
    .addColumn('amount_fen', 'integer', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull())
    .addColumn('provider', 'text', (column) => column.notNull())
    // The payer at the platform (WeChat openid / Alipay user id), as the prepay needs it.
    .addColumn('payer', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('platform_trade_no', 'text')
    // The platform's prepay answer (prepay_id / trade_no), reused while the order is open.
    .addColumn('prepay_ref', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('refunded_at', 'text')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('payment_orders_status_idx').on('payment_orders').columns(['status', 'expires_at']).execute()
  await db.schema.createIndex('payment_orders_application_idx').on('payment_orders').columns(['application_id', 'created_at']).execute()
  await db.schema.createIndex('payment_orders_item_idx').on('payment_orders').columns(['item_code', 'status']).execute()

  await db.schema
    .createTable('payment_events')
    .addColumn('id', 'integer', serial)
    .addColumn('order_id', 'text', (column) => column.notNull().references('payment_orders.id'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('payment_events_order_idx').on('payment_events').columns(['order_id', 'id']).execute()

  await db.schema
    .createTable('payment_refunds')
    .addColumn('refund_no', 'text', (column) => column.primaryKey())
    .addColumn('order_id', 'text', (column) => column.notNull().unique().references('payment_orders.id'))
    .addColumn('amount_fen', 'integer', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    // pending | succeeded
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('platform_refund_no', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('finished_at', 'text')
    .execute()

  await db.schema
    .createTable('payment_notifications')
    .addColumn('id', 'integer', serial)
    .addColumn('provider', 'text', (column) => column.notNull())
    .addColumn('order_no', 'text')
    // credited | duplicate | refused | refunded_after_close
    .addColumn('outcome', 'text', (column) => column.notNull())
    .addColumn('reason', 'text')
    .addColumn('at', 'text', (column) => column.notNull())
    .execute()

  await db.schema
    .createTable('payment_reconciliations')
    .addColumn('id', 'integer', serial)
    .addColumn('bill_date', 'text', (column) => column.notNull())
    .addColumn('provider', 'text', (column) => column.notNull())
    .addColumn('matched', 'integer', (column) => column.notNull())
    // JSON array of { kind, orderNo, detail }.
    .addColumn('differences', 'text', (column) => column.notNull())
    .addColumn('ran_at', 'text', (column) => column.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['payment_reconciliations', 'payment_notifications', 'payment_refunds', 'payment_events', 'payment_orders', 'service_fees']) {
    await db.schema.dropTable(table).execute()
  }
}
