import type { FastifyReply, FastifyRequest } from 'fastify'
import type { OperatorRole } from '../../src/contract/operators/schemas'
import { AppError } from '../errors'
import type { ActiveSession } from '../identity/sessions/sessions'
import type { OperatorsContext } from '../operators/context'
import type { Operator } from '../operators/repository'
import { bearerToken } from './auth'
import { checksSession } from './authenticate-first'
import { sharedPlugin } from './shared-plugin'

/**
 * Authentication of operators (people who run the service), apart from citizens':
 *   preHandler: app.authenticateOperator   – a valid operator session (401 otherwise, before the
 *                                            body is read: ./authenticate-first.ts)
 * Operator tokens are looked up only in the operator session store and citizen tokens only
 * in theirs, so neither ever opens the other's routes. A disabled operator's token is 401.
 * An operator whose password an admin (or the command line) set reaches only their profile
 * and the own-password change (logout needs no check): every other route is 403
 * OPERATOR_PASSWORD_CHANGE_REQUIRED until they have chosen their own.
 * Role checks are in ./require-role.ts.
 */
export interface OperatorIdentity {
  operator: Operator
  session: ActiveSession
}

type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

declare module 'fastify' {
  interface FastifyInstance {
    authenticateOperator: PreHandler
  }
  interface FastifyRequest {
    /** Set by app.authenticateOperator / requireRole on operator sessions; null otherwise. */
    operator: OperatorIdentity | null
  }
}

/** The routes an operator who must change their password still reaches (besides logout, which checks no session here). */
const BEFORE_PASSWORD_CHANGE = new Set(['/api/operator/me', '/api/operator/me/password'])

export interface OperatorAuthPluginOptions extends Record<string, unknown> {
  operators: OperatorsContext
}

export const operatorAuthPlugin = sharedPlugin<OperatorAuthPluginOptions>('operator-auth', async (app, { operators }) => {
  app.decorateRequest('operator', null)

  const identify = async (request: FastifyRequest): Promise<boolean> => {
    if (request.operator) return true
    const token = bearerToken(request)
    const session = token ? await operators.sessions.authenticate(token) : undefined
    const operator = session ? await operators.operators.findById(session.accountId) : undefined
    if (!session || !operator || operator.disabledAt) return false
    request.operator = { operator, session }
    return true
  }

  const authenticateOperator = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!(await identify(request))) {
      void reply.header('www-authenticate', 'Bearer')
      throw new AppError('UNAUTHENTICATED')
    }
    if (request.operator!.operator.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(request.routeOptions.url ?? '')) {
      throw new AppError('OPERATOR_PASSWORD_CHANGE_REQUIRED')
    }
  }
  // Also run before the body is read (./authenticate-first.ts).
  app.decorate('authenticateOperator', checksSession(authenticateOperator, authenticateOperator))
})

/** The operator app.authenticateOperator (or requireRole) found; for handlers behind it. */
export function operatorOf(request: FastifyRequest): Operator {
  if (!request.operator) throw new AppError('UNAUTHENTICATED')
  return request.operator.operator
}

/** Admins may do everything the other roles may; every other role is exactly itself. */
export function operatorHasRole(operator: Pick<Operator, 'roles'>, role: string): boolean {
  return operator.roles.includes('admin') || operator.roles.includes(role as OperatorRole)
}
