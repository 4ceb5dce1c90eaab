/**
 * WeChat Pay API v3 (JSAPI, for the mini-program), spoken directly over HTTP.
 *
 * Protocol (pay.weixin.qq.com/doc/v3/merchant: 签名生成 / 签名验证 / 回调报文解密):
 *  - Every request is signed: SHA256withRSA with the merchant's API certificate key over
 *    "METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n", sent as
 *    `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"`.
 *  - Every answer (and every notification) is signed by WeChat Pay: headers Wechatpay-Timestamp,
 *    Wechatpay-Nonce, Wechatpay-Signature, Wechatpay-Serial over "TIMESTAMP\nNONCE\nBODY\n",
 *    verified with the platform public key (微信支付公钥) whose id is Wechatpay-Serial. An
 *    answer that fails is discarded.
 *  - JSAPI prepay: POST /v3/pay/transactions/jsapi → prepay_id. The mini-program's
 *    wx.requestPayment gets timeStamp, nonceStr, package "prepay_id=…", signType "RSA" and
 *    paySign = SHA256withRSA over "APPID\nTIMESTAMP\nNONCE\nPACKAGE\n".
 *  - Notification: JSON whose resource is AEAD_AES_256_GCM ciphertext (base64 of
 *    ciphertext‖16-byte tag) under the APIv3 key, with its nonce and associated_data.
 *  - Query GET /v3/pay/transactions/out-trade-no/{no}?mchid=, close POST …/{no}/close,
 *    refund POST /v3/refund/domestic/refunds, trade bill GET /v3/bill/tradebill?bill_date=
 *    then the signed download_url (CSV, each value prefixed with a backtick).
 * Timestamps older than 5 minutes are refused (replays).
 */
import { createDecipheriv, createHash, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto'
import { AppError } from '../../errors'
import { hostOf, parseJsonObject, UpstreamCallError, type ProviderLogger } from '../../identity/providers/upstream'
import { NotificationRefused, type BillLine, type NotificationInput, type PaymentProvider, type PlatformTrade, type ProviderOrder, type RefundRequest, type RefundResult } from './types'

export interface WechatPayOptions {
  appId: string
  mchId: string
  /** The merchant API certificate's serial number (serial_no in Authorization). */
  merchantSerial: string
  merchantPrivateKey: KeyObject
  /** 32 ASCII characters: decrypts notification resources. */
  apiV3Key: string
  platformPublicKey: KeyObject
  /** The platform key's id, as Wechatpay-Serial names it (PUB_KEY_ID_…). */
  platformKeyId: string
  apiBase: string
  notifyUrl: string
  timeoutMs: number
  logger: ProviderLogger
  now?: () => Date
}

const MAX_SKEW_SECONDS = 300

export function signMessage(message: string, key: KeyObject): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(key, 'base64')
}

export function verifyMessage(message: string, signature: string, key: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(key, signature, 'base64')
  } catch {
    return false
  }
}

/** Decrypts a v3 notification resource (AEAD_AES_256_GCM, the APIv3 key). Throws on a wrong key or tampering. */
export function decryptResource(resource: { ciphertext: string; nonce: string; associated_data?: string }, apiV3Key: string): string {
  const data = Buffer.from(resource.ciphertext, 'base64')
  if (data.length < 17) throw new Error('ciphertext too short')
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'))
  decipher.setAuthTag(data.subarray(data.length - 16))
  if (resource.associated_data) decipher.setAAD(Buffer.from(resource.associated_data, 'utf8'))
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8')
}

function header(headers: NotificationInput['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()] ?? headers[name]
  return Array.isArray(value) ? value[0] : value
}

const unavailable = () => new AppError('UPSTREAM_UNAVAILABLE', { message: '支付服务繁忙，请稍后再试' })

/** "2026-12-06T15:04:05+08:00" (RFC 3339 in Beijing time), the form time_expire takes. */
export function rfc3339Beijing(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00')
}

function tradeState(state: unknown): PlatformTrade['state'] {
  if (state === 'SUCCESS') return 'paid'
  if (state === 'NOTPAY' || state === 'USERPAYING') return 'unpaid'
  if (state === 'CLOSED' || state === 'REVOKED' || state === 'PAYERROR') return 'closed'
  if (state === 'REFUND') return 'refunded'
  return 'unknown'
}

/** "`1.20" → 120 fen, "`0.01" → 1. */
function fenOf(yuan: string): number {
  const [whole, fraction = ''] = yuan.replace(/^`/, '').trim().split('.')
  return Number(whole) * 100 + Number((fraction + '00').slice(0, 2))
}

export function createWechatPay(options: WechatPayOptions): PaymentProvider {
  const now = options.now ?? (() => new Date())
  const host = hostOf(options.apiBase)
  const { logger } = options

  function authorization(method: string, pathAndQuery: string, body: string): string {
    const timestamp = String(Math.floor(now().getTime() / 1000))
    const nonce = randomBytes(16).toString('hex')
    const signature = signMessage(`${method}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`, options.merchantPrivateKey)
    return `WECHATPAY2-SHA256-RSA2048 mchid="${options.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${options.merchantSerial}"`
  }

  /** Checks a WeChat Pay signature over (timestamp, nonce, body); the reason it fails, or undefined. */
  function signatureProblem(headers: NotificationInput['headers'], body: string): string | undefined {
    const timestamp = header(headers, 'wechatpay-timestamp')
    const nonce = header(headers, 'wechatpay-nonce')
    const signature = header(headers, 'wechatpay-signature')
    const serial = header(headers, 'wechatpay-serial')
    if (!timestamp || !nonce || !signature || !serial) return 'signature headers missing'
    if (serial !== options.platformKeyId) return `signed with an unknown key ${serial.slice(0, 40)}`
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now().getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return 'timestamp too old or in the future'
    if (!verifyMessage(`${timestamp}\n${nonce}\n${body}\n`, signature, options.platformPublicKey)) return 'signature does not match'
    return undefined
  }

  /** A signed request; the answer's signature is checked unless `unsigned` (the bill file, which is checked by its hash instead). */
  async function call(method: 'GET' | 'POST', pathAndQuery: string, payload?: object, unsigned = false): Promise<{ status: number; json?: Record<string, unknown>; text: string }> {
    const body = payload ? JSON.stringify(payload) : ''
    const where = { upstream: 'wechatpay', host, path: pathAndQuery.split('?')[0] }
    let response
    try {
      const fetched = await fetchSigned(options.apiBase + pathAndQuery, method, authorization(method, pathAndQuery, body), body)
      response = fetched
    } catch (error) {
      if (!(error instanceof UpstreamCallError)) throw error
      logger.warn({ ...where, failure: error.failure }, 'wechatpay: no answer')
      throw unavailable()
    }
    const problem = unsigned ? undefined : signatureProblem(response.headers, response.text)
    if (problem) {
      logger.error({ ...where, status: response.status, securityEvent: 'wechatpay_response_signature_failed', reason: problem }, 'wechatpay: answer signature failed; discarded')
      throw unavailable()
    }
    return { status: response.status, json: response.text ? parseJsonObject(response.text) : undefined, text: response.text }
  }

  async function fetchSigned(url: string, method: string, auth: string, body: string) {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), options.timeoutMs)
    try {
      const response = await fetch(url, {
        method,
        headers: { authorization: auth, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body || undefined,
        signal: controller.signal,
      })
      const text = await response.text()
      const headers: Record<string, string> = {}
      response.headers.forEach((value, key) => (headers[key] = value))
      return { status: response.status, text, headers }
    } catch (error) {
      if (controller.signal.aborted) throw new UpstreamCallError('timeout', `no answer within ${options.timeoutMs} ms`)
      throw new UpstreamCallError('network', error instanceof Error ? error.message : String(error))
    } finally {
      clearTimeout(timer)
    }
  }

  function refused(where: string, status: number, json?: Record<string, unknown>): AppError {
    logger.error({ upstream: 'wechatpay', host, where, status, code: json?.code, message: typeof json?.message === 'string' ? json.message.slice(0, 120) : undefined }, 'wechatpay: request refused')
    return unavailable()
  }

  function payArgsFor(_order: ProviderOrder, prepayId: string) {
    const timeStamp = String(Math.floor(now().getTime() / 1000))
    const nonceStr = randomBytes(16).toString('hex')
    const pkg = `prepay_id=${prepayId}`
    const paySign = signMessage(`${options.appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`, options.merchantPrivateKey)
    return { platform: 'weapp' as const, timeStamp, nonceStr, package: pkg, signType: 'RSA' as const, paySign }
  }

  return {
    key: 'weapp',

    async prepare(order) {
      const { status, json } = await call('POST', '/v3/pay/transactions/jsapi', {
        appid: options.appId,
        mchid: options.mchId,
        description: order.description,
        out_trade_no: order.orderNo,
        time_expire: rfc3339Beijing(order.expiresAt),
        notify_url: options.notifyUrl,
        amount: { total: order.amountFen, currency: 'CNY' },
        payer: { openid: order.payer },
      })
      const prepayId = json?.prepay_id
      if (status !== 200 || typeof prepayId !== 'string') throw refused('jsapi', status, json)
      return { pay: payArgsFor(order, prepayId), prepayRef: prepayId }
    },

    payArgsFor,

    async query(orderNo) {
      const { status, json } = await call('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNo)}?mchid=${options.mchId}`)
      if (status === 404) return { orderNo, state: 'unknown' }
      if (status !== 200 || !json) throw refused('query', status, json)
      const amount = json.amount as { total?: number; payer_total?: number } | undefined
      return {
        orderNo,
        state: tradeState(json.trade_state),
        tradeNo: typeof json.transaction_id === 'string' ? json.transaction_id : undefined,
        amountFen: typeof amount?.total === 'number' ? amount.total : undefined,
      }
    },

    async close(orderNo) {
      const { status, json } = await call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNo)}/close`, { mchid: options.mchId })
      if (status !== 204 && status !== 200) throw refused('close', status, json)
    },

    async refund(request: RefundRequest): Promise<RefundResult> {
      const { status, json } = await call('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: request.orderNo,
        out_refund_no: request.refundNo,
        reason: request.reason,
        amount: { refund: request.amountFen, total: request.totalFen, currency: 'CNY' },
      })
      if (status !== 200 || !json) throw refused('refund', status, json)
      const state = json.status
      if (state === 'SUCCESS') return { state: 'succeeded', platformRefundNo: String(json.refund_id ?? '') }
      if (state === 'PROCESSING') return { state: 'pending', platformRefundNo: String(json.refund_id ?? '') }
      throw refused('refund', status, json)
    },

    verifyNotification(input) {
      const problem = signatureProblem(input.headers, input.body)
      if (problem) throw new NotificationRefused(problem)
      const envelope = parseJsonObject(input.body)
      const resource = envelope?.resource as { algorithm?: string; ciphertext?: string; nonce?: string; associated_data?: string } | undefined
      if (!resource || resource.algorithm !== 'AEAD_AES_256_GCM' || typeof resource.ciphertext !== 'string' || typeof resource.nonce !== 'string') {
        throw new NotificationRefused('no AEAD_AES_256_GCM resource')
      }
      let transaction: Record<string, unknown> | undefined
      try {
        transaction = parseJsonObject(decryptResource({ ciphertext: resource.ciphertext, nonce: resource.nonce, associated_data: resource.associated_data }, options.apiV3Key))
      } catch {
        throw new NotificationRefused('resource does not decrypt with the APIv3 key')
      }
      if (!transaction || transaction.mchid !== options.mchId || transaction.appid !== options.appId) throw new NotificationRefused('not for this merchant')
      const amount = transaction.amount as { total?: unknown } | undefined
      if (typeof transaction.out_trade_no !== 'string' || typeof amount?.total !== 'number') throw new NotificationRefused('no order number or amount')
      return {
        orderNo: transaction.out_trade_no,
        tradeNo: typeof transaction.transaction_id === 'string' ? transaction.transaction_id : '',
        paid: transaction.trade_state === 'SUCCESS',
        amountFen: amount.total,
      }
    },

    async bill(date) {
      const { status, json } = await call('GET', `/v3/bill/tradebill?bill_date=${date}&bill_type=ALL`)
      if (status !== 200 || typeof json?.download_url !== 'string') throw refused('tradebill', status, json)
      const url = new URL(json.download_url)
      // The file itself is not signed: the signed answer above gives its hash, which it must match.
      const download = await call('GET', url.pathname + url.search, undefined, true)
      if (download.status !== 200) throw refused('billdownload', download.status)
      const algorithm = json.hash_type === 'SHA1' ? 'sha1' : json.hash_type === 'SM3' ? 'sm3' : undefined
      if (!algorithm || createHash(algorithm).update(download.text, 'utf8').digest('hex') !== String(json.hash_value).toLowerCase()) {
        logger.error({ upstream: 'wechatpay', host, securityEvent: 'wechatpay_bill_hash_mismatch' }, 'wechatpay: the trade bill does not match its hash; discarded')
        throw unavailable()
      }
      return parseTradeBill(download.text)
    },
  }
}

/**
 * The trade bill: a header line, one line per payment or refund (values prefixed with "`"),
 * then a summary header and line. Columns are found by name; 交易状态 SUCCESS is a payment,
 * REFUND a refund line (its amount 退款金额).
 */
export function parseTradeBill(text: string): BillLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '')
  if (lines.length === 0) return []
  const columns = lines[0].split(',')
  const at = (name: string) => columns.indexOf(name)
  const [orderNo, tradeNo, state, total, refund] = [at('商户订单号'), at('微信订单号'), at('交易状态'), at('订单金额'), at('退款金额')]
  if ([orderNo, tradeNo, state, total, refund].some((index) => index < 0)) throw new Error('trade bill header not recognised')
  const out: BillLine[] = []
  for (const line of lines.slice(1)) {
    if (!line.startsWith('`')) break // the summary section
    const values = line.split(',').map((value) => value.replace(/^`/, ''))
    const kind = values[state] === 'REFUND' ? 'refunded' : values[state] === 'SUCCESS' ? 'paid' : undefined
    if (!kind) continue
    out.push({ orderNo: values[orderNo], tradeNo: values[tradeNo], kind, amountFen: fenOf(kind === 'paid' ? values[total] : values[refund]) })
  }
  return out
}
