/**
 * WeChat face verification (人脸核身), confirmed server-side.
 *
 * The client runs wx.startFacialRecognitionVerify with the name and ID number it already
 * holds and gets a `verifyResult`. That callback is never trusted: the server asks WeChat
 * what really happened and checks it was this person, in this account, just now.
 *
 * Protocol, as far as it could be confirmed:
 *  - Access token: GET {base}/cgi-bin/token (./wechat-access-token.ts, shared with other
 *    callers of WeChat's server API so they do not invalidate each other's tokens).
 *  - Result: POST {base}/cityservice/face/identify/getinfo?access_token=TOKEN with JSON
 *    { verify_result } → { errcode, errmsg, identify_ret, identify_time, validate_data, openid,
 *    user_id_key, finish_time, id_card_number_md5, name_utf8_md5 }.
 *    WeChat's current docs no longer show this legacy endpoint (they document the newer
 *    getVerifyId / queryVerifyInfo pair instead), so the field names come from two
 *    independent SDKs that model it: medivhzhan/weapp (Go, FaceIdentifyResponse:
 *    "id_card_number_md5 — 身份证号的md5（最后一位X为大写）", "name_utf8_md5 — 姓名MD5",
 *    identify_time as uint32 seconds) and fudiwei/DotNetCore.SKIT.FlurlHttpClient.Wechat
 *    (CityServiceFaceIdentifyGetInfoRequest/Response). identify_ret 0 = passed is how public
 *    integrations read it; the full list of non-zero identify_ret values and of getinfo's
 *    own errcodes could NOT be confirmed, so any non-zero value fails closed.
 *  - 40001 / 40014 / 42001 (invalid or expired access_token) are WeChat's global codes; the
 *    token is then dropped and fetched again once.
 */
import { createHash } from 'node:crypto'
import { AppError } from '../../errors'
import type { FaceStart, FaceSubject, FaceVerifier } from './types'
import {
  DEFAULT_TIMEOUT_MS,
  UpstreamCallError,
  callUpstream,
  hostOf,
  parseJsonObject,
  upstreamUnavailable,
  type ProviderLogger,
} from './upstream'
import { WECHAT_TOKEN_INVALID_CODES, createWechatAccessTokens, type WechatAccessTokens } from './wechat-access-token'
import { WECHAT_DEFAULT_API_BASE, trimBase, type WechatCredentials } from './wechat-login'

export interface WechatFaceOptions extends WechatCredentials {
  /** How old a verification may be when it is confirmed. Default 10 minutes. */
  maxAgeSeconds?: number
  /** Refresh the access token this long before WeChat says it expires. Default 5 minutes. */
  tokenRefreshMarginSeconds?: number
  /** The app's shared access-token cache; one of its own otherwise. */
  accessTokens?: WechatAccessTokens
  /** Clock, for tests. */
  now?: () => number
}

const TOKEN_INVALID_CODES = WECHAT_TOKEN_INVALID_CODES

/** Why a confirmation failed; logged (never shown), while the citizen reads the Chinese message. */
export type WechatFaceFailure =
  | 'missing_verify_result'
  | 'verify_result_rejected'
  | 'identify_failed'
  | 'openid_mismatch'
  | 'id_number_mismatch'
  | 'name_mismatch'
  | 'stale'

const CITIZEN_MESSAGES: Record<WechatFaceFailure, string> = {
  missing_verify_result: '没有收到人脸核验结果，请重新进行人脸核验',
  verify_result_rejected: '人脸核验结果已失效，请重新进行人脸核验',
  identify_failed: '人脸核验未通过，请在光线充足处由本人重试',
  openid_mismatch: '人脸核验不是在当前微信账号下完成的，请重新核验',
  id_number_mismatch: '人脸核验的身份信息与本人不一致，请由本人重新核验',
  name_mismatch: '人脸核验的身份信息与本人不一致，请由本人重新核验',
  stale: '人脸核验结果已过期，请重新进行人脸核验',
}

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex')
}

export function createWechatFaceVerifier(options: WechatFaceOptions): FaceVerifier {
  const base = trimBase(options.apiBase ?? WECHAT_DEFAULT_API_BASE)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxAgeSeconds = options.maxAgeSeconds ?? 600
  const now = options.now ?? Date.now
  const accessTokens = options.accessTokens ?? createWechatAccessTokens(options)
  const logger: ProviderLogger = options.logger
  const host = hostOf(base)

  function fail(reason: WechatFaceFailure, details: object = {}): never {
    logger.warn({ upstream: 'wechat.face', reason, ...details }, 'wechat face verification not accepted')
    throw new AppError('FACE_VERIFICATION_FAILED', { message: CITIZEN_MESSAGES[reason] })
  }

  async function getJson(url: string, init: RequestInit, what: string): Promise<Record<string, unknown>> {
    const where = { upstream: what, host }
    let response
    try {
      response = await callUpstream(url, init, timeoutMs)
    } catch (error) {
      if (!(error instanceof UpstreamCallError)) throw error
      logger.warn({ ...where, failure: error.failure, reason: error.message }, 'wechat: no answer')
      throw upstreamUnavailable()
    }
    const body = response.status >= 200 && response.status < 300 ? parseJsonObject(response.text) : undefined
    if (!body) {
      logger.warn({ ...where, status: response.status }, 'wechat: unusable answer (HTTP error or not JSON)')
      throw upstreamUnavailable()
    }
    return body
  }

  async function getInfo(verifyResult: string, retried = false): Promise<Record<string, unknown>> {
    const token = await accessTokens.get()
    const url = `${base}/cityservice/face/identify/getinfo?access_token=${encodeURIComponent(token)}`
    const body = await getJson(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verify_result: verifyResult }) },
      'wechat.face.getinfo',
    )
    const errcode = Number(body.errcode ?? 0)
    if (TOKEN_INVALID_CODES.has(errcode) && !retried) {
      logger.warn({ upstream: 'wechat.face.getinfo', host, errcode }, 'wechat: access token rejected, fetching a new one')
      accessTokens.invalidate(token)
      return getInfo(verifyResult, true)
    }
    if (errcode === -1 || TOKEN_INVALID_CODES.has(errcode)) {
      logger.warn({ upstream: 'wechat.face.getinfo', host, errcode, errmsg: body.errmsg }, 'wechat: face result unavailable')
      throw upstreamUnavailable()
    }
    if (errcode === 45011) throw new AppError('RATE_LIMITED')
    if (errcode !== 0) fail('verify_result_rejected', { errcode, errmsg: body.errmsg })
    return body
  }

  async function start(): Promise<FaceStart> {
    // Nothing to prepare: the client calls wx.startFacialRecognitionVerify with the name and
    // ID number it already shows the citizen, and returns the verifyResult to confirm().
    return {}
  }

  async function confirm(subject: FaceSubject, evidence: { certifyId?: string; verifyResult?: string }): Promise<void> {
    const verifyResult = evidence.verifyResult
    if (typeof verifyResult !== 'string' || verifyResult === '') fail('missing_verify_result')
    const info = await getInfo(verifyResult)

    const identifyRet = Number(info.identify_ret ?? Number.NaN)
    if (identifyRet !== 0) fail('identify_failed', { identifyRet: info.identify_ret })
    if (info.openid !== subject.accountSubject) fail('openid_mismatch')
    // WeChat hashes the ID number with a capital X check digit and the name as UTF-8.
    const expectedId = md5Hex(subject.idNumber.trim().toUpperCase())
    if (String(info.id_card_number_md5 ?? '').toLowerCase() !== expectedId) fail('id_number_mismatch')
    const expectedName = md5Hex(subject.name.trim())
    if (String(info.name_utf8_md5 ?? '').toLowerCase() !== expectedName) fail('name_mismatch')
    // A genuine but old verify_result must not count as a fresh verification.
    const identifiedAt = Number(info.identify_time)
    if (!Number.isFinite(identifiedAt) || identifiedAt <= 0 || now() / 1000 - identifiedAt > maxAgeSeconds) {
      fail('stale', { identifyTime: info.identify_time })
    }
  }

  return { provider: 'wechat', start, confirm }
}
