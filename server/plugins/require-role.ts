import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../errors'

/**
 * A preHandler for routes only some accounts may use (role in account_roles): logged in
 * (401 otherwise), then the role (403 FORBIDDEN otherwise, with `message` saying who may).
 * Roles are checked, never the real-name level: a verifier's or operator's duty comes from
 * the role granted to their account.
 */
export function requireRole(app: FastifyInstance, role: string, message?: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await app.authenticate(request, reply)
    if (!request.identity!.account.roles.includes(role)) throw new AppError('FORBIDDEN', { message })
  }
}
