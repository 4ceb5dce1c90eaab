import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../errors'
import { isOperatorToken } from '../operators/sessions'
import { bearerToken } from './auth'
import { checksSession } from './authenticate-first'
import { operatorHasRole } from './operator-auth'

/** The one role also held by citizens' platform accounts: checkpoint staff scanning in the mini-program. */
export const PLATFORM_ACCOUNT_ROLE = 'verifier'

/**
 * A preHandler for routes only some people may use: logged in (401 otherwise, before the body
 * is read: ./authenticate-first.ts), then the role (403 FORBIDDEN otherwise, with `message`
 * saying who may). Several roles: any of them will do.
 * - 'admin', 'content_editor', 'health_officer', 'reviewer': an operator session only
 *   (request.operator; use operatorOf(request) for the id). A citizen token is 401 here:
 *   it is not an operator session at all. Admins pass every role check.
 * - 'verifier': an operator with the role, or a platform account with it in account_roles
 *   (request.identity), since checkpoint staff scan inside the mini-program.
 * Roles are checked, never the real-name level: a verifier's or operator's duty comes from
 * the role granted to them.
 */
export function requireRole(app: FastifyInstance, role: string | readonly string[], message?: string) {
  const roles = typeof role === 'string' ? [role] : role
  // Only an operator token (op.…) is looked up among operator sessions; see operators/sessions.ts.
  const asPlatformAccount = (request: FastifyRequest) => roles.includes(PLATFORM_ACCOUNT_ROLE) && !isOperatorToken(bearerToken(request) ?? '')
  const session = async (request: FastifyRequest, reply: FastifyReply): Promise<void> =>
    asPlatformAccount(request) ? app.authenticate(request, reply) : app.authenticateOperator(request, reply)
  return checksSession(async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await session(request, reply)
    const allowed = asPlatformAccount(request)
      ? roles.some((candidate) => request.identity!.account.roles.includes(candidate))
      : roles.some((candidate) => operatorHasRole(request.operator!.operator, candidate))
    if (!allowed) throw new AppError('FORBIDDEN', { message })
  }, session)
}
