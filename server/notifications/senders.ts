/**
 * Sending one subscription message through each platform's real API.
 *
 * WeChat — subscribeMessage.send (developers.weixin.qq.com, 小程序 服务端 订阅消息 发送订阅消息):
 *   POST {WECHAT_API_BASE}/cgi-bin/message/subscribe/send?access_token=TOKEN
 *   { touser: openid, template_id, page, lang: 'zh_CN', data: { thing1: { value }, … } }
 *   → { errcode: 0, errmsg: 'ok' } or { errcode, errmsg }. Documented errcodes: 40003 invalid
 *   touser, 40037 invalid template_id, 43101 user refused (no subscription left), 47003
 *   template data invalid, 41030 invalid page; global: -1 busy, 45009 API quota reached,
 *   40001/40014/42001 access token invalid (fetch a new one, try once more). The access
 *   token comes from the app's one token cache (server/identity/providers/wechat-access-token.ts).
 *   Data keys are those of the template chosen in the console; ours (see README):
 *   thing1 事项名称 (≤ 20 chars), phrase2 办理状态 (≤ 5 chars), time3 更新时间, thing4 备注 (≤ 20).
 *
 * Alipay — alipay.open.app.mini.templatemessage.send (小程序发送模板消息,
 *   opendocs.alipay.com/mini/02cth2). Alipay's subscription guide (my.requestSubscribeMessage,
 *   step "发送消息（服务端）") names this method for sending subscribed messages; the official
 *   SDK model AlipayOpenAppMiniTemplatemessageSendModel documents to_user_id (2088…) or
 *   to_open_id, user_template_id, page, data (a JSON string, each value ≤ 50 characters), and
 *   says form_id is not needed for subscription templates. Through the existing RSA2 gateway
 *   client. Data keys keyword1..keyword4 in the template's keyword order.
 *
 * An outcome is sent, transient (retry later with backoff) or permanent (retrying cannot help).
 */
import { AppError } from '../errors'
import type { AlipayGateway } from '../identity/providers/alipay-gateway'
import { DEFAULT_TIMEOUT_MS, UpstreamCallError, callUpstream, parseJsonObject } from '../identity/providers/upstream'
import { WECHAT_TOKEN_INVALID_CODES, type WechatAccessTokens } from '../identity/providers/wechat-access-token'
import { WECHAT_DEFAULT_API_BASE, trimBase } from '../identity/providers/wechat-login'
import type { NotificationPayload } from './outbox'

export type SendOutcome = { kind: 'sent' } | { kind: 'transient'; error: string } | { kind: 'permanent'; error: string }

export interface Recipient {
  /** openid (WeChat), open_id or user_id (Alipay). */
  subject: string
}

export interface MessageSender {
  send(recipient: Recipient, payload: NotificationPayload): Promise<SendOutcome>
}

/** WeChat errcodes that retrying cannot fix: the user refused, or our request is wrong. */
export const WECHAT_PERMANENT_ERRCODES: ReadonlySet<number> = new Set([43101, 40003, 40037, 47003, 41030])
export const ALIPAY_SEND_METHOD = 'alipay.open.app.mini.templatemessage.send'

/** At most `max` characters (not UTF-16 units), with … when cut. */
export function clip(text: string, max: number): string {
  const characters = Array.from(text)
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`
}

/** 2026年11月30日 09:05 in China time (the `time` data type's format). */
export function chinaDateTime(iso: string): string {
  const shanghai = new Date(new Date(iso).getTime() + 8 * 3600 * 1000)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${shanghai.getUTCFullYear()}年${shanghai.getUTCMonth() + 1}月${shanghai.getUTCDate()}日 ${pad(shanghai.getUTCHours())}:${pad(shanghai.getUTCMinutes())}`
}

export function wechatData(payload: NotificationPayload): Record<string, { value: string }> {
  return {
    thing1: { value: clip(payload.itemName, 20) },
    phrase2: { value: clip(payload.statusName, 5) },
    time3: { value: chinaDateTime(payload.at) },
    thing4: { value: clip(payload.note, 20) },
  }
}

export function alipayData(payload: NotificationPayload): Record<string, { value: string }> {
  return {
    keyword1: { value: clip(payload.itemName, 50) },
    keyword2: { value: clip(payload.statusName, 50) },
    keyword3: { value: chinaDateTime(payload.at) },
    keyword4: { value: clip(payload.note, 50) },
  }
}

const describe = (error: unknown) => (error instanceof AppError ? error.code : error instanceof Error ? error.message : String(error))

export function createWechatSender(options: { apiBase?: string; templateId: string; accessTokens: WechatAccessTokens; timeoutMs?: number }): MessageSender {
  const base = trimBase(options.apiBase ?? WECHAT_DEFAULT_API_BASE)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS

  async function send(recipient: Recipient, payload: NotificationPayload, retried = false): Promise<SendOutcome> {
    let token: string
    try {
      token = await options.accessTokens.get()
    } catch (error) {
      return { kind: 'transient', error: `access token: ${describe(error)}` }
    }
    const body = { touser: recipient.subject, template_id: options.templateId, page: payload.page, lang: 'zh_CN', data: wechatData(payload) }
    let response
    try {
      response = await callUpstream(
        `${base}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        timeoutMs,
      )
    } catch (error) {
      if (error instanceof UpstreamCallError) return { kind: 'transient', error: `wechat: ${error.failure}` }
      throw error
    }
    const answer = response.status >= 200 && response.status < 300 ? parseJsonObject(response.text) : undefined
    if (!answer) return { kind: 'transient', error: `wechat: HTTP ${response.status}` }
    const errcode = Number(answer.errcode ?? 0)
    if (errcode === 0) return { kind: 'sent' }
    const error = `wechat errcode ${errcode}: ${String(answer.errmsg ?? '').slice(0, 120)}`
    if (WECHAT_TOKEN_INVALID_CODES.has(errcode)) {
      options.accessTokens.invalidate(token)
      return retried ? { kind: 'transient', error } : send(recipient, payload, true)
    }
    return WECHAT_PERMANENT_ERRCODES.has(errcode) ? { kind: 'permanent', error } : { kind: 'transient', error }
  }

  return { send: (recipient, payload) => send(recipient, payload) }
}

/** Alipay user ids are 16 digits starting 2088; anything else is an open_id. */
function alipayRecipient(subject: string): Record<string, string> {
  return /^2088\d{12}$/.test(subject) ? { to_user_id: subject } : { to_open_id: subject }
}

export function createAlipaySender(options: { gateway: AlipayGateway; templateId: string }): MessageSender {
  return {
    async send(recipient, payload) {
      let result
      try {
        result = await options.gateway.execute(ALIPAY_SEND_METHOD, {
          bizContent: {
            ...alipayRecipient(recipient.subject),
            user_template_id: options.templateId,
            page: payload.page,
            // A JSON string, as the API documents it (not an object).
            data: JSON.stringify(alipayData(payload)),
          },
        })
      } catch (error) {
        // No answer, an HTTP error, or an answer failing its signature: try again later.
        return { kind: 'transient', error: `alipay: ${describe(error)}` }
      }
      if (result.ok) return { kind: 'sent' }
      const error = `alipay ${result.code} ${result.subCode ?? ''}: ${(result.subMsg ?? result.msg ?? '').slice(0, 120)}`.trim()
      // 20000 / isp.*: Alipay's trouble; 40005: call limited. Everything else (40004 business
      // failures such as no subscription or an illegal template, 4000x argument and signature
      // problems) is the same on every retry.
      const transient = result.code === '20000' || result.code === '40005' || (result.subCode?.startsWith('isp.') ?? false)
      return transient ? { kind: 'transient', error } : { kind: 'permanent', error }
    },
  }
}
