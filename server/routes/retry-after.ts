import type { FastifyInstance } from 'fastify'

/** Seconds a client should wait before retrying when a dependency is down. */
export const RETRY_AFTER_SECONDS = 30

/**
 * Adds `retry-after` to the 503 answers of the routes of the plugin it is called in, so a
 * client (or a proxy) backs off instead of hammering a service that is recovering.
 */
export function retryAfterOnUnavailable(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    if (reply.statusCode === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', String(RETRY_AFTER_SECONDS))
  })
}
