import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NotificationTemplatesSchema, SubscriptionRequestSchema, SubscriptionSchema } from '../../src/contract/applications/schemas'
import { NOTIFICATION_TEMPLATE_KEYS } from '../../src/contract/applications/data'
import type { Clock } from '../clock'
import type { TemplateIds } from './outbox'
import { recordSubscription } from './subscriptions'
import { identityOf } from '../plugins/auth'
import { withErrors } from '../http/with-errors'

export interface NotificationRoutesOptions {
  templateIds: TemplateIds
  clock: Clock
}

/** Subscription messages: which template ids to ask for, and what the citizen answered. */
export const notificationRoutes: FastifyPluginAsyncTypebox<NotificationRoutesOptions> = async (app, { templateIds, clock }) => {
  app.get(
    '/api/notifications/templates',
    {
      preHandler: app.authenticate,
      schema: {
        summary: "The subscription template ids for this account's platform (null: not configured, do not ask)",
        tags: ['notifications'],
        response: withErrors(NotificationTemplatesSchema, [401]),
      },
    },
    async (request) => {
      const { platform } = identityOf(request).account
      return { platform, items: NOTIFICATION_TEMPLATE_KEYS.map((templateKey) => ({ templateKey, templateId: templateIds[platform] ?? null })) }
    },
  )

  app.post(
    '/api/notifications/subscriptions',
    {
      preHandler: app.authenticate,
      schema: {
        summary: 'Records what wx/my.requestSubscribeMessage answered for a template (accept adds one message, ban clears them)',
        tags: ['notifications'],
        body: SubscriptionRequestSchema,
        response: withErrors(SubscriptionSchema, [400, 401]),
      },
    },
    async (request) => {
      const { templateKey, result } = request.body
      const recorded = await recordSubscription(app.db, { accountId: identityOf(request).account.id, templateKey, result, now: clock() })
      return { templateKey, ...recorded }
    },
  )
}
