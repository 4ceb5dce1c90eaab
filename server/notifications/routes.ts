import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NotificationTemplatesQuerySchema, NotificationTemplatesSchema, SubscriptionRequestSchema, SubscriptionSchema } from '../../src/contract/applications/schemas'
import type { SubscribableTemplateKey } from '../../src/contract/applications/data'
import type { Clock } from '../clock'
import type { TemplateIds } from './outbox'
import { recordSubscription } from './subscriptions'
import { identityOf } from '../plugins/auth'
import { withErrors } from '../http/with-errors'

export interface NotificationRoutesOptions {
  /** The configured template ids of each subscribable template, per platform. */
  templateIds: Record<SubscribableTemplateKey, TemplateIds>
  clock: Clock
}

/** Subscription messages: which template ids to ask for, and what the citizen answered. */
export const notificationRoutes: FastifyPluginAsyncTypebox<NotificationRoutesOptions> = async (app, { templateIds, clock }) => {
  app.get(
    '/api/notifications/templates',
    {
      preHandler: app.authenticate,
      schema: {
        summary: "The subscription template id for this account's platform (null: not configured, do not ask); ?key= names the template, application_status by default",
        tags: ['notifications'],
        querystring: NotificationTemplatesQuerySchema,
        response: withErrors(NotificationTemplatesSchema, [400, 401]),
      },
    },
    async (request) => {
      const { platform } = identityOf(request).account
      // One template per answer: the apply form (no key) must never be asked for the booking reminder.
      const templateKey = request.query.key ?? 'application_status'
      return { platform, items: [{ templateKey, templateId: templateIds[templateKey][platform] ?? null }] }
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
