import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { MarkMessagesReadRequestSchema, MessagesQuerySchema, MessagesResponseSchema, MessagesUnreadSchema } from '../../src/contract/messages/schemas'
import type { Clock } from '../clock'
import { listMessages, markMessagesRead } from './inbox'
import { principalAccountIds } from '../delegations/principal-accounts'
import { identityOf } from '../plugins/auth'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface MessageRoutesOptions {
  clock: Clock
}

/** 消息中心: this account's application-status messages and their unread count. */
export const messageRoutes: FastifyPluginAsyncTypebox<MessageRoutesOptions> = async (app, { clock }) => {
  noStore(app)

  app.get(
    '/api/me/messages',
    {
      // Level 4 like every personal route: the messages name the citizen's applications.
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'My application-status messages, newest first, with the unread count; level 4',
        tags: ['notifications'],
        querystring: MessagesQuerySchema,
        response: withErrors(MessagesResponseSchema, [400, 401, 403]),
      },
    },
    async (request) => {
      // As delegate (notifications scope): the principal's messages, from all their proven accounts.
      const owners = request.delegation ? await principalAccountIds(app.db, request.delegation.principalCitizenId) : identityOf(request).account.id
      return listMessages(app.db, owners, request.query.limit ?? 20)
    },
  )

  app.post(
    '/api/me/messages/read',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'Marks my messages read: `ids`, or all of them when omitted; answers the unread count left; level 4',
        tags: ['notifications'],
        body: MarkMessagesReadRequestSchema,
        response: withErrors(MessagesUnreadSchema, [400, 401, 403]),
      },
    },
    async (request) => markMessagesRead(app.db, identityOf(request).account.id, request.body?.ids, clock()),
  )
}
