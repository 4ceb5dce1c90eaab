import type { FastifyInstance } from 'fastify'

/**
 * Responses carrying tokens or personal data must not be kept by any cache between the
 * mini-program and us (a CDN, a corporate proxy, the WebView). Applies to the routes of
 * the plugin it is called in.
 */
export function noStore(app: FastifyInstance): void {
  // A callback hook, not an async one: no promise per answer (it runs on every health code).
  app.addHook('onSend', (_request, reply, payload, done) => {
    void reply.header('cache-control', 'no-store')
    done(null, payload)
  })
}
