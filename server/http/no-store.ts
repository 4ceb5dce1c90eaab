import type { FastifyInstance } from 'fastify'

/**
 * Responses carrying tokens or personal data must not be kept by any cache between the
 * mini-program and us (a CDN, a corporate proxy, the WebView). Applies to the routes of
 * the plugin it is called in.
 */
export function noStore(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store')
  })
}
