/**
 * A small client for the Alipay OpenAPI gateway (the "v2" gateway.do protocol, RSA2).
 *
 * Protocol details, checked against Alipay's official Node SDK (alipay/alipay-sdk-nodejs-all,
 * src/util.ts `sign` and src/alipay.ts `exec`, `formatUrl`, `getSignStr`, `#checkResponseSign`)
 * and the official Java SDK (alipay-sdk-java AbstractAlipayClient.checkResponseSign):
 *  - Common parameters: app_id, method, format=JSON, charset=utf-8, sign_type=RSA2,
 *    timestamp "yyyy-MM-dd HH:mm:ss" (Beijing time), version=1.0, and biz_content as a JSON
 *    string when the method takes one; method-specific parameters (grant_type, code…) sit
 *    beside them.
 *  - Signing: every parameter except `sign` and empty values, keys sorted, `k=v` joined with
 *    `&`, values raw (not URL-encoded), SHA256withRSA over the UTF-8 bytes, base64. (Alipay's
 *    signing guide, opendocs.alipay.com/common/02kf5q, says to drop empty values; the Node SDK
 *    never produces any.)
 *  - Transport: POST application/x-www-form-urlencoded to the gateway. Like the SDKs, the
 *    protocol parameters (app_id, method, format, charset, sign_type, sign, timestamp,
 *    version…) travel in the URL query, the rest (biz_content, grant_type, code) in the body.
 *  - Page-type methods (alipay.user.certify.open.certify) are not called by the server: the
 *    signed parameters become a GET URL on the gateway (SDK `pageExec` with method GET).
 *  - Response: `{"<method with dots as underscores>_response": {...}, "sign": "..."}` or
 *    `{"error_response": {...}, "sign"?: "..."}`. The signed content is the exact raw JSON text
 *    of that value inside the body, so it is cut out of the raw text, never re-serialised.
 *    Alipay may escape "/" as "\/" in the text while signing the unescaped form; like the
 *    Java SDK, a failed check is retried once with "\/" replaced by "/".
 *  - Success is a node without sub_code (and code 10000 when a code is present): the Java SDK's
 *    AlipayResponse.isSuccess() is "sub_code is empty". Some success bodies have no code at all
 *    (alipay.system.oauth.token answers only the tokens and ids).
 *  - Signature policy (Java SDK): a success must carry a valid signature; an error carries one
 *    most of the time and it is then checked too; an unsigned error is accepted as an error,
 *    since it can only make the call fail, never grant anything.
 */
import { createSign, createVerify, type KeyObject } from 'node:crypto'
import { AppError } from '../../errors'
import { loadRsaPrivateKey, loadRsaPublicKey } from './rsa-keys'
import {
  DEFAULT_TIMEOUT_MS,
  UpstreamCallError,
  callUpstream,
  hostOf,
  parseJsonObject,
  upstreamUnavailable,
  type ProviderLogger,
} from './upstream'

export const ALIPAY_DEFAULT_GATEWAY = 'https://openapi.alipay.com/gateway.do'

/** Parameters the SDKs put in the gateway URL rather than the form body. */
const URL_PARAMS = new Set([
  'app_id',
  'method',
  'format',
  'charset',
  'sign_type',
  'sign',
  'timestamp',
  'version',
  'notify_url',
  'return_url',
  'auth_token',
  'app_auth_token',
])

export interface AlipayGatewayOptions {
  appId: string
  /** The app private key: PEM (PKCS#8 or PKCS#1) or the bare base64 Alipay's key tool gives. */
  privateKey: string | KeyObject
  /** Alipay's public key ("支付宝公钥", not the app public key): PEM or bare base64. */
  alipayPublicKey: string | KeyObject
  /** Default https://openapi.alipay.com/gateway.do. */
  gateway?: string
  timeoutMs?: number
  logger: ProviderLogger
  /** Clock, for tests. */
  now?: () => Date
}

export interface AlipayCallInput {
  /** Sent as the JSON `biz_content` parameter. */
  bizContent?: Record<string, unknown>
  /** Method-specific top-level parameters (e.g. grant_type, code). */
  params?: Record<string, string>
}

export type AlipayResult =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; code: string; msg?: string; subCode?: string; subMsg?: string }

export type Params = Record<string, string | undefined>

/** "yyyy-MM-dd HH:mm:ss" in Beijing time (Asia/Shanghai is UTC+8 all year, no DST). */
export function formatAlipayTimestamp(date: Date): string {
  const shanghai = new Date(date.getTime() + 8 * 3600 * 1000)
  const pad = (value: number) => String(value).padStart(2, '0')
  return (
    `${shanghai.getUTCFullYear()}-${pad(shanghai.getUTCMonth() + 1)}-${pad(shanghai.getUTCDate())} ` +
    `${pad(shanghai.getUTCHours())}:${pad(shanghai.getUTCMinutes())}:${pad(shanghai.getUTCSeconds())}`
  )
}

/** The string RSA2 signs: sorted `k=v` pairs joined by `&`, without `sign` and empty values. */
export function buildSignContent(params: Params): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== undefined && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&')
}

export function signParams(params: Params, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(buildSignContent(params), 'utf8').sign(privateKey, 'base64')
}

/** Verifies an RSA2 signature over `content`, retrying with `\/` unescaped as the Java SDK does. */
export function verifyRsa2(content: string, signature: string, publicKey: KeyObject): boolean {
  const check = (text: string) => {
    try {
      return createVerify('RSA-SHA256').update(text, 'utf8').verify(publicKey, signature, 'base64')
    } catch {
      return false
    }
  }
  if (check(content)) return true
  return content.includes('\\/') && check(content.replace(/\\\//g, '/'))
}

// --- raw JSON scanning -------------------------------------------------------------------------

/** Index just past the JSON string starting at `start` (which must be a quote), or -1. */
function skipString(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index]
    if (char === '\\') index++
    else if (char === '"') return index + 1
  }
  return -1
}

function skipWhitespace(text: string, index: number): number {
  while (index < text.length && /\s/.test(text[index])) index++
  return index
}

/** Index just past the JSON value starting at `start`, or -1 when it is malformed. */
function skipValue(text: string, start: number): number {
  const first = text[start]
  if (first === '"') return skipString(text, start)
  if (first === '{' || first === '[') {
    let depth = 0
    for (let index = start; index < text.length; index++) {
      const char = text[index]
      if (char === '"') {
        index = skipString(text, index) - 1
        if (index < 0) return -1
      } else if (char === '{' || char === '[') depth++
      else if (char === '}' || char === ']') {
        depth--
        if (depth === 0) return index + 1
      }
    }
    return -1
  }
  const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(start))
  return literal ? start + literal[0].length : -1
}

/**
 * The exact raw text of each top-level member of the JSON object in `text` (keys decoded,
 * values verbatim), or undefined when `text` is not a JSON object.
 */
export function rawTopLevelMembers(text: string): Map<string, string> | undefined {
  const members = new Map<string, string>()
  let index = skipWhitespace(text, 0)
  if (text[index] !== '{') return undefined
  index = skipWhitespace(text, index + 1)
  if (text[index] === '}') return members
  for (;;) {
    if (text[index] !== '"') return undefined
    const keyEnd = skipString(text, index)
    if (keyEnd < 0) return undefined
    let key: string
    try {
      key = JSON.parse(text.slice(index, keyEnd)) as string
    } catch {
      return undefined
    }
    index = skipWhitespace(text, keyEnd)
    if (text[index] !== ':') return undefined
    index = skipWhitespace(text, index + 1)
    const valueEnd = skipValue(text, index)
    if (valueEnd < 0) return undefined
    members.set(key, text.slice(index, valueEnd))
    index = skipWhitespace(text, valueEnd)
    if (text[index] === ',') {
      index = skipWhitespace(text, index + 1)
      continue
    }
    if (text[index] === '}') return members
    return undefined
  }
}

export function responseKeyOf(method: string): string {
  return `${method.replace(/\./g, '_')}_response`
}

// --- the client --------------------------------------------------------------------------------

export interface AlipayGateway {
  /** Calls a method through the gateway; resolves with the verified response node. */
  execute(method: string, input?: AlipayCallInput): Promise<AlipayResult>
  /** A signed GET URL on the gateway for a page-type method (no HTTP call is made). */
  pageUrl(method: string, input?: AlipayCallInput): string
}

export function createAlipayGateway(options: AlipayGatewayOptions): AlipayGateway {
  const privateKey = typeof options.privateKey === 'string' ? loadRsaPrivateKey(options.privateKey) : options.privateKey
  const publicKey =
    typeof options.alipayPublicKey === 'string' ? loadRsaPublicKey(options.alipayPublicKey) : options.alipayPublicKey
  const gateway = options.gateway ?? ALIPAY_DEFAULT_GATEWAY
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const now = options.now ?? (() => new Date())
  const { logger } = options
  const host = hostOf(gateway)

  function signedParams(method: string, input: AlipayCallInput): Record<string, string> {
    const params: Params = {
      app_id: options.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: formatAlipayTimestamp(now()),
      version: '1.0',
      ...input.params,
    }
    if (input.bizContent) params.biz_content = JSON.stringify(input.bizContent)
    const result: Record<string, string> = {}
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') result[key] = value
    result.sign = signParams(result, privateKey)
    return result
  }

  function securityEvent(method: string, reason: string): AppError {
    // A response that fails its signature is either a misconfigured ALIPAY_PUBLIC_KEY or
    // someone between us and Alipay: an operator must look at it either way.
    logger.error(
      { upstream: 'alipay.gateway', host, method, securityEvent: 'alipay_response_signature_failed', reason },
      'alipay: response signature verification failed; the response was discarded',
    )
    return upstreamUnavailable()
  }

  async function execute(method: string, input: AlipayCallInput = {}): Promise<AlipayResult> {
    const params = signedParams(method, input)
    const url = new URL(gateway)
    const form = new URLSearchParams()
    for (const [key, value] of Object.entries(params)) {
      if (URL_PARAMS.has(key)) url.searchParams.set(key, value)
      else form.set(key, value)
    }
    const where = { upstream: 'alipay.gateway', host, method }

    let response
    try {
      response = await callUpstream(
        url.toString(),
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json' },
          body: form.toString(),
        },
        timeoutMs,
      )
    } catch (error) {
      if (!(error instanceof UpstreamCallError)) throw error
      logger.warn({ ...where, failure: error.failure, reason: error.message }, 'alipay: no answer from the gateway')
      throw upstreamUnavailable()
    }
    if (response.status !== 200) {
      logger.warn({ ...where, status: response.status }, 'alipay: the gateway answered with an HTTP error')
      throw upstreamUnavailable()
    }

    const members = rawTopLevelMembers(response.text)
    const parsed = members && parseJsonObject(response.text)
    if (!members || !parsed) {
      logger.warn({ ...where, status: response.status }, 'alipay: the gateway answered something that is not JSON')
      throw upstreamUnavailable()
    }
    const methodKey = responseKeyOf(method)
    const nodeKey = members.has(methodKey) ? methodKey : members.has('error_response') ? 'error_response' : undefined
    const node = nodeKey ? parsed[nodeKey] : undefined
    if (!nodeKey || node === null || typeof node !== 'object' || Array.isArray(node)) {
      logger.warn({ ...where }, `alipay: the answer has neither ${methodKey} nor error_response`)
      throw upstreamUnavailable()
    }
    const body = node as Record<string, unknown>
    const rawNode = members.get(nodeKey) as string
    const signature = typeof parsed.sign === 'string' ? parsed.sign : undefined

    const code = body.code === undefined ? undefined : String(body.code)
    const subCode = typeof body.sub_code === 'string' && body.sub_code !== '' ? body.sub_code : undefined
    const success = nodeKey === methodKey && subCode === undefined && (code === undefined || code === '10000')

    if (signature === undefined || signature === '') {
      if (success) throw securityEvent(method, 'missing signature on a success response')
      logger.warn({ ...where, code, subCode }, 'alipay: unsigned error response (accepted only as a failure)')
    } else if (!verifyRsa2(rawNode, signature, publicKey)) {
      throw securityEvent(method, 'signature does not match the response content')
    }

    if (success) return { ok: true, body }
    return {
      ok: false,
      code: code ?? '',
      msg: typeof body.msg === 'string' ? body.msg : undefined,
      subCode,
      subMsg: typeof body.sub_msg === 'string' ? body.sub_msg : undefined,
    }
  }

  function pageUrl(method: string, input: AlipayCallInput = {}): string {
    const url = new URL(gateway)
    for (const [key, value] of Object.entries(signedParams(method, input))) url.searchParams.set(key, value)
    return url.toString()
  }

  return { execute, pageUrl }
}

// --- failures every caller maps the same way -----------------------------------------------------

/**
 * A failure for a log line. sub_msg is cut before "验签字符串" (for isv.invalid-signature the
 * gateway echoes the whole string it verified, biz_content included — names and ID numbers
 * for certify calls) and capped, so personal data never reaches the logs.
 */
export function failureDetails(failure: Extract<AlipayResult, { ok: false }>, method: string): object {
  const subMsg = failure.subMsg?.split('验签字符串')[0].slice(0, 120)
  return { upstream: 'alipay.gateway', method, code: failure.code, subCode: failure.subCode, subMsg }
}

/** Gateway codes for throttling: code 40005 "Call Limited" (isv.app-call-limited, isv.method-call-limited). */
export function isRateLimited(failure: Extract<AlipayResult, { ok: false }>): boolean {
  return (
    failure.code === '40005' ||
    failure.subCode === 'isv.app-call-limited' ||
    failure.subCode === 'isv.method-call-limited'
  )
}

/**
 * Maps a failure no caller has a better answer for: throttling → RATE_LIMITED; everything else
 * → UPSTREAM_UNAVAILABLE, logged as an error when it is our own configuration (signature,
 * permissions, missing parameters) and as a warning when Alipay is having trouble (20000, isp.*).
 */
export function commonFailure(
  failure: Extract<AlipayResult, { ok: false }>,
  method: string,
  logger: ProviderLogger,
): AppError {
  const details = failureDetails(failure, method)
  if (isRateLimited(failure)) {
    logger.warn(details, 'alipay: call limited')
    return new AppError('RATE_LIMITED')
  }
  const alipaySide = failure.code === '20000' || failure.subCode?.startsWith('isp.') || failure.subCode === 'aop.ACQ.SYSTEM_ERROR'
  if (alipaySide) logger.warn(details, 'alipay: service unavailable')
  else logger.error(details, 'alipay: request refused (check ALIPAY_APPID, keys and the app\'s product permissions)')
  return upstreamUnavailable()
}
