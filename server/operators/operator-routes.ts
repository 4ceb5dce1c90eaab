import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { OperatorAccountSchema, OperatorActionListQuerySchema, OperatorActionListSchema, OperatorCreateSchema, OperatorListSchema, OperatorLoginSchema, OperatorParamsSchema, OperatorProfileSchema, OperatorRolesChangeSchema, OperatorSessionSchema, OwnPasswordChangeSchema, PasswordResetSchema, type OperatorAccount, type OperatorRolesChange, type PasswordReset } from '../../src/contract/operators/schemas'
import { AppError } from '../errors'
import {
  accountOf,
  changeOwnPassword,
  createOperator,
  disableOperator,
  enableOperator,
  resetOperatorPassword,
  setOperatorRoles,
  unlockOperator,
} from './admin'
import type { OperatorsContext } from './context'
import { actionsOf } from './actions'
import { OPERATOR_AUDIT_EVENTS, toProfile } from './events'
import { loginOperator, OperatorLoginThrottledError } from './login'
import { bearerToken } from '../plugins/auth'
import { operatorOf } from '../plugins/operator-auth'
import { requireRole } from '../plugins/require-role'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { clearLiveCookie, setLiveCookie } from '../live/session-cookie'

export interface OperatorRoutesOptions {
  operators: OperatorsContext
}

const ADMIN_ONLY = '仅管理员可以管理操作员账号'

/** Operators' login, own account, and (admin) the management of operator accounts. */
export const operatorRoutes: FastifyPluginAsyncTypebox<OperatorRoutesOptions> = async (app, { operators }) => {
  noStore(app)
  const admin = requireRole(app, 'admin', ADMIN_ONLY)
  const actor = (request: FastifyRequest) => ({ operatorId: operatorOf(request).id, ip: request.ip })

  app.post(
    '/api/operator/login',
    {
      onRequest: app.rateLimits.operatorLogin,
      schema: {
        summary:
          'Operator login with username and password; the same answers whether the username exists or not: 401 OPERATOR_LOGIN_FAILED, and after repeated failures per username or client IP 429 OPERATOR_LOGIN_THROTTLED with a growing retry-after',
        tags: ['operators'],
        body: OperatorLoginSchema,
        response: withErrors(OperatorSessionSchema, [400, 401, 403, 429], 201),
      },
    },
    async (request, reply) => {
      try {
        const session = await loginOperator(operators, request.body, { ip: request.ip })
        // The browser console's EventSource cannot send the token: the live stream alone also takes it as a cookie.
        setLiveCookie(reply, session.token, request.protocol === 'https')
        return reply.code(201).send(session)
      } catch (error) {
        if (error instanceof OperatorLoginThrottledError) void reply.header('retry-after', String(error.retryAfterSeconds))
        throw error
      }
    },
  )

  app.post(
    '/api/operator/logout',
    {
      schema: {
        summary: 'Operator logout: the session named by the Authorization header ends now',
        tags: ['operators'],
        response: withErrors(Type.Null({ description: 'Logged out (also when the session had already ended)' }), [401], 204),
      },
    },
    async (request, reply) => {
      const token = bearerToken(request)
      if (!token) throw new AppError('UNAUTHENTICATED')
      const session = await operators.sessions.authenticate(token)
      await operators.sessions.end(token)
      clearLiveCookie(reply)
      if (session) await operators.audit.record({ event: OPERATOR_AUDIT_EVENTS.logout, operatorId: session.accountId, ip: request.ip })
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/api/operator/me',
    {
      preHandler: app.authenticateOperator,
      schema: { summary: 'The logged-in operator and their roles', tags: ['operators'], response: withErrors(OperatorProfileSchema, [401]) },
    },
    async (request) => toProfile(operatorOf(request)),
  )

  app.post(
    '/api/operator/me/password',
    {
      preHandler: app.authenticateOperator,
      schema: {
        summary:
          'Changes the own password (current one required); every session ends and a new one is returned. The wrong current password that reaches OPERATOR_PASSWORD_CHANGE_FAILURES ends this session (401); audited',
        tags: ['operators'],
        body: OwnPasswordChangeSchema,
        response: withErrors(OperatorSessionSchema, [400, 401]),
      },
    },
    async (request) =>
      changeOwnPassword(operators, operatorOf(request), request.body, { ip: request.ip, sessionTokenHash: request.operator!.session.tokenHash }),
  )

  // --- admin: operator accounts ---

  app.get(
    '/api/operator/operators',
    {
      preHandler: admin,
      schema: { summary: 'Every operator account (admin)', tags: ['operators'], response: withErrors(OperatorListSchema, [401, 403]) },
    },
    async () => ({ items: await Promise.all((await operators.operators.list()).map((operator) => accountOf(operators, operator))) }),
  )

  app.post(
    '/api/operator/operators',
    {
      preHandler: admin,
      schema: {
        summary: 'Creates an operator with roles and an initial password (admin); audited',
        tags: ['operators'],
        body: OperatorCreateSchema,
        response: withErrors(OperatorAccountSchema, [400, 401, 403, 409], 201),
      },
    },
    async (request, reply) => reply.code(201).send(await createOperator(operators, request.body, actor(request))),
  )

  const adminAction = <Body>(path: string, summary: string, body: unknown, action: (id: string, body: Body, who: { operatorId: string; ip: string }) => Promise<OperatorAccount>) =>
    app.post(
      `/api/operator/operators/:id/${path}`,
      {
        preHandler: admin,
        schema: {
          summary,
          tags: ['operators'],
          params: OperatorParamsSchema,
          ...(body ? { body } : {}),
          response: withErrors(OperatorAccountSchema, [400, 401, 403, 404, 409]),
        },
      },
      async (request) => action(request.params.id, request.body as Body, actor(request)),
    )

  adminAction<OperatorRolesChange>('roles', "Replaces an operator's roles (admin); the last active admin keeps the admin role; audited", OperatorRolesChangeSchema, (id, body, who) =>
    setOperatorRoles(operators, id, body.roles, who),
  )
  adminAction<undefined>('disable', 'Disables an operator: no login, sessions end (admin); never the last active admin; audited', undefined, (id, _body, who) =>
    disableOperator(operators, id, who),
  )
  adminAction<undefined>('enable', 'Enables a disabled operator again (admin); audited', undefined, (id, _body, who) => enableOperator(operators, id, who))
  adminAction<undefined>('unlock', "Ends the wait after repeated failed logins under the operator's username at once (admin); audited", undefined, (id, _body, who) => unlockOperator(operators, id, who))
  adminAction<PasswordReset>('password', "Sets a new password for an operator who forgot theirs (admin); their sessions and any login wait end; audited", PasswordResetSchema, (id, body, who) =>
    resetOperatorPassword(operators, id, body.newPassword, who),
  )

  app.get(
    '/api/operator/operators/:id/actions',
    {
      preHandler: admin,
      schema: {
        summary: "One operator's audited actions, newest first (admin)",
        tags: ['operators'],
        params: OperatorParamsSchema,
        querystring: OperatorActionListQuerySchema,
        response: withErrors(OperatorActionListSchema, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      if (!(await operators.operators.findById(request.params.id))) throw new AppError('NOT_FOUND', { message: '没有找到该操作员，请刷新列表后重试' })
      return { items: await actionsOf(app.db, request.params.id, request.query.limit ?? 100) }
    },
  )
}
