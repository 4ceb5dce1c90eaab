/**
 * WeChat mini-program login: the client's wx.login code → openid (and unionid) through
 * code2Session.
 *
 * Protocol (developers.weixin.qq.com, "小程序登录 / auth.code2Session"):
 *   GET {base}/sns/jscode2session?appid=APPID&secret=SECRET&js_code=JSCODE&grant_type=authorization_code
 *   → { openid, session_key, unionid? }  or  { errcode, errmsg } (HTTP 200 either way)
 * Documented errcodes: -1 system busy, 40029 invalid code, 45011 frequency limit
 * (100 per user per minute), 40226 high-risk user blocked. 40163 "code been used" is not in
 * the doc table but is what the API answers to a second use of a code (seen in real
 * responses quoted in public code, e.g. `{"errcode":40163,"errmsg":"code been used, rid: …"}`).
 * Successful answers may carry `errcode: 0` or no errcode at all.
 */
import { AppError } from '../../errors'
import type { LoginProvider, PlatformIdentity } from './types'
import {
  DEFAULT_TIMEOUT_MS,
  UpstreamCallError,
  callUpstream,
  hostOf,
  parseJsonObject,
  upstreamUnavailable,
  type ProviderLogger,
} from './upstream'

export const WECHAT_DEFAULT_API_BASE = 'https://api.weixin.qq.com'

export interface WechatCredentials {
  appId: string
  /** The AppSecret. Sent only to WeChat; never logged. */
  secret: string
  /** Default https://api.weixin.qq.com; tests point it at a local protocol server. */
  apiBase?: string
  timeoutMs?: number
  logger: ProviderLogger
}

/** WeChat errcodes this adapter tells apart; everything else non-zero is UPSTREAM_UNAVAILABLE. */
const LOGIN_ERRORS: Record<number, 'LOGIN_CODE_INVALID' | 'LOGIN_CODE_USED' | 'RATE_LIMITED' | 'UPSTREAM_UNAVAILABLE'> = {
  40029: 'LOGIN_CODE_INVALID',
  40163: 'LOGIN_CODE_USED',
  45011: 'RATE_LIMITED',
  [-1]: 'UPSTREAM_UNAVAILABLE',
}

export function trimBase(base: string): string {
  return base.replace(/\/+$/, '')
}

export function createWechatLoginProvider(options: WechatCredentials): LoginProvider {
  const base = trimBase(options.apiBase ?? WECHAT_DEFAULT_API_BASE)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const { logger } = options

  async function exchange(code: string): Promise<PlatformIdentity> {
    // wx.login codes are short opaque strings; anything empty or huge is not one.
    if (typeof code !== 'string' || code.trim() === '' || code.length > 256) throw new AppError('LOGIN_CODE_INVALID')

    const query = new URLSearchParams({
      appid: options.appId,
      secret: options.secret,
      js_code: code,
      grant_type: 'authorization_code',
    })
    // The URL carries the AppSecret: it is never logged; log lines name the host only.
    const url = `${base}/sns/jscode2session?${query.toString()}`
    const where = { upstream: 'wechat.jscode2session', host: hostOf(base) }

    let response
    try {
      response = await callUpstream(url, { method: 'GET', headers: { accept: 'application/json' } }, timeoutMs)
    } catch (error) {
      if (!(error instanceof UpstreamCallError)) throw error
      logger.warn({ ...where, failure: error.failure, reason: error.message }, 'wechat login: no answer from code2Session')
      throw upstreamUnavailable()
    }
    if (response.status < 200 || response.status >= 300) {
      logger.warn({ ...where, status: response.status }, 'wechat login: code2Session answered with an HTTP error')
      throw upstreamUnavailable()
    }
    const body = parseJsonObject(response.text)
    if (!body) {
      logger.warn({ ...where, status: response.status }, 'wechat login: code2Session answered something that is not JSON')
      throw upstreamUnavailable()
    }

    const errcode = typeof body.errcode === 'number' ? body.errcode : Number(body.errcode ?? 0)
    if (errcode !== 0) {
      const errmsg = typeof body.errmsg === 'string' ? body.errmsg : undefined
      const mapped = LOGIN_ERRORS[errcode] ?? 'UPSTREAM_UNAVAILABLE'
      const log = mapped === 'UPSTREAM_UNAVAILABLE' && errcode !== -1 ? logger.error : logger.warn
      log.call(logger, { ...where, errcode, errmsg }, 'wechat login: code2Session refused the code')
      throw new AppError(mapped)
    }

    // Only openid and unionid are read. session_key is deliberately never copied out of the
    // parsed body (which is dropped when this function returns): it decrypts the user's
    // encrypted data and signs wx.* payloads, so it must never leave the server, and this app
    // needs none of that (phone numbers, if ever needed, come from getPhoneNumber's own code).
    // Not storing it means it cannot leak from a database, a log line or a response.
    const openid = body.openid
    const unionid = body.unionid
    if (typeof openid !== 'string' || openid === '') {
      logger.error({ ...where }, 'wechat login: code2Session answered without an openid')
      throw upstreamUnavailable()
    }
    const identity: PlatformIdentity = { platform: 'weapp', subject: openid }
    if (typeof unionid === 'string' && unionid !== '') identity.unionId = unionid
    return identity
  }

  return { platform: 'weapp', exchange }
}
