/**
 * Paying an application's fee on WeChat Pay, Alipay and the development provider, end to
 * end through the real routes against local protocol servers that check our signatures and
 * sign their answers. On every dialect in the environment (PostgreSQL with DATABASE_URL).
 */
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { FEE_FEN, paySignValid, startPaymentsApp, type PaymentsApp } from './harness'

const payment = (app: PaymentsApp, token: string, applicationId: string) => app.request(`/api/applications/${applicationId}/payment`, { token })
const start = (app: PaymentsApp, token: string, applicationId: string) => app.request(`/api/applications/${applicationId}/payment`, { method: 'POST', token })
const confirm = (app: PaymentsApp, token: string, applicationId: string) => app.request(`/api/applications/${applicationId}/payment/confirm`, { method: 'POST', token, payload: {} })
const notifyWechat = (app: PaymentsApp, message: { headers: Record<string, string>; body: string }) =>
  app.request('/api/payments/notify/wechat', { method: 'POST', headers: message.headers, payload: message.body })
const notifyAlipay = (app: PaymentsApp, body: string) =>
  app.request('/api/payments/notify/alipay', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, payload: body })

async function kinds(app: PaymentsApp, orderNo: string): Promise<string[]> {
  const order = await app.server.app.db.selectFrom('payment_orders').select('id').where('order_no', '=', orderNo).executeTakeFirstOrThrow()
  const events = await app.server.app.db.selectFrom('payment_events').select('kind').where('order_id', '=', order.id).orderBy('id').execute()
  return events.map((event) => event.kind)
}

describe.each(dialects())('payments on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startPaymentsApp)

  describe('fees as data', () => {
    test("an item's fee is public, in fen, with basis and collector; an item without one has none", async () => {
      const { body } = await app.request('/api/services/11110000000000000A3000111T001/fee')
      expect(body).toEqual({ fee: { itemCode: '11110000000000000A3000111T001', amountFen: FEE_FEN, amountText: '10.00 元', basis: '工本费 10 元/证', collector: '市公安局（非税收入）' } })
      expect((await app.request('/api/services/NO-FEE-ITEM/fee')).body).toEqual({ fee: null })
    })

    test('the application shows its fee and that it can be paid, before any order exists', async () => {
      const { token, applicationId } = await app.citizenWithApplication('weapp')
      const { status, body } = await payment(app, token, applicationId)
      expect(status).toBe(200)
      expect(body).toMatchObject({ applicationId, fee: { amountFen: FEE_FEN }, order: null, canPay: true })
    })
  })

  describe('WeChat Pay (JSAPI v3)', () => {
    test('the prepay is made with a verified request signature and the server amount; requestPayment gets a valid paySign', async () => {
      const { token, applicationId } = await app.citizenWithApplication('weapp', 'o-openid-pay-1')
      const { status, body } = await start(app, token, applicationId)
      expect(status).toBe(200)
      const prepay = app.wechat.requests.find((request) => request.path === '/v3/pay/transactions/jsapi' && request.body?.out_trade_no === body.payment.order.orderNo)!
      expect(prepay.signatureValid).toBe(true)
      expect(prepay.body).toMatchObject({ appid: app.wechat.appId, mchid: app.wechat.mchId, amount: { total: FEE_FEN, currency: 'CNY' }, payer: { openid: 'o-openid-pay-1' } })
      expect(prepay.body!.notify_url).toMatch(/\/api\/payments\/notify\/wechat$/)
      expect(body.pay).toMatchObject({ platform: 'weapp', signType: 'RSA', package: `prepay_id=${app.wechat.trades.get(body.payment.order.orderNo)!.prepayId}` })
      expect(paySignValid(app.wechat, body.pay)).toBe(true)
      expect(body.payment.order).toMatchObject({ status: 'unpaid', statusName: '待支付', amountFen: FEE_FEN, provider: 'weapp' })
      expect(Date.parse(body.payment.order.expiresAt) - Date.parse(body.payment.order.createdAt)).toBe(30 * 60_000)
    })

    test('starting again is the same order, without a second prepay', async () => {
      const { token, applicationId } = await app.citizenWithApplication('weapp')
      const first = await start(app, token, applicationId)
      const prepays = app.wechat.requests.filter((request) => request.path === '/v3/pay/transactions/jsapi').length
      const again = await Promise.all([start(app, token, applicationId), start(app, token, applicationId)])
      for (const response of again) expect(response.body.payment.order.orderNo).toBe(first.body.payment.order.orderNo)
      expect(app.wechat.requests.filter((request) => request.path === '/v3/pay/transactions/jsapi').length).toBe(prepays)
      const orders = await app.server.app.db.selectFrom('payment_orders').select('id').where('application_id', '=', applicationId).execute()
      expect(orders).toHaveLength(1)
    })

    test('a verified notification credits the order; delivered twice it credits once', async () => {
      const { token, applicationId } = await app.citizenWithApplication('weapp')
      const orderNo = (await start(app, token, applicationId)).body.payment.order.orderNo
      app.wechat.pay(orderNo)
      const message = app.wechat.notification(orderNo)
      expect((await notifyWechat(app, message)).status).toBe(204)
      expect((await notifyWechat(app, message)).status).toBe(204)
      const { body } = await payment(app, token, applicationId)
      expect(body.order).toMatchObject({ status: 'paid', statusName: '已支付' })
      expect(body.canPay).toBe(false)
      expect(await kinds(app, orderNo)).toEqual(['created', 'paid'])
      const outcomes = await app.server.app.db.selectFrom('payment_notifications').select('outcome').where('order_no', '=', orderNo).orderBy('id').execute()
      expect(outcomes.map((row) => row.outcome)).toEqual(['credited', 'duplicate'])
    })

    test('a bad signature, a wrong amount, an undecryptable resource and an unknown order are refused and recorded', async () => {
      const { token, applicationId } = await app.citizenWithApplication('weapp')
      const orderNo = (await start(app, token, applicationId)).body.payment.order.orderNo
      app.wechat.pay(orderNo)
      const cases = [
        { message: app.wechat.notification(orderNo, { badSignature: true }), reason: 'signature does not match' },
        { message: app.wechat.notification(orderNo, { total: 1 }), reason: 'amount 1 differs' },
        { message: app.wechat.notification(orderNo, { wrongKey: true }), reason: 'does not decrypt' },
        { message: app.wechat.notification('unknown', { outTradeNo: 'GM20991231AAAAAAAAAAAAAAAA' }), reason: 'unknown order' },
      ]
      for (const { message, reason } of cases) {
        const response = await notifyWechat(app, message)
        expect(response.status).toBe(400)
        expect(response.body.error.message).toContain(reason)
      }
      expect((await payment(app, token, applicationId)).body.order.status).toBe('unpaid')
      const refused = await app.server.app.db.selectFrom('payment_notifications').select(['reason']).where('outcome', '=', 'refused').where('provider', '=', 'weapp').execute()
      for (const { reason } of cases) expect(refused.some((row) => row.reason?.includes(reason))).toBe(true)
    })

    test('a notification racing the return query credits once', async () => {
      const { token, applicationId } = await app.citizenWithApplication('weapp')
      const orderNo = (await start(app, token, applicationId)).body.payment.order.orderNo
      app.wechat.pay(orderNo)
      const [notified, confirmed] = await Promise.all([notifyWechat(app, app.wechat.notification(orderNo)), confirm(app, token, applicationId)])
      expect(notified.status).toBe(204)
      expect(confirmed.status).toBe(200)
      expect((await payment(app, token, applicationId)).body.order.status).toBe('paid')
      expect((await kinds(app, orderNo)).filter((kind) => kind === 'paid')).toHaveLength(1)
    })

    test('the return query alone credits a paid order (no notification needed), and not an unpaid one', async () => {
      const { token, applicationId } = await app.citizenWithApplication('weapp')
      const orderNo = (await start(app, token, applicationId)).body.payment.order.orderNo
      expect((await confirm(app, token, applicationId)).body.order.status).toBe('unpaid')
      app.wechat.pay(orderNo)
      expect((await confirm(app, token, applicationId)).body.order.status).toBe('paid')
    })

    test('50 parallel notifications for one order credit once', async () => {
      const { token, applicationId } = await app.citizenWithApplication('weapp')
      const orderNo = (await start(app, token, applicationId)).body.payment.order.orderNo
      app.wechat.pay(orderNo)
      const responses = await Promise.all(Array.from({ length: 50 }, () => notifyWechat(app, app.wechat.notification(orderNo))))
      expect(responses.every((response) => response.status === 204)).toBe(true)
      expect((await kinds(app, orderNo)).filter((kind) => kind === 'paid')).toHaveLength(1)
      const outcomes = await app.server.app.db.selectFrom('payment_notifications').select('outcome').where('order_no', '=', orderNo).execute()
      expect(outcomes.filter((row) => row.outcome === 'credited')).toHaveLength(1)
      expect(outcomes.filter((row) => row.outcome === 'duplicate')).toHaveLength(49)
    })

    test('withdrawn before acceptance: refunded once on WeChat Pay, on the timeline', async () => {
      const { token, applicationId } = await app.citizenWithApplication('weapp')
      const orderNo = (await start(app, token, applicationId)).body.payment.order.orderNo
      app.wechat.pay(orderNo)
      await confirm(app, token, applicationId)
      expect((await app.request(`/api/applications/${applicationId}/withdraw`, { method: 'POST', token })).status).toBe(200)
      const refunds = app.wechat.requests.filter((request) => request.path === '/v3/refund/domestic/refunds' && request.body?.out_trade_no === orderNo)
      expect(refunds).toHaveLength(1)
      expect(refunds[0]).toMatchObject({ signatureValid: true, body: { out_refund_no: `RF${orderNo.slice(2)}`, amount: { refund: FEE_FEN, total: FEE_FEN, currency: 'CNY' } } })
      const { body } = await payment(app, token, applicationId)
      expect(body.order).toMatchObject({ status: 'refunded', statusName: '已退款' })
      expect(body.order.timeline.map((event: { kindName: string }) => event.kindName)).toEqual(['生成缴费单', '已支付', '已申请退款', '已退款'])
      expect(body.order.timeline[3].note).toBe('申请已在受理前撤回，费用原路退回')
      expect(body.canPay).toBe(false)
    })

    test('a refund the platform does not finish at once is retried by the sweep, and the retry is the same refund', async () => {
      const { token, applicationId } = await app.citizenWithApplication('weapp')
      const orderNo = (await start(app, token, applicationId)).body.payment.order.orderNo
      app.wechat.pay(orderNo)
      await confirm(app, token, applicationId)
      app.wechat.scenario.refundAnswer = 'FAIL'
      try {
        await app.request(`/api/applications/${applicationId}/withdraw`, { method: 'POST', token })
        expect((await payment(app, token, applicationId)).body.order.status).toBe('paid')
      } finally {
        app.wechat.scenario.refundAnswer = 'SUCCESS'
      }
      await app.service().sweep()
      expect((await payment(app, token, applicationId)).body.order.status).toBe('refunded')
      await app.service().sweep()
      expect(app.wechat.trades.get(orderNo)!.refunds).toHaveLength(1)
      expect(await kinds(app, orderNo)).toEqual(['created', 'paid', 'refund_requested', 'refund_failed', 'refunded'])
    })

    test('an unpaid order closes itself after 30 minutes (at the platform too); a payment arriving after that is refunded automatically', async () => {
      const { token, applicationId } = await app.citizenWithApplication('weapp')
      const orderNo = (await start(app, token, applicationId)).body.payment.order.orderNo
      app.clock.advance(31 * 60_000)
      const closed = await app.service().sweep()
      expect(closed.closed).toBeGreaterThanOrEqual(1)
      expect(app.wechat.trades.get(orderNo)!.state).toBe('CLOSED')
      const { body, text } = await payment(app, token, applicationId)
      expect({ text, status: body.order?.status }).toMatchObject({ status: 'closed' })
      expect(body.canPay).toBe(true)
      // The cashier took the money anyway (paid just before the close reached WeChat Pay).
      app.wechat.trades.get(orderNo)!.state = 'NOTPAY'
      app.wechat.pay(orderNo)
      expect((await notifyWechat(app, app.wechat.notification(orderNo))).status).toBe(204)
      const after = await payment(app, token, applicationId)
      expect(after.body.order.status).toBe('refunded')
      expect(await kinds(app, orderNo)).toEqual(['created', 'closed', 'paid_after_close', 'refund_requested', 'refunded'])
      // A fresh order can be paid for the still open application.
      const again = await start(app, token, applicationId)
      expect(again.body.payment.order.orderNo).not.toBe(orderNo)
    })
  })

  describe('Alipay', () => {
    test('alipay.trade.create is signed and carries the server amount; tradePay gets the trade number', async () => {
      const { token, applicationId } = await app.citizenWithApplication('alipay', '2088000000000101')
      const { status, body } = await start(app, token, applicationId)
      expect(status).toBe(200)
      const create = app.alipay.calls.find((call) => call.method === 'alipay.trade.create' && call.biz.out_trade_no === body.payment.order.orderNo)!
      expect(create.signatureValid).toBe(true)
      expect(create.biz).toMatchObject({ total_amount: '10.00', buyer_id: '2088000000000101', product_code: 'JSAPI_PAY' })
      expect(create.params.notify_url).toMatch(/\/api\/payments\/notify\/alipay$/)
      expect(body.pay).toEqual({ platform: 'alipay', tradeNO: app.alipay.trades.get(body.payment.order.orderNo)!.tradeNo })
    })

    test('a verified notification credits once and is answered "success"; a bad signature or amount is refused and recorded', async () => {
      const { token, applicationId } = await app.citizenWithApplication('alipay')
      const orderNo = (await start(app, token, applicationId)).body.payment.order.orderNo
      app.alipay.pay(orderNo)
      const bad = await notifyAlipay(app, app.alipay.notification(orderNo, { badSignature: true }))
      expect(bad.status).toBe(400)
      expect((await notifyAlipay(app, app.alipay.notification(orderNo, { totalAmount: '0.01' }))).status).toBe(400)
      expect((await notifyAlipay(app, app.alipay.notification(orderNo, { outTradeNo: 'GM20991231BBBBBBBBBBBBBBBB' }))).status).toBe(400)
      const body = app.alipay.notification(orderNo)
      for (const _ of [1, 2]) {
        const response = await notifyAlipay(app, body)
        expect(response.status).toBe(200)
        expect(response.text).toBe('success')
      }
      expect((await payment(app, token, applicationId)).body.order.status).toBe('paid')
      expect(await kinds(app, orderNo)).toEqual(['created', 'paid'])
      const refused = await app.server.app.db.selectFrom('payment_notifications').select('reason').where('provider', '=', 'alipay').where('outcome', '=', 'refused').execute()
      expect(refused.map((row) => row.reason)).toEqual(expect.arrayContaining(['signature does not match', 'unknown order', expect.stringContaining('amount 1 differs')]))
    })

    test('不予受理 refunds on Alipay with alipay.trade.refund, once', async () => {
      const { token, applicationId } = await app.citizenWithApplication('alipay')
      const orderNo = (await start(app, token, applicationId)).body.payment.order.orderNo
      app.alipay.pay(orderNo)
      await confirm(app, token, applicationId)
      const { operatorTokenFor } = await import('../../support/operators')
      const reviewer = await operatorTokenFor(app.server.app, ['reviewer'])
      const refused = await app.request(`/api/operator/applications/${applicationId}/transition`, { method: 'POST', token: reviewer, payload: { to: 'rejected', reason: '材料不属于本机关受理范围' } })
      expect(refused.status).toBe(200)
      const refunds = app.alipay.calls.filter((call) => call.method === 'alipay.trade.refund' && call.biz.out_trade_no === orderNo)
      expect(refunds).toHaveLength(1)
      expect(refunds[0]).toMatchObject({ signatureValid: true, biz: { refund_amount: '10.00', out_request_no: `RF${orderNo.slice(2)}` } })
      const { body } = await payment(app, token, applicationId)
      expect(body.order.status).toBe('refunded')
      expect(body.order.timeline.at(-1)).toMatchObject({ kindName: '已退款', note: '申请不予受理，费用原路退回' })
    })
  })

  describe('the development provider (H5 preview)', () => {
    test('pays through the same query path and shows 已支付; withdrawing refunds it', async () => {
      const { token, applicationId } = await app.citizenWithApplication('h5dev', 'zhang-wei')
      const started = await start(app, token, applicationId)
      expect(started.body.pay).toEqual({ platform: 'h5dev', orderNo: started.body.payment.order.orderNo })
      // The return query alone pays nothing: the preview's cashier has not answered.
      expect((await confirm(app, token, applicationId)).body.order.statusName).toBe('待支付')
      const paid = await app.request(`/api/applications/${applicationId}/payment/confirm`, { method: 'POST', token, payload: { devResult: 'sandbox-paid' } })
      expect(paid.status).toBe(200)
      expect(paid.body.order.statusName).toBe('已支付')
      // On a WeChat Pay order the same words change nothing: only the platform's answer counts.
      const wechat = await app.citizenWithApplication('weapp')
      await start(app, wechat.token, wechat.applicationId)
      const claimed = await app.request(`/api/applications/${wechat.applicationId}/payment/confirm`, { method: 'POST', token: wechat.token, payload: { devResult: 'sandbox-paid' } })
      expect(claimed.body.order.status).toBe('unpaid')
      await app.request(`/api/applications/${applicationId}/withdraw`, { method: 'POST', token })
      expect((await payment(app, token, applicationId)).body.order.statusName).toBe('已退款')
    })
  })

  test('nothing to pay: a free item, and an application that has ended, are 409 with words', async () => {
    const { token, applicationId } = await app.citizenWithApplication('weapp')
    await app.request(`/api/applications/${applicationId}/withdraw`, { method: 'POST', token })
    const ended = await start(app, token, applicationId)
    expect(ended.status).toBe(409)
    expect(ended.body.error.message).toBe('申请已结束，不能再缴费')
  })

  test("another citizen's application payment is 404", async () => {
    const { applicationId } = await app.citizenWithApplication('weapp')
    const other = await app.proven('weapp', 'o-other-citizen', (await import('../../support/identity')).liNa)
    expect((await payment(app, other, applicationId)).status).toBe(404)
    expect((await start(app, other, applicationId)).status).toBe(404)
  })
})
