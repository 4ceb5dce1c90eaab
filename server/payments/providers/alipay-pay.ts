/**
 * Alipay payments for the mini-program through the OpenAPI gateway (RSA2, the identity
 * domain's gateway client: it signs every request and verifies every answer).
 *
 *  - alipay.trade.create (product_code JSAPI_PAY, buyer_id) → trade_no, which my.tradePay takes
 *    as tradeNO.
 *  - alipay.trade.query / alipay.trade.close / alipay.trade.refund (out_request_no = our refund
 *    number, so a retried refund is the same refund: Alipay answers it again without paying twice).
 *  - alipay.data.dataservice.bill.downloadurl.query (bill_type trade) → bill_download_url, a
 *    ZIP of CSV files (GBK): the day's detail (lines starting "#" are notes; 业务类型 交易 / 退款)
 *    and a summary.
 *  - Asynchronous notification: a form POST; the signed content is every parameter except
 *    sign and sign_type, sorted, `k=v` joined with `&`, RSA2 with Alipay's public key
 *    (opendocs.alipay.com 异步通知验签). We answer "success" once it is handled.
 */
import { createVerify, type KeyObject } from 'node:crypto'
import { AppError } from '../../errors'
import type { AlipayGateway, AlipayResult } from '../../identity/providers/alipay-gateway'
import { commonFailure, formatAlipayTimestamp } from '../../identity/providers/alipay-gateway'
import type { ProviderLogger } from '../../identity/providers/upstream'
import { billText, isZip, readZipEntries } from './zip-entries'
import { NotificationRefused, type BillLine, type PaymentProvider, type PlatformTrade } from './types'

export interface AlipayPayOptions {
  appId: string
  gateway: AlipayGateway
  alipayPublicKey: KeyObject
  notifyUrl: string
  timeoutMs: number
  logger: ProviderLogger
}

const unavailable = () => new AppError('UPSTREAM_UNAVAILABLE', { message: '支付服务繁忙，请稍后再试' })

/** 12000 → "120.00". */
export function yuanString(fen: number): string {
  return (fen / 100).toFixed(2)
}

/** "120.00" / "-120.00" → 12000 (absolute). */
export function fenOfYuan(text: string): number {
  const match = /^-?(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!match) return Number.NaN
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

function tradeState(status: unknown): PlatformTrade['state'] {
  if (status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED') return 'paid'
  if (status === 'WAIT_BUYER_PAY') return 'unpaid'
  if (status === 'TRADE_CLOSED') return 'closed'
  return 'unknown'
}

export function notificationSignContent(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign' && key !== 'sign_type' && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&')
}

export function createAlipayPay(options: AlipayPayOptions): PaymentProvider {
  const { gateway, logger } = options

  async function execute(method: string, bizContent: Record<string, unknown>, params?: Record<string, string>): Promise<AlipayResult> {
    return gateway.execute(method, { bizContent, params })
  }

  return {
    key: 'alipay',

    async prepare(order) {
      const result = await execute(
        'alipay.trade.create',
        {
          out_trade_no: order.orderNo,
          total_amount: yuanString(order.amountFen),
          subject: order.description,
          buyer_id: order.payer,
          product_code: 'JSAPI_PAY',
          time_expire: formatAlipayTimestamp(order.expiresAt),
        },
        { notify_url: options.notifyUrl },
      )
      if (!result.ok) throw commonFailure(result, 'alipay.trade.create', logger)
      const tradeNo = result.body.trade_no
      if (typeof tradeNo !== 'string' || tradeNo === '') throw unavailable()
      return { pay: { platform: 'alipay', tradeNO: tradeNo }, prepayRef: tradeNo }
    },

    payArgsFor: (_order, tradeNo) => ({ platform: 'alipay', tradeNO: tradeNo }),

    async query(orderNo) {
      const result = await execute('alipay.trade.query', { out_trade_no: orderNo })
      if (!result.ok) {
        // ACQ.TRADE_NOT_EXIST: the buyer never opened the cashier; nothing was paid.
        if (result.subCode === 'ACQ.TRADE_NOT_EXIST') return { orderNo, state: 'unknown' }
        throw commonFailure(result, 'alipay.trade.query', logger)
      }
      const amount = typeof result.body.total_amount === 'string' ? fenOfYuan(result.body.total_amount) : undefined
      return { orderNo, state: tradeState(result.body.trade_status), tradeNo: typeof result.body.trade_no === 'string' ? result.body.trade_no : undefined, amountFen: amount }
    },

    async close(orderNo) {
      const result = await execute('alipay.trade.close', { out_trade_no: orderNo })
      if (!result.ok && result.subCode !== 'ACQ.TRADE_NOT_EXIST') throw commonFailure(result, 'alipay.trade.close', logger)
    },

    async refund(request) {
      const result = await execute('alipay.trade.refund', {
        out_trade_no: request.orderNo,
        refund_amount: yuanString(request.amountFen),
        out_request_no: request.refundNo,
        refund_reason: request.reason,
      })
      if (!result.ok) throw commonFailure(result, 'alipay.trade.refund', logger)
      // fund_change Y: money moved by this call; N on a repeat of a refund already made. Both mean refunded.
      return { state: 'succeeded', platformRefundNo: typeof result.body.trade_no === 'string' ? result.body.trade_no : undefined }
    },

    verifyNotification(input) {
      const params = Object.fromEntries(new URLSearchParams(input.body))
      const signature = params.sign
      if (!signature) throw new NotificationRefused('no sign')
      if (params.sign_type && params.sign_type !== 'RSA2') throw new NotificationRefused('sign_type is not RSA2')
      let valid = false
      try {
        valid = createVerify('RSA-SHA256').update(notificationSignContent(params), 'utf8').verify(options.alipayPublicKey, signature, 'base64')
      } catch {
        valid = false
      }
      if (!valid) throw new NotificationRefused('signature does not match')
      if (params.app_id !== options.appId) throw new NotificationRefused('not for this app')
      const amountFen = fenOfYuan(params.total_amount ?? '')
      if (!params.out_trade_no || !Number.isFinite(amountFen)) throw new NotificationRefused('no order number or amount')
      return { orderNo: params.out_trade_no, tradeNo: params.trade_no ?? '', paid: tradeState(params.trade_status) === 'paid', amountFen }
    },

    async bill(date) {
      const result = await execute('alipay.data.dataservice.bill.downloadurl.query', { bill_type: 'trade', bill_date: date })
      if (!result.ok) throw commonFailure(result, 'alipay.data.dataservice.bill.downloadurl.query', logger)
      const url = result.body.bill_download_url
      if (typeof url !== 'string') throw unavailable()
      const bytes = await download(url, options.timeoutMs)
      if (!isZip(bytes)) return parseAlipayBill(billText(bytes))
      // The archive holds the day's detail (…业务明细.csv) and its summary (…业务明细(汇总).csv).
      const entries = readZipEntries(bytes)
      const detail = entries.find((entry) => entry.name.includes('业务明细') && !entry.name.includes('汇总')) ?? entries.find((entry) => entry.name.endsWith('.csv'))
      if (!detail) throw unavailable()
      return parseAlipayBill(billText(detail.data))
    },
  }
}

/** The bill file's bytes (a ZIP normally), within the time limit. */
async function download(url: string, timeoutMs: number): Promise<Buffer> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const response = await fetch(url, { signal: controller.signal })
    if (response.status !== 200) throw unavailable()
    return Buffer.from(await response.arrayBuffer())
  } catch (error) {
    if (error instanceof AppError) throw error
    throw unavailable()
  } finally {
    clearTimeout(timer)
  }
}

/** The trade detail CSV: "#" lines are notes; columns by name (支付宝交易号, 商户订单号, 业务类型, 订单金额（元）). */
export function parseAlipayBill(text: string): BillLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'))
  if (lines.length === 0) return []
  const columns = lines[0].split(',').map((name) => name.trim())
  const at = (name: string) => columns.indexOf(name)
  const [tradeNo, orderNo, kind, amount] = [at('支付宝交易号'), at('商户订单号'), at('业务类型'), at('订单金额（元）')]
  if ([tradeNo, orderNo, kind, amount].some((index) => index < 0)) throw new Error('Alipay bill header not recognised')
  const out: BillLine[] = []
  for (const line of lines.slice(1)) {
    const values = line.split(',').map((value) => value.trim())
    if (values.length < columns.length) continue
    const lineKind = values[kind] === '交易' ? 'paid' : values[kind] === '退款' ? 'refunded' : undefined
    if (!lineKind) continue
    out.push({ orderNo: values[orderNo], tradeNo: values[tradeNo], kind: lineKind, amountFen: fenOfYuan(values[amount]) })
  }
  return out
}
