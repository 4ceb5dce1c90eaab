/**
 * A local Alipay OpenAPI gateway for the payments tests (trade methods and the bill).
 *
 * Like the login gateway (./alipay-server.ts, whose independent RSA2 helpers it uses) it
 * CHECKS every request: common parameters, app_id, a fresh timestamp and the RSA2 signature
 * with the app's public key (40002 isv.invalid-signature otherwise); it SIGNS every answer
 * with the gateway key (the signed text has non-ASCII escaped, so only a client that verifies
 * the raw text passes), and builds asynchronous notifications signed as Alipay signs them
 * (every parameter but sign and sign_type, sorted).
 *
 * Methods: alipay.trade.create (JSAPI_PAY, buyer_id), alipay.trade.query, alipay.trade.close,
 * alipay.trade.refund (out_request_no makes a repeat the same refund),
 * alipay.data.dataservice.bill.downloadurl.query (the URL serves a ZIP: the day's trade detail CSV and a summary).
 */
import { createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { crc32, deflateRawSync } from 'node:zlib'
import { verifyAlipaySignature } from './alipay-server'

export interface AlipayTrade {
  outTradeNo: string
  tradeNo: string
  totalAmount: string
  subject: string
  buyerId: string
  notifyUrl: string
  status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED'
  paidAt?: string
  refunds: { outRequestNo: string; amount: string; at: string }[]
}

export interface RecordedGatewayCall {
  method: string
  params: Record<string, string>
  biz: Record<string, any>
  signatureValid: boolean
}

export interface RunningAlipayPayServer {
  baseUrl: string
  appId: string
  trades: Map<string, AlipayTrade>
  calls: RecordedGatewayCall[]
  env: Record<string, string>
  scenario: { extraBillLines: string[]; refundFails: boolean }
  /** The buyer pays in the cashier. */
  pay(outTradeNo: string, at?: Date): AlipayTrade
  /**
   * Takes over another local gateway's keys (the bundle backend's, whose login gateway it then
   * stands in front of): requests are checked with `appPublicKey`, answers signed with
   * `gatewayPrivateKey`, and methods this server does not speak (login, certify) are passed
   * to `forwardTo` as they came, its answer back as it was.
   */
  adopt(keys: { appPublicKey: KeyObject; gatewayPrivateKey: KeyObject; forwardTo: string }): void
  /** An asynchronous notification body (form) as Alipay posts it. */
  notification(outTradeNo: string, options?: { totalAmount?: string; badSignature?: boolean; outTradeNo?: string }): string
  close(): Promise<void>
}

/**
 * A ZIP as Alipay's bill download is one: deflated entries, local headers, a central
 * directory. Names are flagged UTF-8 (bit 11); the content here is UTF-8 too (the real files
 * are GBK, which the client also reads: an encoder for GBK is not at hand in tests).
 */
function zipOf(files: { name: string; text: string }[]): Buffer {
  const locals: Buffer[] = []
  const directory: Buffer[] = []
  let offset = 0
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8')
    const data = Buffer.from(file.text, 'utf8')
    const packed = deflateRawSync(data)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x800, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, packed)
    directory.push(central, name)
    offset += local.length + name.length + packed.length
  }
  const directoryBytes = Buffer.concat(directory)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(directoryBytes.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directoryBytes, end])
}

const TRADE_METHODS = new Set(['alipay.trade.create', 'alipay.trade.query', 'alipay.trade.close', 'alipay.trade.refund', 'alipay.data.dataservice.bill.downloadurl.query'])
const pem = (key: KeyObject) => key.export({ type: key.type === 'private' ? 'pkcs8' : 'spki', format: 'pem' }).toString()
const chinaTime = (date: Date) => new Date(date.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19)
const asciiJson = (value: unknown) => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)

function notificationContent(params: Record<string, string>): string {
  return Object.entries(params)
    .filter(([key, value]) => key !== 'sign' && key !== 'sign_type' && value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&')
}

export async function startAlipayPayServer(options: { appId?: string } = {}): Promise<RunningAlipayPayServer> {
  const appId = options.appId ?? '2021000000000001'
  let app: { publicKey: KeyObject; privateKey?: KeyObject } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  let gateway: { publicKey?: KeyObject; privateKey: KeyObject } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  let forwardTo: string | undefined
  const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const trades = new Map<string, AlipayTrade>()
  const calls: RecordedGatewayCall[] = []
  const bills = new Map<string, Buffer>()
  const scenario = { extraBillLines: [] as string[], refundFails: false }
  const rsa2 = (text: string, key: KeyObject) => createSign('RSA-SHA256').update(text, 'utf8').sign(key, 'base64')

  function answer(response: ServerResponse, method: string, node: Record<string, unknown>) {
    const key = `${method.replace(/\./g, '_')}_response`
    const text = asciiJson(node)
    response.writeHead(200, { 'content-type': 'text/html;charset=utf-8' })
    response.end(`{"${key}":${text},"sign":"${rsa2(text, gateway.privateKey)}"}`)
  }
  const ok = (extra: Record<string, unknown>) => ({ code: '10000', msg: 'Success', ...extra })
  const fail = (subCode: string, subMsg: string, code = '40004') => ({ code, msg: 'Business Failed', sub_code: subCode, sub_msg: subMsg })

  function billFor(date: string): string {
    const header = '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注'
    const lines: string[] = []
    const line = (trade: AlipayTrade, kind: '交易' | '退款', amount: string, at: string, requestNo = '') =>
      [trade.tradeNo, trade.outTradeNo, kind, trade.subject, at, at, '', '', '', '', trade.buyerId, amount, amount, '0.00', '0.00', '0.00', '0.00', '0.00', '', '0.00', '0.00', requestNo, '0.00', '0.00', ''].join(',')
    for (const trade of trades.values()) {
      if (trade.paidAt && trade.paidAt.slice(0, 10) === date) lines.push(line(trade, '交易', trade.totalAmount, trade.paidAt))
      for (const refund of trade.refunds) if (refund.at.slice(0, 10) === date) lines.push(line(trade, '退款', `-${refund.amount}`, refund.at, refund.outRequestNo))
    }
    return ['#支付宝业务明细查询', `#账号：[${appId}]`, `#起始日期：[${date} 00:00:00]   终止日期：[${date} 23:59:59]`, '#-----------------------------------------业务明细列表----------------------------------------', header, ...lines, ...scenario.extraBillLines, '#-----------------------------------------业务明细列表结束------------------------------------', `#交易合计：${lines.length}笔`].join('\r\n')
  }

  function handle(params: Record<string, string>, response: ServerResponse) {
    const method = params.method ?? ''
    const signatureValid = verifyAlipaySignature(params, app.publicKey)
    let biz: Record<string, any> = {}
    try {
      biz = params.biz_content ? JSON.parse(params.biz_content) : {}
    } catch {
      return answer(response, method, fail('isv.invalid-parameter', 'biz_content', '40002'))
    }
    calls.push({ method, params, biz, signatureValid })
    if (params.app_id !== appId) return answer(response, method, fail('isv.invalid-app-id', '无效的AppID参数', '40002'))
    if (params.sign_type !== 'RSA2' || params.charset !== 'utf-8' || params.version !== '1.0') return answer(response, method, fail('isv.invalid-parameter', '公共参数错误', '40002'))
    if (!signatureValid) return answer(response, method, fail('isv.invalid-signature', '验签出错', '40002'))

    if (method === 'alipay.trade.create') {
      if (!/^\d+\.\d{2}$/.test(biz.total_amount ?? '') || Number(biz.total_amount) <= 0) return answer(response, method, fail('ACQ.INVALID_PARAMETER', 'total_amount', '40004'))
      if (!biz.out_trade_no || !biz.subject || !biz.buyer_id || biz.product_code !== 'JSAPI_PAY') return answer(response, method, fail('ACQ.INVALID_PARAMETER', '参数无效'))
      if (!params.notify_url) return answer(response, method, fail('ACQ.INVALID_PARAMETER', 'notify_url'))
      const existing = trades.get(biz.out_trade_no)
      if (existing) {
        if (existing.totalAmount !== biz.total_amount) return answer(response, method, fail('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改'))
        return answer(response, method, ok({ out_trade_no: existing.outTradeNo, trade_no: existing.tradeNo }))
      }
      const trade: AlipayTrade = { outTradeNo: biz.out_trade_no, tradeNo: `2026${randomBytes(12).toString('hex')}`, totalAmount: biz.total_amount, subject: biz.subject, buyerId: biz.buyer_id, notifyUrl: params.notify_url, status: 'WAIT_BUYER_PAY', refunds: [] }
      trades.set(trade.outTradeNo, trade)
      return answer(response, method, ok({ out_trade_no: trade.outTradeNo, trade_no: trade.tradeNo }))
    }
    const trade = trades.get(biz.out_trade_no)
    if (method === 'alipay.trade.query') {
      if (!trade) return answer(response, method, fail('ACQ.TRADE_NOT_EXIST', '交易不存在'))
      return answer(response, method, ok({ out_trade_no: trade.outTradeNo, trade_no: trade.tradeNo, trade_status: trade.status, total_amount: trade.totalAmount, buyer_user_id: trade.buyerId }))
    }
    if (method === 'alipay.trade.close') {
      if (!trade) return answer(response, method, fail('ACQ.TRADE_NOT_EXIST', '交易不存在'))
      if (trade.status === 'TRADE_SUCCESS') return answer(response, method, fail('ACQ.TRADE_STATUS_ERROR', '交易状态不合法'))
      trade.status = 'TRADE_CLOSED'
      return answer(response, method, ok({ out_trade_no: trade.outTradeNo, trade_no: trade.tradeNo }))
    }
    if (method === 'alipay.trade.refund') {
      if (!trade) return answer(response, method, fail('ACQ.TRADE_NOT_EXIST', '交易不存在'))
      if (scenario.refundFails) return answer(response, method, fail('ACQ.SYSTEM_ERROR', '系统错误', '20000'))
      if (!biz.out_request_no || biz.refund_amount !== trade.totalAmount) return answer(response, method, fail('ACQ.INVALID_PARAMETER', 'refund_amount'))
      const again = trade.refunds.find((refund) => refund.outRequestNo === biz.out_request_no)
      if (!again) {
        if (trade.status !== 'TRADE_SUCCESS') return answer(response, method, fail('ACQ.TRADE_STATUS_ERROR', '交易状态不合法'))
        trade.refunds.push({ outRequestNo: biz.out_request_no, amount: biz.refund_amount, at: chinaTime(new Date()) })
        trade.status = 'TRADE_CLOSED'
      }
      return answer(response, method, ok({ out_trade_no: trade.outTradeNo, trade_no: trade.tradeNo, refund_fee: biz.refund_amount, fund_change: again ? 'N' : 'Y' }))
    }
    if (method === 'alipay.data.dataservice.bill.downloadurl.query') {
      if (biz.bill_type !== 'trade' || !/^\d{4}-\d{2}-\d{2}$/.test(biz.bill_date ?? '')) return answer(response, method, fail('isp.invalid-parameter', 'bill_date'))
      const token = randomBytes(12).toString('hex')
      const prefix = `2088000000000001_${biz.bill_date.replace(/-/g, '')}`
      bills.set(token, zipOf([{ name: `${prefix}_业务明细.csv`, text: billFor(biz.bill_date) }, { name: `${prefix}_业务明细(汇总).csv`, text: '#支付宝业务汇总查询\r\n交易笔数,交易金额\r\n' }]))
      return answer(response, method, ok({ bill_download_url: `${baseUrl}/bill?token=${token}` }))
    }
    return answer(response, method, fail('isv.invalid-method', '不存在的方法名', '40002'))
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (raw += chunk))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost')
      if (url.pathname === '/bill') {
        const zip = bills.get(url.searchParams.get('token') ?? '')
        response.writeHead(zip === undefined ? 404 : 200, { 'content-type': 'application/zip' })
        return response.end(zip ?? '')
      }
      const params = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(new URLSearchParams(raw)) }
      if (forwardTo && !TRADE_METHODS.has(params.method ?? '')) {
        const target = new URL(forwardTo)
        target.search = url.search
        void fetch(target, { method: 'POST', headers: { 'content-type': String(request.headers['content-type'] ?? 'application/x-www-form-urlencoded') }, body: raw })
          .then(async (answer) => {
            response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/html;charset=utf-8' })
            response.end(await answer.text())
          })
          .catch(() => response.writeHead(502).end())
        return
      }
      handle(params, response)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    baseUrl,
    appId,
    trades,
    calls,
    scenario,
    env: { ALIPAY_APPID: appId, ALIPAY_PRIVATE_KEY: pem(app.privateKey!), ALIPAY_PUBLIC_KEY: pem(gateway.publicKey!), ALIPAY_GATEWAY: `${baseUrl}/gateway.do` },
    adopt(keys) {
      app = { publicKey: keys.appPublicKey }
      gateway = { privateKey: keys.gatewayPrivateKey }
      forwardTo = keys.forwardTo
    },
    pay(outTradeNo, at = new Date()) {
      const trade = trades.get(outTradeNo)
      if (!trade) throw new Error(`no trade ${outTradeNo}`)
      Object.assign(trade, { status: 'TRADE_SUCCESS', paidAt: chinaTime(at) })
      return trade
    },
    notification(outTradeNo, overrides = {}) {
      const trade = trades.get(outTradeNo)
      const params: Record<string, string> = {
        notify_time: chinaTime(new Date()),
        notify_type: 'trade_status_sync',
        notify_id: randomBytes(16).toString('hex'),
        app_id: appId,
        charset: 'utf-8',
        version: '1.0',
        sign_type: 'RSA2',
        trade_no: trade?.tradeNo ?? '2026000000000000000000',
        out_trade_no: overrides.outTradeNo ?? outTradeNo,
        trade_status: 'TRADE_SUCCESS',
        total_amount: overrides.totalAmount ?? trade?.totalAmount ?? '1.00',
        buyer_id: trade?.buyerId ?? '2088000000000000',
        gmt_payment: trade?.paidAt ?? chinaTime(new Date()),
        subject: trade?.subject ?? '缴费',
      }
      params.sign = rsa2(notificationContent(params), overrides.badSignature ? impostor.privateKey : gateway.privateKey)
      return new URLSearchParams(params).toString()
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
