import type { FastifyReply, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify'
import { sharedPlugin } from './shared-plugin'

/**
 * Authentication before the body is read. Fastify reads, parses and validates a request's
 * body before any preHandler runs, so with the session check only in the preHandlers an
 * anonymous caller of an operator route got field-level 400s (the route's shape, for free)
 * and a 15 MB anonymous catalogue import was read and parsed before its 401.
 *
 * The preHandlers that need a session (app.authenticate, app.requireLevel(n),
 * app.authenticateOperator, requireRole) carry their session check (`checksSession`). For
 * every route using one, this plugin also runs that check as the route's last onRequest
 * hook, i.e. before the body is read: a missing, unknown or expired token is 401 there. The
 * preHandler then finds the session already attached and goes on to the level or role
 * check (403), after validation as before. Routes keep declaring `preHandler: …` only.
 */

type Hook = ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) | ((request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void)

const SESSION_CHECK = Symbol('session check')

/** Marks `handler` (a preHandler, async or callback) as needing the session `check` attaches (401 otherwise). */
export function checksSession<T extends (...args: never[]) => unknown>(handler: T, check: Hook): T {
  Object.defineProperty(handler, SESSION_CHECK, { value: check })
  return handler
}

function sessionCheckOf(handler: unknown): Hook | undefined {
  return typeof handler === 'function' ? (handler as { [SESSION_CHECK]?: Hook })[SESSION_CHECK] : undefined
}

/** The session checks of a route's preHandlers, each once, in order. */
export function sessionChecksOf(route: Pick<RouteOptions, 'preHandler'>): Hook[] {
  const handlers = route.preHandler === undefined ? [] : [route.preHandler].flat()
  return [...new Set(handlers.map(sessionCheckOf).filter((check): check is Hook => check !== undefined))]
}

/** Registered before the routes: onRoute only sees routes added after it. */
export const authenticateFirstPlugin = sharedPlugin('authenticate-first', async (app) => {
  app.addHook('onRoute', (route) => {
    const checks = sessionChecksOf(route)
    if (checks.length === 0) return
    const own = route.onRequest === undefined ? [] : [route.onRequest].flat()
    // After the route's own onRequest hooks (e.g. a per-IP rate limit that protects the lookup).
    route.onRequest = [...own, ...(checks as onRequestHookHandler[])]
  })
})
