import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Clock } from '../clock'
import type { Config } from '../config'
import type { AccountPlatform, Database } from '../db/database'
import { createAlipayGateway } from '../identity/providers/alipay-gateway'
import { createWechatAccessTokens, type WechatAccessTokens } from '../identity/providers/wechat-access-token'
import { createDispatcher, type NotificationDispatcher } from './dispatcher'
import { APPOINTMENT_REMINDER_KEY, type TemplateIds } from './outbox'
import { createAlipaySender, createWechatSender, type MessageSender } from './senders'

/**
 * Notifications as built from the configuration: a platform takes part when its template id
 * (WECHAT_TEMPLATE_APPLICATION_STATUS / ALIPAY_TEMPLATE_APPLICATION_STATUS) and its API
 * credentials are set; otherwise its messages are recorded as skipped "not configured".
 */
export interface NotificationsContext {
  /** Template ids of the platforms that can send (for the outbox and for the client). */
  templateIds: TemplateIds
  /** The appointment reminder's template ids (WECHAT/ALIPAY_TEMPLATE_APPOINTMENT_REMINDER), same rule. */
  reminderTemplateIds: TemplateIds
  dispatcher: NotificationDispatcher
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The outbox dispatcher: `app.notifications.dispatchDue()` sends what is due now. */
    notifications: NotificationDispatcher
  }
}

/** The reminder's template id of each platform whose template id and API credentials are both set. */
export function configuredReminderTemplateIds(config: Config): TemplateIds {
  const ids: TemplateIds = {}
  if (config.wechatTemplateAppointmentReminder && config.wechatAppId && config.wechatSecret) ids.weapp = config.wechatTemplateAppointmentReminder
  if (config.alipayTemplateAppointmentReminder && config.alipayAppId && config.alipayPrivateKey && config.alipayPublicKey) ids.alipay = config.alipayTemplateAppointmentReminder
  return ids
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
  const reminderSenders: Partial<Record<AccountPlatform, MessageSender>> = {}
  const reminderTemplateIds: TemplateIds = {}
  const timeoutMs = config.identityTimeoutMs

  const wechatTemplate = config.wechatTemplateApplicationStatus
  const wechatReminder = config.wechatTemplateAppointmentReminder
  if ((wechatTemplate || wechatReminder) && config.wechatAppId && config.wechatSecret) {
    const accessTokens =
      options.wechatAccessTokens ??
      createWechatAccessTokens({ appId: config.wechatAppId, secret: config.wechatSecret, apiBase: config.wechatApiBase, timeoutMs, logger: log })
    if (wechatTemplate) {
      senders.weapp = createWechatSender({ apiBase: config.wechatApiBase, templateId: wechatTemplate, accessTokens, timeoutMs })
      templateIds.weapp = wechatTemplate
    }
    if (wechatReminder) {
      reminderSenders.weapp = createWechatSender({ apiBase: config.wechatApiBase, templateId: wechatReminder, accessTokens, timeoutMs })
      reminderTemplateIds.weapp = wechatReminder
    }
  }

  const alipayTemplate = config.alipayTemplateApplicationStatus
  const alipayReminder = config.alipayTemplateAppointmentReminder
  if ((alipayTemplate || alipayReminder) && config.alipayAppId && config.alipayPrivateKey && config.alipayPublicKey) {
    const gateway = createAlipayGateway({
      appId: config.alipayAppId,
      privateKey: config.alipayPrivateKey,
      alipayPublicKey: config.alipayPublicKey,
      gateway: config.alipayGateway,
      timeoutMs,
      logger: log,
    })
    if (alipayTemplate) {
      senders.alipay = createAlipaySender({ gateway, templateId: alipayTemplate })
      templateIds.alipay = alipayTemplate
    }
    if (alipayReminder) {
      reminderSenders.alipay = createAlipaySender({ gateway, templateId: alipayReminder })
      reminderTemplateIds.alipay = alipayReminder
    }
  }

  const dispatcher = createDispatcher({
    db: options.db,
    clock: options.clock,
    senders,
    sendersByTemplate: { [APPOINTMENT_REMINDER_KEY]: reminderSenders },
    log,
    intervalSeconds: config.notificationDispatchSeconds,
  })
  return { templateIds, reminderTemplateIds, dispatcher }
}
