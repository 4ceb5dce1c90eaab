import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { LoginRequestSchema, SandboxCitizenListSchema, SessionSchema } from '../../src/contract/identity/schemas'
import { AUDIT_EVENTS } from '../audit/audit-log'
import { AppError } from '../errors'
import type { IdentityContext } from './context'
import { login } from './login'
import { hashToken } from './sessions/sessions'
import { bearerToken } from '../plugins/auth'
import { maskName } from '../privacy/masking'
import { demoCitizens } from '../seed-data/demo-citizens'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'

export interface AuthRoutesOptions {
  identity: IdentityContext
}

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, { identity }) => {
  noStore(app)

  app.post(
    '/api/auth/login',
    {
      onRequest: app.rateLimits.login,
      schema: {
        summary: 'Log in with a platform one-time code (wx.login / my.getAuthCode / sandbox); opens a session',
        tags: ['identity'],
        body: LoginRequestSchema,
        response: withErrors(SessionSchema, [400, 401, 403, 429, 503], 201),
      },
    },
    async (request, reply) => {
      const session = await login(identity, request.body, { ip: request.ip })
      return reply.code(201).send(session)
    },
  )

  app.post(
    '/api/auth/logout',
    {
      schema: {
        summary: 'Log out: the session named by the Authorization header ends now',
        tags: ['identity'],
        response: withErrors(Type.Null({ description: 'Logged out (also when the session had already ended)' }), [401], 204),
      },
    },
    async (request, reply) => {
      const token = bearerToken(request)
      if (!token) throw new AppError('UNAUTHENTICATED')
      // Idempotent: an already ended session answers 204 too, so a client logging out never
      // triggers its "log in again and replay" path.
      const session = await identity.sessions.authenticate(token)
      await identity.sessions.revoke(hashToken(token))
      if (session) await identity.audit.record({ event: AUDIT_EVENTS.logout, accountId: session.accountId, ip: request.ip })
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/api/auth/sandbox/citizens',
    {
      schema: {
        summary: 'The demo citizens the sandbox login offers (H5 preview only; 403 SANDBOX_DISABLED elsewhere)',
        tags: ['identity'],
        response: withErrors(SandboxCitizenListSchema, [403]),
      },
    },
    async () => {
      if (!identity.providers.login.h5dev) throw new AppError('SANDBOX_DISABLED')
      return {
        items: demoCitizens.map((citizen) => ({ code: `sandbox:${citizen.key}`, label: maskName(citizen.name), description: citizen.description })),
      }
    },
  )
}
