import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../errors'
import { isOperatorToken } from '../operators/sessions'
import { bearerToken } from './auth'
import { operatorHasRole } from './operator-auth'

/** The one role also held by citizens' platform accounts: checkpoint staff scanning in the mini-program. */
export const PLATFORM_ACCOUNT_ROLE = 'verifier'

/**
 * A preHandler for routes only some people may use: logged in (401 otherwise), then the
 * role (403 FORBIDDEN otherwise, with `message` saying who may).
 * - 'admin', 'content_editor', 'health_officer', 'reviewer': an operator session only
 *   (request.operator; use operatorOf(request) for the id). A citizen token is 401 here:
 *   it is not an operator session at all. Admins pass every role check.
 * - 'verifier': an operator with the role, or a platform account with it in account_roles
 *   (request.identity), since checkpoint staff scan inside the mini-program.
 * Roles are checked, never the real-name level: a verifier's or operator's duty comes from
 * the role granted to them.
 */
export function requireRole(app: FastifyInstance, role: string, message?: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // Only an operator token (op.…) is looked up among operator sessions; see operators/sessions.ts.
    if (role === PLATFORM_ACCOUNT_ROLE && !isOperatorToken(bearerToken(request) ?? '')) {
      await app.authenticate(request, reply)
      if (!request.identity!.account.roles.includes(role)) throw new AppError('FORBIDDEN', { message })
      return
    }
    await app.authenticateOperator(request, reply)
    if (!operatorHasRole(request.operator!.operator, role)) throw new AppError('FORBIDDEN', { message })
  }
}
