import type { IncomingMessage, ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import type { FastifyHelmetOptions } from '@fastify/helmet'
import type { onRequestHookHandler } from 'fastify'
import { sharedPlugin } from './shared-plugin'

/**
 * Security headers on every response, in two sets. JSON answers under /api/ get the API set
 * (apiHeaders below). Everything a browser renders (the H5 preview, the console, the public
 * verification pages, and the /api/ routes that answer a file or a PDF, which say so with
 * `config: { securityHeaders: 'document' }`) gets the document set, as helmet computes it:
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
 * The copy is a synchronous onRequest hook: it runs on every answer, the health code's included.
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

/** Which set a response gets: `api` for the JSON answers under /api/, `document` for everything a browser renders. */
export type SecurityHeadersKind = 'api' | 'document'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A route under /api/ that answers a document (a file, a PDF, an HTML page) rather than JSON
     * says so here, and gets the document set; other /api/ routes get the API set.
     */
    securityHeaders?: SecurityHeadersKind
  }
}

export const securityHeadersPlugin = sharedPlugin<SecurityHeadersOptions>('security-headers', async (app, { production }) => {
  // Every route, the 404 handler and the static files. The headers are the same on every
  // answer of a kind, so they are computed once and each request only copies them:
  // @fastify/helmet re-derived them per request, 45 µs of a health code's ~600 µs (bench/RESULTS.md).
  const sets = { api: securityHeaders(production, 'api'), document: securityHeaders(production, 'document') }
  // Decided by the URL alone, so the hook reads nothing of the route (Fastify's routeOptions
  // builds an object on every read: ~0.5 µs of each health code).
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(sets[securityHeadersKindOf(request.url)])
    done()
  })
  // A route that declares the other kind gets its own hook, after the shared ones and before its others, that puts
  // its set in place of the URL's (the URL's headers its set does not name are removed). An
  // answer refused before that hook (no session, too many requests) is a JSON error and keeps
  // the URL's set.
  app.addHook('onRoute', (route) => {
    const declared = route.config?.securityHeaders
    const byUrl = securityHeadersKindOf(route.url)
    if (!declared || declared === byUrl) return
    const set = sets[declared]
    const leftOver = Object.keys(sets[byUrl]).filter((name) => !(name in set))
    const own: onRequestHookHandler = (_request, reply, done) => {
      for (const name of leftOver) reply.removeHeader(name)
      void reply.headers(set)
      done()
    }
    // First of the route's own hooks: its rate limit's 429 page is a document too.
    route.onRequest = [own, ...(route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest])]
  })
})

/**
 * The kind of answer a URL gets: JSON under /api/, documents elsewhere. A route that answers
 * the other kind says so in its config, and the plugin's onRoute hook swaps its set in.
 */
export function securityHeadersKindOf(url: string): SecurityHeadersKind {
  return url.startsWith('/api/') ? 'api' : 'document'
}

/**
 * The API set (JSON answers), as the OWASP REST Security Cheat Sheet gives it: a JSON answer is
 * never rendered as a page, so its CSP allows nothing at all (`default-src 'none'`) and nothing
 * may frame it; nosniff, no referrer, same-site resource policy and HSTS as for documents. The
 * headers that only mean something for a rendered document (COOP, Origin-Agent-Cluster, DNS
 * prefetch, IE's X-Download-Options …) are left out: fewer bytes on the busiest answers (the
 * health code at the gate), nothing lost.
 */
function apiHeaders(production: boolean): Readonly<Record<string, string>> {
  return Object.freeze({
    'content-security-policy': `default-src 'none'; frame-ancestors 'none'${production ? '; upgrade-insecure-requests' : ''}`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-site',
    ...(production ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  })
}

// The helmet that @fastify/helmet wraps, resolved from it (not a dependency of this app's own).
type HelmetMiddleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void
const helmetCore = createRequire(require.resolve('@fastify/helmet'))('helmet') as (options: FastifyHelmetOptions) => HelmetMiddleware

const computed = new Map<string, Readonly<Record<string, string>>>()

/**
 * The headers of one kind of answer, as name → value: the plugin copies them, and answers
 * written outside Fastify's hooks use them too, so the two cannot drift. The document set is
 * what helmet sets with the options above; computed once per environment and kind.
 */
export function securityHeaders(production: boolean, kind: SecurityHeadersKind): Readonly<Record<string, string>> {
  const key = `${production}:${kind}`
  let headers = computed.get(key)
  if (kind === 'api' && !headers) {
    headers = apiHeaders(production)
    computed.set(key, headers)
  }
  if (!headers) {
    const collected: Record<string, string> = {}
    const response = {
      setHeader: (name: string, value: unknown) => void (collected[name.toLowerCase()] = String(value)),
      removeHeader: (name: string) => void delete collected[name.toLowerCase()],
    }
    helmetCore(helmetOptions(production))({} as IncomingMessage, response as unknown as ServerResponse, () => {})
    headers = Object.freeze(collected)
    computed.set(key, headers)
  }
  return headers
}
