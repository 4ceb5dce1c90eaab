import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { createApplicationsContext } from './applications/context'
import { createTtlCache } from './cache/ttl-cache'
import { createCertificatesContext } from './certificates/context'
import { createCatalogue } from './catalogue/catalogue'
import { systemClock, type Clock } from './clock'
import type { Config } from './config'
import { poolTimeouts } from './db/create-db'
import { fastifyTrustProxy } from './config/network-rules'
import type { Database } from './db/database'
import { FREE_TEXT_AJV_FORMATS } from './free-text'
import { createHealthCodeContext } from './health-code/context'
import type { IdentityProviders } from './identity/context'
import { createIdentityContext } from './identity/create-context'
import { createIdentityProviders } from './identity/providers'
import { createNotificationsContext } from './notifications/context'
import type { SessionStore } from './identity/sessions/session-store'
import { auditPlugin } from './plugins/audit'
import { authPlugin } from './plugins/auth'
import { authenticateFirstPlugin } from './plugins/authenticate-first'
import { closeConnectionsPlugin } from './plugins/close-connections'
import { databasePlugin } from './plugins/database'
import { clientErrorHandler, errorHandlerPlugin, frameworkErrorHandler } from './plugins/error-handler'
import { inputGuardsPlugin } from './plugins/input-guards'
import { openapiPlugin } from './plugins/openapi'
import { rateLimitsPlugin } from './plugins/rate-limits'
import { redisPlugin } from './plugins/redis'
import { securityHeadersPlugin } from './plugins/security-headers'
import { staticPlugin } from './plugins/static'
import { createOperatorsContext } from './operators/context'
import { operatorAuthPlugin } from './plugins/operator-auth'
import { createNoticePublishing } from './repositories/notice-publishing'
import { createNoticesRepository } from './repositories/notices'
import { applicationRoutes } from './routes/applications'
import { authRoutes } from './routes/auth'
import { certificateAuthorisationRoutes } from './routes/certificate-authorisations'
import { certificatePresentationRoutes } from './routes/certificate-presentations'
import { certificateRoutes } from './routes/certificates'
import { operatorServiceRoutes, serviceRoutes } from './routes/services'
import { evaluationRoutes } from './routes/evaluations'
import { feedbackRoutes } from './routes/feedback'
import { healthRoutes } from './routes/health'
import { healthCodeRoutes } from './routes/health-code'
import { identityRoutes } from './routes/identity'
import { meRoutes } from './routes/me'
import { messageRoutes } from './routes/messages'
import { homeRoutes } from './routes/home'
import { noticeRoutes } from './routes/notices'
import { notificationRoutes } from './routes/notifications'
import { operatorAnalyticsRoutes } from './routes/operator-analytics'
import { operatorApplicationRoutes } from './routes/operator-applications'
import { opsHealthRoutes } from './routes/ops-health'
import { operatorNoticeRoutes } from './routes/operator-notices'
import { operatorRoutes } from './routes/operators'
import { socialSecurityRoutes } from './routes/social-security'
import { sandboxKeys } from './seed-data/demo-citizens'

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
 * Builds the app without starting it: plugins, then repositories, then routes. Callers
 * may still add routes (tests do) before `listen()` / `inject()` / `ready()`.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, db, logger, clock = systemClock } = options
  const production = config.nodeEnv === 'production'
  const app: FastifyInstance = Fastify({
    // TRUST_PROXY: only then are X-Forwarded-For / -Proto read (request.ip, request.protocol).
    trustProxy: fastifyTrustProxy(config.trustProxy),
    ...(logger ? { loggerInstance: logger } : { logger: { level: config.logLevel } }),
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

  // Repositories and domain services
  const notices = createNoticesRepository(app.db)
  // Last known copies (Redis when configured, else this process) keep sessions and health
  // codes working while the database is down.
  const lastKnown = createTtlCache(app.redis, config.redisKeyPrefix, clock)
  const identity = createIdentityContext({
    config,
    db: app.db,
    redis: app.redis,
    providers: options.identityProviders ?? createIdentityProviders(config, app.log, { sandboxKeys }),
    clock,
    sessionStore: options.sessionStore,
    accountFallback: { cache: lastKnown, log: app.log },
  })
  const healthCode = createHealthCodeContext({
    config,
    db: app.db,
    cache: lastKnown,
    crypto: identity.crypto,
    audit: identity.audit,
    clock,
    log: app.log,
  })
  const certificates = createCertificatesContext({ config, db: app.db, crypto: identity.crypto, audit: identity.audit, clock })
  // The service catalogue (一网通办事项): guides, search, operator import.
  const catalogue = createCatalogue({ db: app.db, clock, audit: (event) => identity.audit.record(event) })
  // Subscription messages about applications: outbox + dispatcher (WeChat / Alipay when configured).
  const notifications = createNotificationsContext({
    config,
    db: app.db,
    clock,
    log: app.log,
    wechatAccessTokens: identity.providers.wechatAccessTokens,
  })
  const applications = createApplicationsContext({
    db: app.db,
    crypto: identity.crypto,
    certificates: certificates.certificates,
    audit: identity.audit,
    clock,
    templateIds: notifications.templateIds,
  })
  app.decorate('notifications', notifications.dispatcher)
  // Sweeps start once the app is ready and stop before connections close.
  app.addHook('onReady', async () => notifications.dispatcher.start())
  app.addHook('preClose', async () => notifications.dispatcher.stop())
  // Operators (people who run the service): own accounts, passwords and sessions, apart from citizens.
  const operators = createOperatorsContext({ config, db: app.db, redis: app.redis, clock, audit: identity.audit })

  // Plugins that need them: audit, authentication, rate limits (before the routes using them)
  await app.register(auditPlugin, { auditLog: identity.audit })
  // Session checks of the routes' preHandlers also run before the body is read (no parsing for anonymous callers).
  await app.register(authenticateFirstPlugin)
  await app.register(authPlugin, { sessions: identity.sessions, accounts: identity.accounts })
  await app.register(operatorAuthPlugin, { operators })
  await app.register(rateLimitsPlugin, {
    limits: { login: config.rateLimitLogin, verification: config.rateLimitVerification, reveal: config.rateLimitReveal },
    redis: app.redis,
    keyPrefix: config.redisKeyPrefix,
  })

  // Routes
  await app.register(healthRoutes)
  await app.register(noticeRoutes, { notices })
  await app.register(authRoutes, { identity })
  await app.register(meRoutes, { identity })
  await app.register(identityRoutes, { identity })
  await app.register(healthCodeRoutes, { healthCode })
  await app.register(opsHealthRoutes, { healthCode, batchDb: app.reportsDb })
  await app.register(operatorRoutes, { operators })
  await app.register(operatorNoticeRoutes, { publishing: createNoticePublishing(app.db, clock) })
  await app.register(socialSecurityRoutes, { identity, proofKey: config.socialProofKey, proofLimit: config.rateLimitSocialProof, publicOrigin: config.publicOrigin })
  await app.register(certificateRoutes, { certificates })
  await app.register(certificatePresentationRoutes, { certificates, verifyLimit: config.rateLimitCertificateVerify })
  await app.register(certificateAuthorisationRoutes, { certificates, fetchLimit: config.rateLimitCertificateVerify })
  await app.register(serviceRoutes, { catalogue })
  await app.register(homeRoutes, { catalogue })
  // Imports write thousands of rows: on the reports pool, with its longer timeouts.
  await app.register(operatorServiceRoutes, { catalogue: createCatalogue({ db: app.reportsDb, clock, audit: (event) => identity.audit.record(event) }) })
  await app.register(evaluationRoutes, { clock })
  await app.register(feedbackRoutes, { clock, writeLimit: config.rateLimitFeedback })
  await app.register(applicationRoutes, { applications })
  await app.register(operatorApplicationRoutes, { applications })
  await app.register(operatorAnalyticsRoutes, { clock })
  await app.register(notificationRoutes, { templateIds: notifications.templateIds, clock })
  await app.register(messageRoutes, { clock })

  // Last: the H5 build answers whatever the API did not claim.
  await app.register(staticPlugin, { dir: config.staticDir })
  return app
}

