import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Clock } from '../clock'
import type { Config } from '../config'
import type { AccountPlatform, Database } from '../db/database'
import { createAlipayGateway } from '../identity/providers/alipay-gateway'
import { createWechatAccessTokens, type WechatAccessTokens } from '../identity/providers/wechat-access-token'
import { createDispatcher, type NotificationDispatcher } from './dispatcher'
import type { TemplateIds } from './outbox'
import { createAlipaySender, createWechatSender, type MessageSender } from './senders'

/**
 * Notifications as built from the configuration: a platform takes part when its template id
 * (WECHAT_TEMPLATE_APPLICATION_STATUS / ALIPAY_TEMPLATE_APPLICATION_STATUS) and its API
 * credentials are set; otherwise its messages are recorded as skipped "not configured".
 */
export interface NotificationsContext {
  /** Template ids of the platforms that can send (for the outbox and for the client). */
  templateIds: TemplateIds
  dispatcher: NotificationDispatcher
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The outbox dispatcher: `app.notifications.dispatchDue()` sends what is due now. */
    notifications: NotificationDispatcher
  }
}

export function createNotificationsContext(options: {
  config: Config
  db: Kysely<Database>
  clock: Clock
  log: FastifyBaseLogger
  /** The app's WeChat token cache (shared with face verification), when it has one. */
  wechatAccessTokens?: WechatAccessTokens
}): NotificationsContext {
  const { config, log } = options
  const senders: Partial<Record<AccountPlatform, MessageSender>> = {}
  const templateIds: TemplateIds = {}
  const timeoutMs = config.identityTimeoutMs

  const wechatTemplate = config.wechatTemplateApplicationStatus
  if (wechatTemplate && config.wechatAppId && config.wechatSecret) {
    const accessTokens =
      options.wechatAccessTokens ??
      createWechatAccessTokens({ appId: config.wechatAppId, secret: config.wechatSecret, apiBase: config.wechatApiBase, timeoutMs, logger: log })
    senders.weapp = createWechatSender({ apiBase: config.wechatApiBase, templateId: wechatTemplate, accessTokens, timeoutMs })
    templateIds.weapp = wechatTemplate
  }

  const alipayTemplate = config.alipayTemplateApplicationStatus
  if (alipayTemplate && config.alipayAppId && config.alipayPrivateKey && config.alipayPublicKey) {
    const gateway = createAlipayGateway({
      appId: config.alipayAppId,
      privateKey: config.alipayPrivateKey,
      alipayPublicKey: config.alipayPublicKey,
      gateway: config.alipayGateway,
      timeoutMs,
      logger: log,
    })
    senders.alipay = createAlipaySender({ gateway, templateId: alipayTemplate })
    templateIds.alipay = alipayTemplate
  }

  const dispatcher = createDispatcher({ db: options.db, clock: options.clock, senders, log, intervalSeconds: config.notificationDispatchSeconds })
  return { templateIds, dispatcher }
}
