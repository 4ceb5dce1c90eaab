import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import type { IdentityContext } from '../identity/context'
import { createNotificationsContext, type NotificationsContext } from './context'
import { messageRoutes } from './message-routes'
import { notificationRoutes } from './routes'

/**
 * Subscription messages about applications (outbox + dispatcher: WeChat / Alipay when
 * configured) and the citizen's message centre. Returns the context applications build on.
 */
export async function registerNotifications(app: FastifyInstance, deps: AppDeps & { identity: IdentityContext }): Promise<NotificationsContext> {
  const { config, clock, identity } = deps
  const notifications = createNotificationsContext({
    config,
    db: app.db,
    clock,
    log: app.log,
    wechatAccessTokens: identity.providers.wechatAccessTokens,
  })
  app.decorate('notifications', notifications.dispatcher)
  // Sweeps start once the app is ready and stop before connections close.
  app.addHook('onReady', async () => notifications.dispatcher.start())
  app.addHook('preClose', async () => notifications.dispatcher.stop())
  await app.register(notificationRoutes, {
    templateIds: { application_status: notifications.templateIds, appointment_reminder: notifications.reminderTemplateIds },
    clock,
  })
  await app.register(messageRoutes, { clock })
  return notifications
}
