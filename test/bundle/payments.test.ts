/**
 * 缴费 in the compiled weapp and alipay bundles, booted headless against the real server,
 * logged in with the platform's own account: the application page shows the fee; 支付 makes
 * the server's order and prepay (against local WeChat Pay v3 / Alipay gateway servers that
 * check our signatures), then calls wx.requestPayment with exactly the JSAPI v3 arguments the
 * server signed / my.tradePay with the trade number; the cashier "pays" and the page, after
 * the server's query, says 已支付. A cancelled cashier leaves 待支付 with the time left to pay.
 */
import { createVerify, randomBytes } from 'node:crypto'
import type { ApplicationDetail } from '@/contract/applications/schemas'
import type { FormSchema } from '@/contract/services/data'
import { putFee } from '../../server/payments/fees'
import '../../server/payments/tables'
import { provenPlatformSession, startBundleBackend, WECHAT_APP, ALIPAY_APP_ID, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp, type MiniPlatform } from '../support/mini-harness'
import { startAlipayPayServer, type RunningAlipayPayServer } from '../support/protocol-servers/alipay-pay-server'
import { startWechatPayServer, type RunningWechatPayServer } from '../support/protocol-servers/wechat-pay-server'
import { demoCitizen } from '../support/sessions'

const DETAIL = 'packages/applications/pages/detail/index'
const FORM: FormSchema = { fields: [{ key: 'reason', label: '换证原因', type: 'select', required: true, options: ['有效期满', '证件损坏'] }] }

let backend: BundleBackend
let wechatPay: RunningWechatPayServer
let alipayPay: RunningAlipayPayServer
beforeAll(async () => {
  wechatPay = await startWechatPayServer({ appId: WECHAT_APP.appId })
  alipayPay = await startAlipayPayServer({ appId: ALIPAY_APP_ID })
  // WeChat Pay beside the login server (its own base); the Alipay payments gateway in front of the login one (one gateway URL, as in production).
  const { WECHAT_APPID: _appId, WECHAT_SECRET: _secret, ...wechatPayEnv } = wechatPay.env
  backend = await startBundleBackend({ ...wechatPayEnv, ALIPAY_GATEWAY: `${alipayPay.baseUrl}/gateway.do` })
  alipayPay.adopt({ appPublicKey: backend.alipayKeys.app.publicKey, gatewayPrivateKey: backend.alipayKeys.gateway.privateKey, forwardTo: backend.alipay.baseUrl })
}, 60_000)
afterAll(async () => {
  await backend.close()
  await wechatPay.close()
  await alipayPay.close()
})

/** A published 全程网办 item charging 10 元, and a submitted application of the citizen for it. */
async function applicationWithFee(token: string): Promise<ApplicationDetail> {
  const code = `PAY${randomBytes(4).toString('hex').toUpperCase()}`
  const now = new Date().toISOString()
  await backend.app.db
    .insertInto('service_items')
    .values({
      code, name: '机动车驾驶证换证（测试）', aliases: '[]', department: '市公安局交通警察支队', audiences: '["personal"]', category: '交通出行', life_events: '[]', region: '北京市',
      legal_basis: '《机动车驾驶证申领和使用规定》', conditions: '["驾驶证有效期满"]', materials: '[]', fees: '工本费10元', time_limit_days: 1, online_level: 'full_online',
      counter_address: '市车管所', counter_hours: '工作日 9:00-17:00', contact_phone: null, faq: '[]', form_schema: JSON.stringify(FORM), status: 'published', created_at: now, updated_at: now, published_at: now,
    })
    .execute()
  await putFee(backend.app.db, { itemCode: code, amountFen: 1000, basis: '机动车驾驶证工本费 10 元/证', collector: '公安机关交通管理部门' }, new Date())
  const response = await backend.app.inject({
    method: 'POST',
    url: '/api/applications',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': `bundle-pay-${randomBytes(12).toString('hex')}` },
    payload: { itemCode: code, values: { reason: '有效期满' } },
  })
  if (response.statusCode !== 201) throw new Error(`submit failed: ${response.statusCode} ${response.body}`)
  return response.json() as ApplicationDetail
}

/** The platform's cashier: the buyer pays at the platform (the local server records the trade paid), then the cashier closes with success. */
function cashier(platform: MiniPlatform, outcome: 'pay' | 'cancel'): Record<string, (options: any) => unknown> {
  if (platform === 'weapp') {
    return {
      requestPayment: (options: { package: string; success: (r: unknown) => void; fail: (e: unknown) => void }) =>
        setTimeout(() => {
          if (outcome === 'cancel') return options.fail({ errMsg: 'requestPayment:fail cancel' })
          const trade = [...wechatPay.trades.values()].find((candidate) => `prepay_id=${candidate.prepayId}` === options.package)!
          wechatPay.pay(trade.outTradeNo)
          options.success({ errMsg: 'requestPayment:ok' })
        }, 0),
    }
  }
  return {
    tradePay: (options: { tradeNO: string; success: (r: unknown) => void }) =>
      setTimeout(() => {
        if (outcome === 'cancel') return options.success({ resultCode: '6001' })
        const trade = [...alipayPay.trades.values()].find((candidate) => candidate.tradeNo === options.tradeNO)!
        alipayPay.pay(trade.outTradeNo)
        options.success({ resultCode: '9000' })
      }, 0),
  }
}

describe.each(['weapp', 'alipay'] as const)('%s 缴费', (platform) => {
  const payApi = platform === 'weapp' ? 'requestPayment' : 'tradePay'
  const providerName = platform === 'weapp' ? '微信支付' : '支付宝'

  test(`支付 calls ${platform === 'weapp' ? 'wx.requestPayment with the signed JSAPI v3 arguments' : 'my.tradePay with the trade number'}; after the server's query the page says 已支付`, async () => {
    const token = await provenPlatformSession(backend, platform, demoCitizen('li-na'))
    const application = await applicationWithFee(token)
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token }, api: cashier(platform, 'pay') })
    const page = await app.openPage(DETAIL, { id: application.id })
    await app.settle()
    expect(page.texts()).toEqual(expect.arrayContaining(['缴费：10.00 元', '机动车驾驶证工本费 10 元/证；收款单位：公安机关交通管理部门', '支付 10.00 元']))

    await page.tap('支付 10.00 元')
    await app.settle()
    const calls = app.callsOf(payApi)
    expect(calls).toHaveLength(1)
    const args = calls[0].args[0] as Record<string, unknown>
    if (platform === 'weapp') {
      const trade = [...wechatPay.trades.values()].find((candidate) => `prepay_id=${candidate.prepayId}` === args.package)!
      expect(trade.total).toBe(1000)
      expect(Object.keys(args).filter((key) => typeof args[key] !== 'function').sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp'])
      expect(args.signType).toBe('RSA')
      // paySign checks out as WeChat's client checks it: the merchant key over appId, timeStamp, nonceStr, package.
      const message = `${WECHAT_APP.appId}\n${args.timeStamp}\n${args.nonceStr}\n${args.package}\n`
      expect(createVerify('RSA-SHA256').update(message).verify(wechatPay.merchantPrivateKey, String(args.paySign), 'base64')).toBe(true)
    } else {
      const trade = [...alipayPay.trades.values()].find((candidate) => candidate.tradeNo === args.tradeNO)!
      expect(trade.totalAmount).toBe('10.00')
      expect(Object.keys(args).filter((key) => typeof args[key] !== 'function')).toEqual(['tradeNO'])
      expect(alipayPay.calls.find((call) => call.method === 'alipay.trade.create' && call.biz.out_trade_no === trade.outTradeNo)?.signatureValid).toBe(true)
    }
    expect(page.texts()).toEqual(expect.arrayContaining([`已支付 · ${providerName}`, '已支付']))
    expect(page.texts()).not.toContain('支付 10.00 元')
    // The server asked the platform (query on return) before saying so.
    expect(app.requests.some((request) => request.method === 'POST' && request.url.endsWith(`/api/applications/${application.id}/payment/confirm`))).toBe(true)
    await page.unload()
  })

  test('a cancelled cashier: nothing paid, 待支付 with the time left to pay, and 支付 again', async () => {
    const token = await provenPlatformSession(backend, platform, demoCitizen('li-na'))
    const application = await applicationWithFee(token)
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token }, api: cashier(platform, 'cancel') })
    const page = await app.openPage(DETAIL, { id: application.id })
    await app.settle()
    await page.tap('支付 10.00 元')
    await app.settle()
    const texts = page.texts()
    expect(texts).toEqual(expect.arrayContaining([`待支付 · ${providerName}`, '已取消支付，没有扣款。可以再次点击支付。', '支付 10.00 元']))
    expect(texts.some((text) => /^请在 (29|30) 分 \d+ 秒内完成支付$/.test(text))).toBe(true)
    await page.unload()
  })
})
