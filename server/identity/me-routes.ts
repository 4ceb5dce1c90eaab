import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { BindingParamsSchema, BindingsResponseSchema, ProfileSchema, RevealRequestSchema, RevealResponseSchema } from '../../src/contract/identity/schemas'
import type { IdentityContext } from './context'
import { buildProfile } from './profile'
import { identityOf } from '../plugins/auth'
import { reveal } from '../privacy/reveal'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface MeRoutesOptions {
  identity: IdentityContext
}

export const meRoutes: FastifyPluginAsyncTypebox<MeRoutesOptions> = async (app, { identity }) => {
  noStore(app)

  app.get(
    '/api/me',
    {
      preHandler: app.authenticate,
      schema: {
        summary: 'The logged-in account: level, roles and its citizen (masked)',
        tags: ['identity'],
        response: withErrors(ProfileSchema, [401]),
      },
    },
    async (request) => buildProfile(identity, identityOf(request).account),
  )

  app.post(
    '/api/me/reveal',
    {
      preHandler: [app.requireLevel(4), app.rateLimits.reveal],
      schema: {
        summary: 'One full personal value; needs a verification in this session within 5 minutes (else 403 RECENT_VERIFICATION_REQUIRED). Audited',
        tags: ['identity'],
        body: RevealRequestSchema,
        response: withErrors(RevealResponseSchema, [400, 401, 403, 404, 429]),
      },
    },
    async (request) => {
      const { account, session } = identityOf(request)
      return reveal(identity, account, session, request.body, { ip: request.ip })
    },
  )

  // 账号绑定记录: which accounts are bound to this identity, and the notice of a new one.
  app.get(
    '/api/me/bindings',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: 'The accounts bound to my identity and recent binding events ("新的微信账号于 … 绑定了您的身份"); level 4',
        tags: ['identity'],
        response: withErrors(BindingsResponseSchema, [401, 403]),
      },
    },
    async (request) => identity.bindings.list(identityOf(request).account),
  )

  app.post(
    '/api/me/bindings/seen',
    {
      preHandler: app.requireLevel(4),
      schema: {
        summary: '"是我本人": acknowledges the binding notices shown so far; level 4',
        tags: ['identity'],
        response: withErrors(Type.Null({ description: 'Acknowledged' }), [401, 403], 204),
      },
    },
    async (request, reply) => {
      await identity.bindings.acknowledge(identityOf(request).account, identity.clock())
      return reply.code(204).send(null)
    },
  )

  // POST, not DELETE: Alipay's my.request offers GET and POST only on older base libraries.
  app.post(
    '/api/me/bindings/:accountId/remove',
    {
      preHandler: [app.requireLevel(4), app.rateLimits.verification],
      schema: {
        summary: 'Removes another account’s binding to my identity (it drops to level 1 at once); level 4; audited',
        tags: ['identity'],
        params: BindingParamsSchema,
        response: withErrors(Type.Null({ description: 'Removed: that account is back at level 1 with no identity' }), [400, 401, 403, 404, 429], 204),
      },
    },
    async (request, reply) => {
      await identity.bindings.remove(identity, identityOf(request).account, request.params.accountId, { ip: request.ip })
      return reply.code(204).send(null)
    },
  )
}
