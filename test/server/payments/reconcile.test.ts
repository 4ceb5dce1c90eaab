/**
 * `npm run payments:reconcile -- --date YYYY-MM-DD` against the local platforms' bills:
 * nothing to say when they agree (exit 0); every kind of difference printed and recorded
 * when they do not (exit 1); the console lists the runs.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { dayOf } from '../../../server/payments/days'
import { reconcile } from '../../../server/payments/reconcile'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { operatorTokenFor } from '../../support/operators'
import { startPaymentsApp, type PaymentsApp } from './harness'

const run = promisify(execFile)

async function paidOrder(app: PaymentsApp, platform: 'weapp' | 'alipay'): Promise<string> {
  const { token, applicationId } = await app.citizenWithApplication(platform)
  const started = await app.request(`/api/applications/${applicationId}/payment`, { method: 'POST', token })
  const orderNo = started.body.payment.order.orderNo as string
  if (platform === 'weapp') app.wechat.pay(orderNo)
  else app.alipay.pay(orderNo)
  await app.request(`/api/applications/${applicationId}/payment/confirm`, { method: 'POST', token, payload: {} })
  return orderNo
}

async function cli(date: string, env: Record<string, string>) {
  try {
    // Only this suite's database: the developer's DATABASE_URL / REDIS_URL must not leak into a SQLite run.
    const { DATABASE_URL: _database, REDIS_URL: _redis, SQLITE_PATH: _sqlite, ...inherited } = process.env
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/payments/reconcile-cli.ts', '--date', date], { env: { ...inherited, ...env, NODE_ENV: 'test', LOG_LEVEL: 'silent' } })
    return { code: 0, stdout }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout + failed.stderr }
  }
}

describe.each(dialects())('reconciliation on $name', (dialect) => {
  const { app, testDb } = useDialectApp(dialect, startPaymentsApp)

  test('the day matches both bills: payments and refunds', async () => {
    const wechatOrder = await paidOrder(app, 'weapp')
    await paidOrder(app, 'alipay')
    // A refund the same day is a second bill line that matches too.
    const refunded = await app.server.app.db.selectFrom('payment_orders').select('application_id').where('order_no', '=', wechatOrder).executeTakeFirstOrThrow()
    const { token } = await app.citizenWithApplication('weapp', 'weapp-subject-1')
    await app.request(`/api/applications/${refunded.application_id}/withdraw`, { method: 'POST', token })
    const today = dayOf(new Date())
    for (const provider of [app.paymentProviders.weapp!, app.paymentProviders.alipay!]) {
      const result = await reconcile(app.server.app.db, provider, today, new Date())
      expect({ provider: provider.key, differences: result.differences }).toEqual({ provider: provider.key, differences: [] })
      expect(result.matched).toBeGreaterThanOrEqual(1)
    }
  })

  test('every kind of difference is printed and the command exits 1; the console shows the run', async () => {
    const amountOff = await paidOrder(app, 'weapp')
    app.wechat.scenario.billAmountOverrides.set(amountOff, 999)
    app.wechat.scenario.extraBillLines.push({ outTradeNo: 'GM20261206FFFFFFFFFFFFFFFF', transactionId: '4200009999', state: 'SUCCESS', total: 500 })
    const missing = await paidOrder(app, 'alipay')
    app.alipay.trades.get(missing)!.paidAt = '2000-01-01 00:00:00'
    const today = dayOf(new Date())
    const env = { ...testDb.env, ...app.wechat.env, ...app.alipay.env }
    const result = await cli(today, env)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(`金额不一致  ${amountOff}`)
    expect(result.stdout).toContain('本系统没有该订单  GM20261206FFFFFFFFFFFFFFFF')
    expect(result.stdout).toContain(`平台账单中没有  ${missing}`)

    const admin = await operatorTokenFor(app.server.app, ['admin'])
    const runs = await app.request('/api/operator/payments/reconciliations', { token: admin })
    expect(runs.status).toBe(200)
    const latest = runs.body.items.filter((item: { billDate: string }) => item.billDate === today).slice(0, 2)
    const kinds = latest.flatMap((item: { differences: { kind: string }[] }) => item.differences.map((difference) => difference.kind)).sort()
    expect(kinds).toEqual(['amount_mismatch', 'missing_in_bill', 'missing_locally'])
    // Reviewers see orders and refunds, not reconciliation.
    const reviewer = await operatorTokenFor(app.server.app, ['reviewer'])
    expect((await app.request('/api/operator/payments/reconciliations', { token: reviewer })).status).toBe(403)
    const orders = await app.request('/api/operator/payments/orders?status=paid', { token: reviewer })
    expect(orders.status).toBe(200)
    expect(orders.body.items.every((item: { statusName: string }) => item.statusName === '已支付')).toBe(true)
    expect(orders.body.counts.length).toBeGreaterThan(0)
    expect((await app.request('/api/operator/payments/refunds', { token: reviewer })).body.items.length).toBeGreaterThan(0)
  })

  test('a bad date is refused with the usage line', async () => {
    const result = await cli('2026-13-45', testDb.env)
    expect(result.code).toBe(2)
    expect(result.stdout).toContain('usage: npm run payments:reconcile -- --date YYYY-MM-DD')
  })
})
