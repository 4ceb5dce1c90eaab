/**
 * A local WeChat Pay API v3 server for the payments tests.
 *
 * It CHECKS every request the way WeChat Pay does, with its own implementation (not the
 * production signer): the Authorization scheme WECHATPAY2-SHA256-RSA2048, mchid and serial_no,
 * a fresh timestamp, and the SHA256withRSA signature over
 * "METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n" with the merchant's public key; a bad one is
 * 401 SIGN_ERROR. It SIGNS every answer with the platform key (Wechatpay-Timestamp / -Nonce /
 * -Signature / -Serial over "TIMESTAMP\nNONCE\nBODY\n"), and builds notifications as WeChat
 * Pay sends them: signed, the transaction encrypted with AEAD_AES_256_GCM under the APIv3 key.
 *
 * Endpoints: JSAPI prepay, query by out_trade_no, close, domestic refunds, trade bill
 * (download_url + SHA1 hash; the file: header, "`"-prefixed lines, summary).
 */
import { createCipheriv, createHash, createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface WechatPayTrade {
  outTradeNo: string
  prepayId: string
  total: number
  openid: string
  description: string
  notifyUrl: string
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND'
  transactionId?: string
  successTime?: string
  refunds: { outRefundNo: string; refundId: string; amount: number; at: string }[]
}

export interface RecordedPayRequest {
  method: string
  path: string
  body: Record<string, any> | undefined
  signatureValid: boolean
}

export interface WechatPayScenario {
  /** PROCESSING: the refund is accepted but not done yet; FAIL: 500 SYSTEM_ERROR. */
  refundAnswer: 'SUCCESS' | 'PROCESSING' | 'FAIL'
  /** Sign answers with another key (the client must discard them). */
  badAnswerSignature: boolean
  /** Extra lines for the trade bill (e.g. a payment we never saw). */
  extraBillLines: { outTradeNo: string; transactionId: string; state: 'SUCCESS' | 'REFUND'; total: number; refund?: number }[]
  /** Trade bill amounts to change, by out_trade_no (fen). */
  billAmountOverrides: Map<string, number>
}

export interface RunningWechatPayServer {
  baseUrl: string
  appId: string
  mchId: string
  merchantSerial: string
  merchantPrivateKey: KeyObject
  apiV3Key: string
  platformPublicKey: KeyObject
  platformKeyId: string
  trades: Map<string, WechatPayTrade>
  requests: RecordedPayRequest[]
  scenario: WechatPayScenario
  /** The env the app needs to talk to this server. */
  env: Record<string, string>
  /** The buyer pays in WeChat: the trade becomes SUCCESS (as the cashier would). */
  pay(outTradeNo: string, at?: Date): WechatPayTrade
  /** A notification as WeChat Pay posts it; options break it on purpose. */
  notification(outTradeNo: string, options?: { total?: number; badSignature?: boolean; wrongKey?: boolean; outTradeNo?: string }): { headers: Record<string, string>; body: string }
  close(): Promise<void>
}

function pem(key: KeyObject): string {
  return key.export({ type: key.type === 'private' ? 'pkcs8' : 'spki', format: 'pem' }).toString()
}

const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10)
const yuan = (fen: number) => (fen / 100).toFixed(2)

export async function startWechatPayServer(options: { appId?: string; mchId?: string } = {}): Promise<RunningWechatPayServer> {
  const appId = options.appId ?? 'wx1234567890abcdef'
  const mchId = options.mchId ?? '1900000109'
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const merchantSerial = randomBytes(20).toString('hex').toUpperCase()
  const platformKeyId = `PUB_KEY_ID_${randomBytes(10).toString('hex')}`
  const apiV3Key = randomBytes(16).toString('hex')
  const trades = new Map<string, WechatPayTrade>()
  const requests: RecordedPayRequest[] = []
  const bills = new Map<string, string>()
  const scenario: WechatPayScenario = { refundAnswer: 'SUCCESS', badAnswerSignature: false, extraBillLines: [], billAmountOverrides: new Map() }

  const sign = (message: string, key: KeyObject) => createSign('RSA-SHA256').update(message, 'utf8').sign(key, 'base64')

  function signedHeaders(body: string, key: KeyObject = platform.privateKey): Record<string, string> {
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = randomBytes(16).toString('hex')
    return { 'wechatpay-timestamp': timestamp, 'wechatpay-nonce': nonce, 'wechatpay-serial': platformKeyId, 'wechatpay-signature': sign(`${timestamp}\n${nonce}\n${body}\n`, key) }
  }

  function send(response: ServerResponse, status: number, payload?: object, unsigned = false) {
    const body = payload === undefined ? '' : JSON.stringify(payload)
    const headers = unsigned ? {} : signedHeaders(body, scenario.badAnswerSignature ? impostor.privateKey : platform.privateKey)
    response.writeHead(status, { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) })
    response.end(body)
  }

  /** WeChat Pay's own check of our request signature. */
  function checkAuthorization(request: IncomingMessage, pathAndQuery: string, body: string): boolean {
    const header = request.headers.authorization ?? ''
    const match = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(header)
    if (!match) return false
    const fields = Object.fromEntries([...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((part) => [part[1], part[2]]))
    if (fields.mchid !== mchId || fields.serial_no !== merchantSerial || !fields.nonce_str || !fields.signature) return false
    if (!/^\d+$/.test(fields.timestamp ?? '') || Math.abs(Date.now() / 1000 - Number(fields.timestamp)) > 300) return false
    const message = `${request.method}\n${pathAndQuery}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`
    try {
      return createVerify('RSA-SHA256').update(message, 'utf8').verify(merchant.publicKey, fields.signature, 'base64')
    } catch {
      return false
    }
  }

  function tradeJson(trade: WechatPayTrade) {
    return {
      appid: appId,
      mchid: mchId,
      out_trade_no: trade.outTradeNo,
      transaction_id: trade.transactionId,
      trade_type: 'JSAPI',
      trade_state: trade.state,
      trade_state_desc: trade.state,
      success_time: trade.successTime,
      payer: { openid: trade.openid },
      amount: { total: trade.total, payer_total: trade.state === 'NOTPAY' ? undefined : trade.total, currency: 'CNY', payer_currency: 'CNY' },
    }
  }

  function billFor(date: string): string {
    const header = '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注'
    const line = (at: string, transactionId: string, outTradeNo: string, openid: string, state: string, total: number, refund: { id: string; no: string; amount: number } | undefined, description: string) =>
      [at, appId, mchId, '0', '', transactionId, outTradeNo, openid, 'JSAPI', state, 'OTHERS', 'CNY', yuan(total), '0.00', refund?.id ?? '0', refund?.no ?? '0', yuan(refund?.amount ?? 0), '0.00', refund ? 'ORIGINAL' : '', refund ? 'SUCCESS' : '', description, '', '0.00000', '0.60%', yuan(total), yuan(refund?.amount ?? 0), '']
        .map((value) => `\`${value}`)
        .join(',')
    const lines: string[] = []
    for (const trade of trades.values()) {
      const total = scenario.billAmountOverrides.get(trade.outTradeNo) ?? trade.total
      if (trade.successTime && chinaDay(trade.successTime) === date) lines.push(line(trade.successTime, trade.transactionId!, trade.outTradeNo, trade.openid, 'SUCCESS', total, undefined, trade.description))
      for (const refund of trade.refunds) {
        if (chinaDay(refund.at) === date) lines.push(line(refund.at, trade.transactionId!, trade.outTradeNo, trade.openid, 'REFUND', total, { id: refund.refundId, no: refund.outRefundNo, amount: refund.amount }, trade.description))
      }
    }
    for (const extra of scenario.extraBillLines) {
      lines.push(line(`${date} 12:00:00`, extra.transactionId, extra.outTradeNo, 'o-unknown', extra.state, extra.total, extra.refund ? { id: 'R1', no: 'RX', amount: extra.refund } : undefined, '其他'))
    }
    return [header, ...lines, '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额', `\`${lines.length},\`0.00,\`0.00,\`0.00,\`0.00,\`0.00,\`0.00`].join('\r\n') + '\r\n'
  }

  async function handle(request: IncomingMessage, response: ServerResponse, raw: string) {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const pathAndQuery = url.pathname + url.search
    if (url.pathname === '/v3/billdownload/file') {
      const text = bills.get(url.searchParams.get('token') ?? '')
      // The file is answered unsigned, as WeChat Pay does; the client checks it against the hash.
      if (text === undefined) return send(response, 404, { code: 'NO_STATEMENT_EXIST', message: '账单文件不存在' })
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      return response.end(text)
    }
    const signatureValid = checkAuthorization(request, pathAndQuery, raw)
    let body: Record<string, any> | undefined
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      return send(response, 400, { code: 'PARAM_ERROR', message: '请求体不是JSON' })
    }
    requests.push({ method: request.method ?? '', path: url.pathname, body, signatureValid })
    if (!signatureValid) return send(response, 401, { code: 'SIGN_ERROR', message: '签名错误' })

    if (request.method === 'POST' && url.pathname === '/v3/pay/transactions/jsapi') {
      const b = body ?? {}
      if (b.appid !== appId || b.mchid !== mchId) return send(response, 400, { code: 'APPID_MCHID_NOT_MATCH', message: 'appid和mch_id不匹配' })
      if (typeof b.description !== 'string' || !b.description || b.description.length > 127) return send(response, 400, { code: 'PARAM_ERROR', message: 'description' })
      if (typeof b.out_trade_no !== 'string' || !/^[0-9A-Za-z_\-|*]{6,32}$/.test(b.out_trade_no)) return send(response, 400, { code: 'PARAM_ERROR', message: 'out_trade_no' })
      if (typeof b.notify_url !== 'string' || !/^https?:\/\//.test(b.notify_url)) return send(response, 400, { code: 'PARAM_ERROR', message: 'notify_url' })
      if (!Number.isInteger(b.amount?.total) || b.amount.total <= 0 || b.amount.currency !== 'CNY') return send(response, 400, { code: 'PARAM_ERROR', message: 'amount' })
      if (typeof b.payer?.openid !== 'string' || !b.payer.openid) return send(response, 400, { code: 'PARAM_ERROR', message: 'payer.openid' })
      if (typeof b.time_expire !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(b.time_expire)) return send(response, 400, { code: 'PARAM_ERROR', message: 'time_expire' })
      const existing = trades.get(b.out_trade_no)
      if (existing) {
        if (existing.total !== b.amount.total) return send(response, 400, { code: 'INVALID_REQUEST', message: '201 商户订单号重复' })
        if (existing.state !== 'NOTPAY') return send(response, 400, { code: 'ORDERPAID', message: '订单已支付或已关闭' })
        return send(response, 200, { prepay_id: existing.prepayId })
      }
      const trade: WechatPayTrade = { outTradeNo: b.out_trade_no, prepayId: `wx${randomBytes(14).toString('hex')}`, total: b.amount.total, openid: b.payer.openid, description: b.description, notifyUrl: b.notify_url, state: 'NOTPAY', refunds: [] }
      trades.set(trade.outTradeNo, trade)
      return send(response, 200, { prepay_id: trade.prepayId })
    }

    const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(url.pathname)
    if (request.method === 'GET' && query) {
      if (url.searchParams.get('mchid') !== mchId) return send(response, 400, { code: 'PARAM_ERROR', message: 'mchid' })
      const trade = trades.get(decodeURIComponent(query[1]))
      if (!trade) return send(response, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' })
      return send(response, 200, tradeJson(trade))
    }

    const close = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(url.pathname)
    if (request.method === 'POST' && close) {
      if (body?.mchid !== mchId) return send(response, 400, { code: 'PARAM_ERROR', message: 'mchid' })
      const trade = trades.get(decodeURIComponent(close[1]))
      if (!trade) return send(response, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' })
      if (trade.state === 'SUCCESS' || trade.state === 'REFUND') return send(response, 400, { code: 'ORDERPAID', message: '订单已支付' })
      trade.state = 'CLOSED'
      return send(response, 204)
    }

    if (request.method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') {
      const b = body ?? {}
      const trade = trades.get(b.out_trade_no)
      if (!trade) return send(response, 404, { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' })
      if (typeof b.out_refund_no !== 'string' || !b.out_refund_no) return send(response, 400, { code: 'PARAM_ERROR', message: 'out_refund_no' })
      if (b.amount?.total !== trade.total || !Number.isInteger(b.amount?.refund) || b.amount.refund <= 0 || b.amount.refund > trade.total || b.amount.currency !== 'CNY') {
        return send(response, 400, { code: 'PARAM_ERROR', message: 'amount' })
      }
      if (scenario.refundAnswer === 'FAIL') return send(response, 500, { code: 'SYSTEM_ERROR', message: '系统繁忙' })
      const existing = trade.refunds.find((refund) => refund.outRefundNo === b.out_refund_no)
      if (!existing) {
        if (trade.state !== 'SUCCESS') return send(response, 403, { code: 'NOT_ENOUGH', message: '订单未支付或已全额退款' })
        trade.refunds.push({ outRefundNo: b.out_refund_no, refundId: `50${randomBytes(12).toString('hex')}`, amount: b.amount.refund, at: new Date().toISOString() })
        if (scenario.refundAnswer === 'SUCCESS') trade.state = 'REFUND'
      }
      const refund = existing ?? trade.refunds[trade.refunds.length - 1]
      return send(response, 200, { refund_id: refund.refundId, out_refund_no: refund.outRefundNo, out_trade_no: trade.outTradeNo, transaction_id: trade.transactionId, channel: 'ORIGINAL', status: scenario.refundAnswer, amount: { total: trade.total, refund: refund.amount, currency: 'CNY' } })
    }

    if (request.method === 'GET' && url.pathname === '/v3/bill/tradebill') {
      const date = url.searchParams.get('bill_date') ?? ''
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return send(response, 400, { code: 'PARAM_ERROR', message: 'bill_date' })
      const text = billFor(date)
      const token = randomBytes(12).toString('hex')
      bills.set(token, text)
      return send(response, 200, { hash_type: 'SHA1', hash_value: createHash('sha1').update(text, 'utf8').digest('hex'), download_url: `${baseUrl}/v3/billdownload/file?token=${token}` })
    }
    return send(response, 404, { code: 'NOT_FOUND', message: `no ${request.method} ${url.pathname}` })
  }

  const server = createServer((request, response) => {
    let raw = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (raw += chunk))
    request.on('end', () => void handle(request, response, raw).catch(() => send(response, 500, { code: 'SYSTEM_ERROR', message: 'test server' })))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    baseUrl,
    appId,
    mchId,
    merchantSerial,
    merchantPrivateKey: merchant.privateKey,
    apiV3Key,
    platformPublicKey: platform.publicKey,
    platformKeyId,
    trades,
    requests,
    scenario,
    env: {
      WECHAT_APPID: appId,
      WECHAT_SECRET: 'fedcba9876543210fedcba9876543210',
      WECHATPAY_MCHID: mchId,
      WECHATPAY_MERCHANT_SERIAL: merchantSerial,
      WECHATPAY_PRIVATE_KEY: pem(merchant.privateKey),
      WECHATPAY_APIV3_KEY: apiV3Key,
      WECHATPAY_PUBLIC_KEY: pem(platform.publicKey),
      WECHATPAY_PUBLIC_KEY_ID: platformKeyId,
      WECHATPAY_API_BASE: baseUrl,
    },
    pay(outTradeNo, at = new Date()) {
      const trade = trades.get(outTradeNo)
      if (!trade) throw new Error(`no trade ${outTradeNo}`)
      Object.assign(trade, { state: 'SUCCESS', transactionId: `42${randomBytes(13).toString('hex')}`, successTime: at.toISOString() })
      return trade
    },
    notification(outTradeNo, overrides = {}) {
      const trade = trades.get(outTradeNo)
      const transaction = trade
        ? { ...tradeJson(trade), amount: { ...tradeJson(trade).amount, total: overrides.total ?? trade.total } }
        : { appid: appId, mchid: mchId, out_trade_no: overrides.outTradeNo ?? outTradeNo, transaction_id: '4200000000000000000000000001', trade_state: 'SUCCESS', amount: { total: overrides.total ?? 100, currency: 'CNY' } }
      if (overrides.outTradeNo) transaction.out_trade_no = overrides.outTradeNo
      const nonce = randomBytes(6).toString('hex')
      const associated = 'transaction'
      const cipher = createCipheriv('aes-256-gcm', Buffer.from(overrides.wrongKey ? randomBytes(16).toString('hex') : apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'))
      cipher.setAAD(Buffer.from(associated, 'utf8'))
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(transaction), 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64')
      const body = JSON.stringify({
        id: randomBytes(16).toString('hex'),
        create_time: new Date().toISOString(),
        resource_type: 'encrypt-resource',
        event_type: 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: associated, nonce },
      })
      return { headers: { 'content-type': 'application/json', ...signedHeaders(body, overrides.badSignature ? impostor.privateKey : platform.privateKey) }, body }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
