/**
 * The mini-program's server access token (接口调用凭证), shared by every caller of WeChat's
 * server API in this process (face-verification results, subscription messages).
 *
 *   GET {base}/cgi-bin/token?grant_type=client_credential&appid=APPID&secret=SECRET
 *   → { access_token, expires_in } (7200 s) or { errcode, errmsg } (40013 invalid appid,
 *   40125 invalid appsecret, 40164 IP not whitelisted, -1 busy, 45009/45011 limits).
 *
 * One cache per app, not one per caller: every new token WeChat issues starts replacing the
 * previous one, so two caches fetching their own would keep invalidating each other.
 * 40001 / 40014 / 42001 (invalid or expired token) are WeChat's global codes; a caller that
 * gets one calls `invalidate(token)` and asks again once.
 */
import { AppError } from '../../errors'
import { DEFAULT_TIMEOUT_MS, UpstreamCallError, callUpstream, hostOf, parseJsonObject, upstreamUnavailable } from './upstream'
import { WECHAT_DEFAULT_API_BASE, trimBase, type WechatCredentials } from './wechat-login'

export interface WechatAccessTokenOptions extends WechatCredentials {
  /** Refresh the access token this long before WeChat says it expires. Default 5 minutes. */
  tokenRefreshMarginSeconds?: number
  /** Clock, for tests. */
  now?: () => number
}

export interface WechatAccessTokens {
  /** A token that is valid as far as we know; fetched when there is none or it is about to expire. */
  get(): Promise<string>
  /** Forget `token` (WeChat refused it); a newer one already fetched is kept. */
  invalidate(token: string): void
}

/** Global errcodes meaning "this access token is not (or no longer) valid". */
export const WECHAT_TOKEN_INVALID_CODES: ReadonlySet<number> = new Set([40001, 40014, 42001])

export function createWechatAccessTokens(options: WechatAccessTokenOptions): WechatAccessTokens {
  const base = trimBase(options.apiBase ?? WECHAT_DEFAULT_API_BASE)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const marginSeconds = options.tokenRefreshMarginSeconds ?? 300
  const now = options.now ?? Date.now
  const { logger } = options
  const host = hostOf(base)

  let cached: { token: string; refreshAt: number } | undefined
  // Concurrent callers share one token request instead of racing.
  let pending: Promise<string> | undefined

  async function fetchToken(): Promise<string> {
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: options.appId, secret: options.secret })
    let response
    try {
      response = await callUpstream(`${base}/cgi-bin/token?${query.toString()}`, { method: 'GET' }, timeoutMs)
    } catch (error) {
      if (!(error instanceof UpstreamCallError)) throw error
      logger.warn({ upstream: 'wechat.token', host, failure: error.failure, reason: error.message }, 'wechat: no answer')
      throw upstreamUnavailable()
    }
    const body = response.status >= 200 && response.status < 300 ? parseJsonObject(response.text) : undefined
    if (!body) {
      logger.warn({ upstream: 'wechat.token', host, status: response.status }, 'wechat: unusable answer (HTTP error or not JSON)')
      throw upstreamUnavailable()
    }
    const errcode = Number(body.errcode ?? 0)
    if (errcode !== 0 || typeof body.access_token !== 'string' || body.access_token === '') {
      // 40013/40125/40164 are deployment problems (appid, secret, IP whitelist): an operator must act.
      const log = errcode === -1 ? logger.warn : logger.error
      log.call(logger, { upstream: 'wechat.token', host, errcode, errmsg: body.errmsg }, 'wechat: access token refused')
      throw errcode === 45009 || errcode === 45011 ? new AppError('RATE_LIMITED') : upstreamUnavailable()
    }
    const expiresIn = Number(body.expires_in) > 0 ? Number(body.expires_in) : 7200
    // Refresh a little early; for very short lifetimes keep at least half of it usable.
    const margin = Math.min(marginSeconds, expiresIn / 2)
    cached = { token: body.access_token, refreshAt: now() + (expiresIn - margin) * 1000 }
    return body.access_token
  }

  return {
    async get() {
      if (cached && now() < cached.refreshAt) return cached.token
      pending ??= fetchToken().finally(() => {
        pending = undefined
      })
      return pending
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined
    },
  }
}
