/**
 * A local server speaking the parts of WeChat's server API the identity providers use:
 *   GET  /sns/jscode2session                    (wx.login code → openid, unionid, session_key)
 *   GET  /cgi-bin/token                         (client_credential → access_token)
 *   POST /cityservice/face/identify/getinfo     (verify_result → face verification result)
 *   POST /cgi-bin/message/subscribe/send        (subscribeMessage.send: touser, template_id, page, data)
 * It checks the incoming parameters the way WeChat does (wrong appid/secret/grant_type, a
 * missing code and a stale access token are refused with WeChat's errcodes) and answers from a
 * scenario the test controls. Listens on 127.0.0.1 on a free port.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface WechatLoginAccount {
  openid: string
  unionid?: string
  /** Defaults to a random value; tests read it back to prove it never leaks. */
  sessionKey?: string
}

export interface WechatFaceRecord {
  openid: string
  name: string
  idNumber: string
  /** 0 = passed. */
  identifyRet?: number
  /** Unix seconds; defaults to now. */
  identifyTime?: number
}

export interface WechatScenario {
  appId: string
  secret: string
  /** wx.login codes that work (once each). */
  codes: Map<string, WechatLoginAccount>
  /** Codes already exchanged: a second use answers 40163. */
  usedCodes: Set<string>
  /** Answer every call with errcode 45011. */
  rateLimited: boolean
  /** Answer every call with errcode -1 (system busy). */
  busy: boolean
  /** Answer with an HTML error page instead of JSON. */
  nonJson: boolean
  /** Answer with this HTTP status (and an empty body) instead. */
  httpStatus?: number
  /** Hold every answer this long (timeouts). */
  delayMs: number
  /** Answer errcodes the adapter does not know (e.g. 40226 high-risk user) for login. */
  loginErrcode?: number
  /** expires_in of issued access tokens. */
  tokenExpiresIn: number
  /** Results of face verifications by verify_result. */
  verifyResults: Map<string, WechatFaceRecord>
  /** subscribeMessage.send: template ids that exist (empty = any). */
  templateIds: Set<string>
  /** subscribeMessage.send: openids with no subscription left (answered 43101). */
  refusedOpenids: Set<string>
  /** subscribeMessage.send: failures to answer with, one per call, in order, before any success. */
  sendFailures: SendFailure[]
}

/** One failure on demand: a WeChat errcode, an HTTP status, or holding the answer (a timeout). */
export type SendFailure = { errcode: number; errmsg?: string } | { httpStatus: number } | { delayMs: number }

export interface SubscribeMessage {
  touser: string
  template_id: string
  page?: string
  data: Record<string, { value: string }>
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  body: string
}

export interface RunningWechatServer {
  baseUrl: string
  close(): Promise<void>
  requests: RecordedRequest[]
  scenario: WechatScenario
  /** Every session_key this server handed out. */
  issuedSessionKeys: string[]
  /** Makes every issued access token invalid (as when another process fetched a new one). */
  revokeTokens(): void
  /** Subscription messages accepted (errcode 0), in order. */
  subscribeMessages: SubscribeMessage[]
}

export const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex')

export async function start(initial: Partial<WechatScenario> = {}): Promise<RunningWechatServer> {
  const scenario: WechatScenario = {
    appId: 'wx1234567890abcdef',
    secret: '0123456789abcdef0123456789abcdef',
    codes: new Map(),
    usedCodes: new Set(),
    rateLimited: false,
    busy: false,
    nonJson: false,
    delayMs: 0,
    tokenExpiresIn: 7200,
    verifyResults: new Map(),
    templateIds: new Set(),
    refusedOpenids: new Set(),
    sendFailures: [],
    ...initial,
  }
  const requests: RecordedRequest[] = []
  const subscribeMessages: SubscribeMessage[] = []
  const issuedSessionKeys: string[] = []
  const validTokens = new Set<string>()
  const timers = new Set<NodeJS.Timeout>()

  function send(response: ServerResponse, body: object, status = 200) {
    response.writeHead(status, { 'content-type': 'application/json; encoding=utf-8' })
    response.end(JSON.stringify(body))
  }

  /** The switches every endpoint honours; true when it answered. */
  function answeredBySwitch(response: ServerResponse): boolean {
    if (scenario.httpStatus) {
      response.writeHead(scenario.httpStatus)
      response.end()
      return true
    }
    if (scenario.nonJson) {
      response.writeHead(502, { 'content-type': 'text/html' })
      response.end('<html><body><h1>502 Bad Gateway</h1></body></html>')
      return true
    }
    if (scenario.busy) {
      send(response, { errcode: -1, errmsg: 'system error' })
      return true
    }
    if (scenario.rateLimited) {
      send(response, { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' })
      return true
    }
    return false
  }

  function credentialsProblem(query: Record<string, string>): object | undefined {
    if (!query.appid) return { errcode: 41002, errmsg: 'appid missing' }
    if (query.appid !== scenario.appId) return { errcode: 40013, errmsg: 'invalid appid' }
    if (!query.secret) return { errcode: 41004, errmsg: 'appsecret missing' }
    if (query.secret !== scenario.secret) return { errcode: 40125, errmsg: 'invalid appsecret' }
    return undefined
  }

  function jscode2session(request: RecordedRequest, response: ServerResponse) {
    if (request.method !== 'GET') return send(response, { errcode: 43001, errmsg: 'require GET method' })
    const problem = credentialsProblem(request.query)
    if (problem) return send(response, problem)
    if (request.query.grant_type !== 'authorization_code') return send(response, { errcode: 40002, errmsg: 'invalid grant_type' })
    const code = request.query.js_code
    if (!code) return send(response, { errcode: 41008, errmsg: 'missing code' })
    if (answeredBySwitch(response)) return
    if (scenario.loginErrcode) return send(response, { errcode: scenario.loginErrcode, errmsg: 'code blocked' })
    if (scenario.usedCodes.has(code)) return send(response, { errcode: 40163, errmsg: 'code been used, rid: test' })
    const account = scenario.codes.get(code)
    if (!account) return send(response, { errcode: 40029, errmsg: 'invalid code, rid: test' })
    scenario.usedCodes.add(code)
    const sessionKey = account.sessionKey ?? randomBytes(16).toString('base64')
    issuedSessionKeys.push(sessionKey)
    send(response, { session_key: sessionKey, openid: account.openid, ...(account.unionid ? { unionid: account.unionid } : {}) })
  }

  function token(request: RecordedRequest, response: ServerResponse) {
    if (request.method !== 'GET') return send(response, { errcode: 43001, errmsg: 'require GET method' })
    if (request.query.grant_type !== 'client_credential') return send(response, { errcode: 40002, errmsg: 'invalid grant_type' })
    const problem = credentialsProblem(request.query)
    if (problem) return send(response, problem)
    if (answeredBySwitch(response)) return
    const accessToken = `token-${randomBytes(8).toString('hex')}`
    validTokens.add(accessToken)
    send(response, { access_token: accessToken, expires_in: scenario.tokenExpiresIn })
  }

  function faceGetInfo(request: RecordedRequest, response: ServerResponse) {
    if (request.method !== 'POST') return send(response, { errcode: 43002, errmsg: 'require POST method' })
    if (!validTokens.has(request.query.access_token ?? '')) {
      return send(response, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
    }
    if (answeredBySwitch(response)) return
    let verifyResult: unknown
    try {
      verifyResult = (JSON.parse(request.body) as { verify_result?: unknown }).verify_result
    } catch {
      return send(response, { errcode: 47001, errmsg: 'data format error' })
    }
    const record = typeof verifyResult === 'string' ? scenario.verifyResults.get(verifyResult) : undefined
    // The real errcode for an unknown or expired verify_result is not documented; any non-zero does.
    if (!record) return send(response, { errcode: 40097, errmsg: 'invalid args' })
    const identifyTime = record.identifyTime ?? Math.floor(Date.now() / 1000)
    send(response, {
      errcode: 0,
      errmsg: 'ok',
      identify_ret: record.identifyRet ?? 0,
      identify_time: identifyTime,
      validate_data: '8201',
      openid: record.openid,
      user_id_key: randomBytes(8).toString('hex'),
      finish_time: identifyTime + 3,
      id_card_number_md5: md5(record.idNumber.toUpperCase()),
      name_utf8_md5: md5(record.name),
    })
  }

  /** Field limits of subscription data types (thing ≤ 20 characters, phrase ≤ 5). */
  function dataProblem(data: unknown): string | undefined {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'data'
    for (const [key, item] of Object.entries(data as Record<string, unknown>)) {
      const value = (item as { value?: unknown } | null)?.value
      if (typeof value !== 'string' || value === '') return `data.${key}.value`
      const length = Array.from(value).length
      if (key.startsWith('thing') && length > 20) return `data.${key}.value`
      if (key.startsWith('phrase') && length > 5) return `data.${key}.value`
      if (key.startsWith('time') && !/^\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?$/.test(value)) return `data.${key}.value`
    }
    return undefined
  }

  function subscribeSend(request: RecordedRequest, response: ServerResponse) {
    if (request.method !== 'POST') return send(response, { errcode: 43002, errmsg: 'require POST method' })
    if (!validTokens.has(request.query.access_token ?? '')) {
      return send(response, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
    }
    if (answeredBySwitch(response)) return
    const failure = scenario.sendFailures.shift()
    if (failure && 'httpStatus' in failure) {
      response.writeHead(failure.httpStatus, { 'content-type': 'text/html' })
      response.end('<html><body>error</body></html>')
      return
    }
    if (failure && 'delayMs' in failure) {
      const timer = setTimeout(() => {
        timers.delete(timer)
        if (!response.destroyed) send(response, { errcode: 0, errmsg: 'ok' })
      }, failure.delayMs)
      timers.add(timer)
      return
    }
    if (failure) return send(response, { errcode: failure.errcode, errmsg: failure.errmsg ?? 'failure on demand' })
    let message: Partial<SubscribeMessage>
    try {
      message = JSON.parse(request.body) as Partial<SubscribeMessage>
    } catch {
      return send(response, { errcode: 47001, errmsg: 'data format error' })
    }
    if (typeof message.touser !== 'string' || message.touser === '') return send(response, { errcode: 40003, errmsg: 'invalid openid' })
    if (typeof message.template_id !== 'string' || (scenario.templateIds.size > 0 && !scenario.templateIds.has(message.template_id))) {
      return send(response, { errcode: 40037, errmsg: 'invalid template_id' })
    }
    const problem = dataProblem(message.data)
    if (problem) return send(response, { errcode: 47003, errmsg: `argument invalid! ${problem} invalid` })
    if (scenario.refusedOpenids.has(message.touser)) return send(response, { errcode: 43101, errmsg: 'user refuse to accept the msg' })
    subscribeMessages.push(message as SubscribeMessage)
    send(response, { errcode: 0, errmsg: 'ok' })
  }

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1')
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(request)
      const route = () => {
        if (request.path === '/sns/jscode2session') return jscode2session(request, response)
        if (request.path === '/cgi-bin/token') return token(request, response)
        if (request.path === '/cityservice/face/identify/getinfo') return faceGetInfo(request, response)
        if (request.path === '/cgi-bin/message/subscribe/send') return subscribeSend(request, response)
        response.writeHead(404)
        response.end()
      }
      if (scenario.delayMs > 0) {
        const timer = setTimeout(() => {
          timers.delete(timer)
          if (!response.destroyed) route()
        }, scenario.delayMs)
        timers.add(timer)
      } else route()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    scenario,
    issuedSessionKeys,
    subscribeMessages,
    revokeTokens: () => validTokens.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        timers.clear()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
