/**
 * A local Alipay OpenAPI gateway (gateway.do, RSA2) for the identity providers' tests.
 *
 * It parses the form POST (protocol parameters in the query, the rest in the body, as the
 * SDKs send them), VERIFIES the RSA2 request signature with the app's public key using its own
 * implementation (not the production signer), checks the common parameters, dispatches by
 * `method` and answers `{"<method>_response": {...}, "sign": "..."}` or
 * `{"error_response": {...}, "sign": "..."}` signed with the gateway's own key pair. The signed
 * text is emitted with non-ASCII escaped as \uXXXX, so a client that re-serialises instead of
 * verifying the raw text fails.
 *
 * Methods: alipay.system.oauth.token, alipay.user.certify.open.initialize,
 * alipay.user.certify.open.query, alipay.open.app.mini.templatemessage.send (subscription
 * messages: to_user_id or to_open_id, user_template_id, data as a JSON string, each value
 * ≤ 50 characters; failures on demand). Scenario switches: call limiting, service unavailable,
 * delays, bad/missing response signatures, certify results.
 */
import { createPublicKey, createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface OauthAccount {
  user_id?: string
  open_id?: string
}

export interface Certification {
  outerOrderNo: string
  certName: string
  certNo: string
  returnUrl: string
  passed: 'T' | 'F'
}

export interface AlipayScenario {
  appId: string
  /** Verifies request signatures: the app's public key as uploaded to Alipay's console. */
  appPublicKey: KeyObject
  /** Signs responses: the gateway's own key (its public half is ALIPAY_PUBLIC_KEY). */
  gatewayPrivateKey: KeyObject
  /** Auth codes that work (once each). */
  oauthCodes: Map<string, OauthAccount>
  usedCodes: Set<string>
  /** Answer every call with 40005 isv.app-call-limited. */
  rateLimited: boolean
  /** Answer every call with 20000 isp.unknow-error. */
  busy: boolean
  delayMs: number
  /** 'invalid': signed with a different key; 'missing': no sign member. */
  responseSignature: 'valid' | 'invalid' | 'missing'
  /** Whether error answers carry a signature (real ones mostly do). */
  signErrors: boolean
  /** Escape "/" as "\/" in the response text after signing the unescaped text. */
  escapeSlashesAfterSigning: boolean
  /** passed of certifications started from now on. */
  certifyPassed: 'T' | 'F'
  certifications: Map<string, Certification>
  /** templatemessage.send: template ids that exist (empty = any). */
  templateIds: Set<string>
  /** templatemessage.send: failures to answer with, one per call, in order, before any success. */
  templateMessageFailures: TemplateMessageFailure[]
}

/** One failure on demand: an Alipay error node, an HTTP status, or holding the answer (a timeout). */
export type TemplateMessageFailure = { code: string; msg?: string; subCode: string; subMsg?: string } | { httpStatus: number } | { delayMs: number }

export interface TemplateMessage {
  to_user_id?: string
  to_open_id?: string
  user_template_id: string
  page?: string
  /** Parsed from the JSON string the API takes. */
  data: Record<string, { value: string }>
}

export interface RecordedAlipayRequest {
  httpMethod: string
  /** The Alipay method (e.g. alipay.system.oauth.token). */
  method: string
  /** All parameters, query and body merged. */
  params: Record<string, string>
  queryKeys: string[]
  bodyKeys: string[]
  signatureValid: boolean
  bizContent?: Record<string, any>
}

export interface RunningAlipayServer {
  /** The gateway URL (…/gateway.do). */
  baseUrl: string
  close(): Promise<void>
  requests: RecordedAlipayRequest[]
  scenario: AlipayScenario
  /** Template messages accepted, in order. */
  templateMessages: TemplateMessage[]
}

// --- an independent RSA2 implementation (deliberately not the production code) -------------

/** Alipay's sign content: keys sorted, `sign` and empty values left out, `k=v` joined by `&`. */
export function alipaySignContent(params: Record<string, string>): string {
  return Object.entries(params)
    .filter(([key, value]) => key !== 'sign' && value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&')
}

export function verifyAlipaySignature(params: Record<string, string>, appPublicKey: KeyObject): boolean {
  if (!params.sign) return false
  try {
    return createVerify('RSA-SHA256').update(alipaySignContent(params), 'utf8').verify(appPublicKey, params.sign, 'base64')
  } catch {
    return false
  }
}

function rsa2(text: string, key: KeyObject): string {
  return createSign('RSA-SHA256').update(text, 'utf8').sign(key, 'base64')
}

/** JSON with every non-ASCII character escaped (valid JSON whose re-serialisation differs). */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function shanghaiNow(): number {
  return Date.now() + 8 * 3600 * 1000
}

function parseTimestamp(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text)
  if (!match) return undefined
  const [, y, mo, d, h, mi, s] = match.map(Number)
  return Date.UTC(y, mo - 1, d, h, mi, s)
}

export function generateRsaKeyPair(bits = 2048): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: bits })
}

export async function start(
  initial: Partial<AlipayScenario> & Pick<AlipayScenario, 'appPublicKey' | 'gatewayPrivateKey'>,
): Promise<RunningAlipayServer> {
  const scenario: AlipayScenario = {
    appId: '2021000000000001',
    oauthCodes: new Map(),
    usedCodes: new Set(),
    rateLimited: false,
    busy: false,
    delayMs: 0,
    responseSignature: 'valid',
    signErrors: true,
    escapeSlashesAfterSigning: false,
    certifyPassed: 'T',
    certifications: new Map(),
    templateIds: new Set(),
    templateMessageFailures: [],
    ...initial,
  }
  const requests: RecordedAlipayRequest[] = []
  const templateMessages: TemplateMessage[] = []
  const timers = new Set<NodeJS.Timeout>()
  let wrongKey: KeyObject | undefined

  function answer(response: ServerResponse, key: string, node: Record<string, unknown>) {
    const nodeText = asciiJson(node)
    const isError = key === 'error_response' || (node.code !== undefined && node.code !== '10000') || node.sub_code !== undefined
    let signature: string | undefined
    if (scenario.responseSignature !== 'missing' && (!isError || scenario.signErrors)) {
      signature = rsa2(nodeText, scenario.responseSignature === 'invalid' ? (wrongKey ??= generateRsaKeyPair().privateKey) : scenario.gatewayPrivateKey)
    }
    const shownNode = scenario.escapeSlashesAfterSigning ? nodeText.replace(/\//g, '\\/') : nodeText
    const text = `{"${key}":${shownNode}${signature ? `,"sign":"${signature}"` : ''}}`
    response.writeHead(200, { 'content-type': 'text/html;charset=utf-8' })
    response.end(text)
  }

  function handle(record: RecordedAlipayRequest, response: ServerResponse) {
    const { params, method } = record
    const responseKey = method ? `${method.replace(/\./g, '_')}_response` : 'error_response'
    const fail = (code: string, msg: string, subCode: string, subMsg: string, key = responseKey) =>
      answer(response, key, { code, msg, sub_code: subCode, sub_msg: subMsg })

    // Gateway checks, in the order of Alipay's public error codes.
    for (const name of ['method', 'app_id', 'sign_type', 'sign', 'timestamp', 'version', 'charset']) {
      if (!params[name]) return fail('40001', 'Missing Required Arguments', `isv.missing-${name.replace('_', '-')}`, `缺少${name}参数`, 'error_response')
    }
    if (params.app_id !== scenario.appId) return fail('40002', 'Invalid Arguments', 'isv.invalid-app-id', '无效的AppID参数')
    if (params.sign_type !== 'RSA2') return fail('40002', 'Invalid Arguments', 'isv.invalid-signature-type', '无效的签名类型')
    if (params.charset !== 'utf-8') return fail('40002', 'Invalid Arguments', 'isv.invalid-charset', '字符集错误')
    if (params.format && params.format.toUpperCase() !== 'JSON') return fail('40002', 'Invalid Arguments', 'isv.invalid-format', '无效的数据格式')
    if (params.version !== '1.0') return fail('40002', 'Invalid Arguments', 'isv.invalid-version', '无效的版本')
    const sentAt = parseTimestamp(params.timestamp)
    if (sentAt === undefined || Math.abs(shanghaiNow() - sentAt) > 10 * 60 * 1000) {
      return fail('40002', 'Invalid Arguments', 'isv.invalid-timestamp', '非法的时间戳参数')
    }
    if (!record.signatureValid) {
      // Like the real gateway, the message echoes the string it verified.
      return fail('40002', 'Invalid Arguments', 'isv.invalid-signature', `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${alipaySignContent(params)}`)
    }
    if (scenario.busy) return fail('20000', 'Service Currently Unavailable', 'isp.unknow-error', '系统繁忙')
    if (scenario.rateLimited) return fail('40005', 'Call Limited', 'isv.app-call-limited', '应用调用次数超限，包含调用频率超限')

    if (method === 'alipay.system.oauth.token') {
      if (params.grant_type !== 'authorization_code') return fail('40002', 'Invalid Arguments', 'isv.grant-type-invalid', 'grant_type参数不正确')
      const code = params.code ?? ''
      const account = scenario.oauthCodes.get(code)
      if (!account || scenario.usedCodes.has(code)) {
        return fail('40002', 'Invalid Arguments', 'isv.code-invalid', '授权码code无效', 'error_response')
      }
      scenario.usedCodes.add(code)
      return answer(response, responseKey, {
        ...account,
        access_token: `authbseB${randomBytes(12).toString('hex')}`,
        expires_in: 1296000,
        refresh_token: `authbseB${randomBytes(12).toString('hex')}`,
        re_expires_in: 2592000,
        auth_start: '2024-01-01 00:00:00',
      })
    }

    const biz = record.bizContent
    if (method === 'alipay.user.certify.open.initialize') {
      const identity = biz?.identity_param ?? {}
      const complete =
        typeof biz?.outer_order_no === 'string' &&
        /^[A-Za-z0-9]{1,32}$/.test(biz.outer_order_no) &&
        biz.biz_code === 'FACE' &&
        identity.identity_type === 'CERT_INFO' &&
        identity.cert_type === 'IDENTITY_CARD' &&
        typeof identity.cert_name === 'string' &&
        identity.cert_name !== '' &&
        typeof identity.cert_no === 'string' &&
        identity.cert_no !== '' &&
        typeof biz?.merchant_config?.return_url === 'string'
      if (!complete) return fail('40004', 'Business Failed', 'INVALID_PARAMETER', '参数有误')
      const certifyId = randomBytes(16).toString('hex')
      scenario.certifications.set(certifyId, {
        outerOrderNo: biz!.outer_order_no,
        certName: identity.cert_name,
        certNo: identity.cert_no,
        returnUrl: biz!.merchant_config.return_url,
        passed: scenario.certifyPassed,
      })
      return answer(response, responseKey, { code: '10000', msg: 'Success', certify_id: certifyId })
    }

    if (method === 'alipay.user.certify.open.query') {
      const certification = scenario.certifications.get(String(biz?.certify_id ?? ''))
      if (!certification) return fail('40004', 'Business Failed', 'OPEN_CERTIFY_BILL_NOT_EXIST', '无效的certify_id')
      return answer(response, responseKey, {
        code: '10000',
        msg: 'Success',
        passed: certification.passed,
        identity_info: '{}',
        material_info: '{}',
        ...(certification.passed === 'F' ? { fail_reason: 'Z1147' } : {}),
      })
    }

    if (method === 'alipay.open.app.mini.templatemessage.send') {
      const failure = scenario.templateMessageFailures.shift()
      if (failure && 'httpStatus' in failure) {
        response.writeHead(failure.httpStatus, { 'content-type': 'text/html' })
        response.end('<html><body>error</body></html>')
        return
      }
      if (failure && 'delayMs' in failure) {
        const timer = setTimeout(() => {
          timers.delete(timer)
          if (!response.destroyed) answer(response, responseKey, { code: '10000', msg: 'Success' })
        }, failure.delayMs)
        timers.add(timer)
        return
      }
      if (failure) return fail(failure.code, failure.msg ?? 'Business Failed', failure.subCode, failure.subMsg ?? 'failure on demand')
      const recipient = typeof biz?.to_user_id === 'string' && biz.to_user_id !== '' ? 'user' : typeof biz?.to_open_id === 'string' && biz.to_open_id !== '' ? 'open' : undefined
      if (!recipient) return fail('40002', 'Invalid Arguments', 'isv.missing-parameter', '缺少必选参数to_user_id或to_open_id')
      if (typeof biz?.user_template_id !== 'string' || biz.user_template_id === '') return fail('40002', 'Invalid Arguments', 'isv.missing-parameter', '缺少必选参数user_template_id')
      if (scenario.templateIds.size > 0 && !scenario.templateIds.has(biz.user_template_id)) return fail('40004', 'Business Failed', 'USER_TEMPLATE_ILLEGAL', '模板非法')
      let data: unknown
      try {
        data = typeof biz.data === 'string' ? JSON.parse(biz.data) : undefined
      } catch {
        data = undefined
      }
      if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail('40004', 'Business Failed', 'INVALID_PARAMETER', 'data参数格式错误')
      for (const item of Object.values(data as Record<string, { value?: unknown }>)) {
        if (typeof item?.value !== 'string') return fail('40004', 'Business Failed', 'INVALID_PARAMETER', 'data参数格式错误')
        if (Array.from(item.value).length > 50) return fail('40004', 'Business Failed', 'USER_KEYWORD_LENGTH_ERROR', '关键词超长')
      }
      templateMessages.push({
        ...(recipient === 'user' ? { to_user_id: biz.to_user_id } : { to_open_id: biz.to_open_id }),
        user_template_id: biz.user_template_id,
        page: typeof biz.page === 'string' ? biz.page : undefined,
        data: data as Record<string, { value: string }>,
      })
      return answer(response, responseKey, { code: '10000', msg: 'Success' })
    }

    return fail('40002', 'Invalid Arguments', 'isv.invalid-method', '不存在的方法名', 'error_response')
  }

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1')
      if (url.pathname !== '/gateway.do') {
        response.writeHead(404)
        response.end()
        return
      }
      const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
      const params: Record<string, string> = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(body) }
      let bizContent: Record<string, any> | undefined
      try {
        bizContent = params.biz_content ? JSON.parse(params.biz_content) : undefined
      } catch {
        bizContent = undefined
      }
      const record: RecordedAlipayRequest = {
        httpMethod: incoming.method ?? 'GET',
        method: params.method ?? '',
        params,
        queryKeys: [...url.searchParams.keys()],
        bodyKeys: [...body.keys()],
        signatureValid: verifyAlipaySignature(params, scenario.appPublicKey),
        bizContent,
      }
      requests.push(record)
      if (scenario.delayMs > 0) {
        const timer = setTimeout(() => {
          timers.delete(timer)
          if (!response.destroyed) handle(record, response)
        }, scenario.delayMs)
        timers.add(timer)
      } else handle(record, response)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    baseUrl: `http://127.0.0.1:${port}/gateway.do`,
    requests,
    scenario,
    templateMessages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        timers.clear()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** PEM / bare-base64 exports of a key pair, as operators would paste them. */
export function exportKeys(pair: { privateKey: KeyObject; publicKey: KeyObject }) {
  const pkcs8Pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const pkcs1Pem = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
  const spkiPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()
  return {
    pkcs8Pem,
    pkcs1Pem,
    pkcs8Base64: pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    pkcs1Base64: pair.privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
    spkiPem,
    spkiBase64: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    publicKeyObject: createPublicKey(spkiPem),
  }
}
