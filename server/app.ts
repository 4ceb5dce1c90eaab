import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { registerAnalytics } from './analytics'
import { registerPerformance } from './performance'
import { registerApplications } from './applications'
import { createTtlCache } from './cache/ttl-cache'
import { registerCatalogue } from './catalogue'
import { registerCertificates } from './certificates'
import { systemClock, type Clock } from './clock'
import type { Config } from './config'
import { fastifyTrustProxy } from './config/network-rules'
import { poolTimeouts } from './db/create-db'
import type { Database } from './db/database'
import type { AppDeps } from './deps'
import { registerEvaluations } from './evaluations'
import { registerFeedback } from './feedback'
import { FREE_TEXT_AJV_FORMATS } from './free-text'
import { registerHealthCode } from './health-code'
import { healthRoutes } from './http/health-routes'
import { lazyChildLoggerFactory } from './http/lazy-request-logger'
import { registerIdentity } from './identity'
import { registerLifeEvents } from './life-events'
import { registerDelegationGate, registerDelegations } from './delegations'
import type { IdentityProviders } from './identity/context'
import type { SessionStore } from './identity/sessions/session-store'
import { registerNotices } from './notices'
import { registerNotifications } from './notifications'
import { registerOperators } from './operators'
import { closeConnectionsPlugin } from './plugins/close-connections'
import { databasePlugin } from './plugins/database'
import { clientErrorHandler, errorHandlerPlugin, frameworkErrorHandler } from './plugins/error-handler'
import { inputGuardsPlugin } from './plugins/input-guards'
import { openapiPlugin } from './plugins/openapi'
import { rateLimitsPlugin } from './plugins/rate-limits'
import { redisPlugin } from './plugins/redis'
import { securityHeadersPlugin } from './plugins/security-headers'
import { staticPlugin } from './plugins/static'
import { registerConsole } from './console'
import { registerSocialSecurity } from './social-security'
import { registerCalendar } from './calendar'
import { registerLive } from './live'
import { registerReleases } from './releases'
import { registerUploads } from './uploads'
import { registerPayments } from './payments'
import { registerResults } from './results'
import { registerAppointments } from './appointments'

export interface BuildAppOptions {
  config: Config
  /** A database the caller opened and will close; otherwise the app opens and closes one. */
  db?: Kysely<Database>
  /** The reports pool (long timeouts) the caller opened and will close; otherwise `db` if given, else the app opens one. */
  reportsDb?: Kysely<Database>
  /** A pino-compatible logger; otherwise one at config.logLevel. */
  logger?: FastifyBaseLogger
  /** A Redis client the caller opened and will close; otherwise one from REDIS_URL, if set. */
  redis?: Redis
  /** The platform login/face providers; otherwise built from the config (WECHAT_*, ALIPAY_*, AUTH_SANDBOX). */
  identityProviders?: IdentityProviders
  /** The current time; tests pass a clock they can move (session timeouts, verification windows). */
  clock?: Clock
  /** Where sessions live instead of Redis / the database (tests: one that survives a database outage). */
  sessionStore?: SessionStore
}

/**
 * Builds the app without starting it: plugins, then the domains (each registers its own
 * plugins, services and routes: server/<domain>/index.ts), then the H5 build. Callers
 * may still add routes (tests do) before `listen()` / `inject()` / `ready()`.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, db, logger, clock = systemClock } = options
  const production = config.nodeEnv === 'production'
  const app: FastifyInstance = Fastify({
    // TRUST_PROXY: only then are X-Forwarded-For / -Proto read (request.ip, request.protocol).
    trustProxy: fastifyTrustProxy(config.trustProxy),
    ...(logger ? { loggerInstance: logger } : { logger: { level: config.logLevel } }),
    // Each request's child logger is made when it first writes a line (./http/lazy-request-logger.ts).
    childLoggerFactory: lazyChildLoggerFactory,
    ajv: {
      // Unknown query/body properties are refused (400), not silently dropped: a typo in
      // a parameter name should be visible to whoever wrote it.
      // One error at a time keeps messages short and the work per bad request bounded.
      // Free-text fields (FreeText / MultilineFreeText in the contract) refuse control characters.
      // Type lists (`type: ['string', 'number']`) say "one of these, left as it is" (form values).
      customOptions: { removeAdditional: false, allErrors: false, formats: FREE_TEXT_AJV_FORMATS, allowUnionTypes: true },
    },
    // The response serializer's own ajv (for unions in response schemas) knows the same formats.
    serializerOpts: { ajv: { formats: FREE_TEXT_AJV_FORMATS } },
    // Malformed URLs are rejected before routing, HTTP parser errors (431 header too large…)
    // before there is a request: both answer in the app's error shape too.
    frameworkErrors: frameworkErrorHandler(production),
    clientErrorHandler: clientErrorHandler(production),
  })

  // Plugins: error handling first so everything registered later is covered by it, then the
  // security headers (every response, the H5 preview's included).
  await app.register(errorHandlerPlugin)
  await app.register(securityHeadersPlugin, { production })
  await app.register(inputGuardsPlugin)
  await app.register(closeConnectionsPlugin)
  await app.register(databasePlugin, {
    target: config.database,
    db,
    reportsDb: options.reportsDb,
    timeouts: { api: poolTimeouts(config, 'api'), reports: poolTimeouts(config, 'reports') },
  })
  await app.register(redisPlugin, { url: config.redisUrl, redis: options.redis })
  await app.register(openapiPlugin)

  await app.register(rateLimitsPlugin, {
    limits: { login: config.rateLimitLogin, verification: config.rateLimitVerification, reveal: config.rateLimitReveal },
    redis: app.redis,
    keyPrefix: config.redisKeyPrefix,
  })

  // Domains. Identity first: it registers the audit and authentication plugins the others' routes use.
  const deps: AppDeps = { config, clock, lastKnown: createTtlCache(app.redis, config.redisKeyPrefix, clock) }
  // 亲情代办's gate first: its hook resolves X-Acting-For on every route registered after it (server/delegations/gate.ts).
  await registerDelegationGate(app, deps)
  const identity = await registerIdentity(app, { ...deps, providers: options.identityProviders, sessionStore: options.sessionStore })
  await registerDelegations(app, { ...deps, identity })
  await registerOperators(app, { ...deps, identity })
  await app.register(healthRoutes)
  await registerNotices(app, deps)
  await registerHealthCode(app, { ...deps, identity })
  await registerSocialSecurity(app, { ...deps, identity })
  const certificates = await registerCertificates(app, { ...deps, identity })
  await registerCatalogue(app, { ...deps, identity })
  await registerEvaluations(app, deps)
  await registerFeedback(app, deps)
  const notifications = await registerNotifications(app, { ...deps, identity })
  // Uploaded materials: the applications attach them; 在线预审 reads them too.
  await registerUploads(app, { ...deps, identity })
  const applications = await registerApplications(app, { ...deps, identity, certificates, notifications })
  // Fees paid in the app (issue 21): refunds follow the applications' withdraw / 不予受理.
  await registerPayments(app, { ...deps, applications })
  // Results delivered on 办结 (issue 15): 我的证明, the PDF, EMS delivery, the public verification page.
  await registerResults(app, { ...deps, identity })
  await registerLifeEvents(app, { ...deps, identity, certificates, notifications })
  await registerAnalytics(app, deps)
  // 办事公开 (issue 20): public per-item figures, the department ranking and the open data.
  await registerPerformance(app, deps)
  // Operator console (issue 18): live demand view, working calendar, release log (the guide editor and the
  // application drawer are the catalogue's and the applications' own operator routes).
  await registerLive(app, deps)
  await registerCalendar(app, deps)
  await registerReleases(app, deps)
  // 在线预约 (issue 15): halls, slots, bookings and the hall's check-in.
  await registerAppointments(app, deps)

  // The console's web pages at /console/ (dist/console beside the H5 build).
  await registerConsole(app, deps)
  // Last: the H5 build answers whatever the API did not claim.
  await app.register(staticPlugin, { dir: config.staticDir })
  return app
}

