import type { IncomingMessage, ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import type { FastifyHelmetOptions } from '@fastify/helmet'
import { sharedPlugin } from './shared-plugin'

/**
 * Security headers on every response, API and H5 preview alike, as helmet computes them:
 *   - Content-Security-Policy (below), X-Frame-Options DENY and frame-ancestors 'none'
 *     (nothing frames the app: no clickjacking), X-Content-Type-Options nosniff,
 *     Referrer-Policy no-referrer (H5 URLs carry ids in their query), Cross-Origin-Opener-Policy
 *     same-origin, Cross-Origin-Resource-Policy same-site (the H5 dev server on another port of
 *     the same host may still load from the API), and helmet's other defaults;
 *   - Strict-Transport-Security (and upgrade-insecure-requests) only when NODE_ENV=production,
 *     where TLS is in front: on http://localhost they would pin a developer's browser to https.
 *
 * The CSP is what the H5 build (dist/h5, served by ./static.ts) needs, checked against it: its
 * index.html loads only same-origin scripts and styles and has no inline script; Taro's web
 * components (Stencil) add <style> elements at run time, hence style-src 'unsafe-inline'; the
 * CSS holds SVG icons as data: URLs; the API is same-origin (connect-src 'self'). Nothing is
 * evaluated from strings (no 'unsafe-eval'). The e2e suites fail on any CSP violation Chromium
 * reports (test/support/e2e-suite.ts).
 *
 * A few answers are written before any hook runs: errors before routing (Fastify's
 * frameworkErrors) and errors of the HTTP parser (clientErrorHandler: header too large,
 * malformed request). They get the same headers from `securityHeaders` (./error-handler.ts).
 */

export function helmetOptions(production: boolean): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(production ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-site' },
    strictTransportSecurity: production ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
  }
}

export interface SecurityHeadersOptions extends Record<string, unknown> {
  production: boolean
}

export const securityHeadersPlugin = sharedPlugin<SecurityHeadersOptions>('security-headers', async (app, { production }) => {
  // Every route, the 404 handler and the static files. The headers are the same on every
  // answer, so helmet runs once here (securityHeaders) and each request only copies them:
  // @fastify/helmet re-derived them per request, 45 µs of a health code's ~600 µs (bench/RESULTS.md).
  const headers = securityHeaders(production)
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers)
    done()
  })
})

// The helmet that @fastify/helmet wraps, resolved from it (not a dependency of this app's own).
type HelmetMiddleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void
const helmetCore = createRequire(require.resolve('@fastify/helmet'))('helmet') as (options: FastifyHelmetOptions) => HelmetMiddleware

const computed = new Map<boolean, Readonly<Record<string, string>>>()

/**
 * The headers helmet sets, as name → value, for answers written outside Fastify's hooks.
 * The same options as the plugin, so the two cannot drift; computed once per environment.
 */
export function securityHeaders(production: boolean): Readonly<Record<string, string>> {
  let headers = computed.get(production)
  if (!headers) {
    const collected: Record<string, string> = {}
    const response = {
      setHeader: (name: string, value: unknown) => void (collected[name.toLowerCase()] = String(value)),
      removeHeader: (name: string) => void delete collected[name.toLowerCase()],
    }
    helmetCore(helmetOptions(production))({} as IncomingMessage, response as unknown as ServerResponse, () => {})
    headers = Object.freeze(collected)
    computed.set(production, headers)
  }
  return headers
}
