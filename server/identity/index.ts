import type { FastifyInstance } from 'fastify'
import { createHotCaches } from '../cache/hot-cache'
import { sqliteDataVersion } from '../db/sqlite-data-version'
import type { AppDeps } from '../deps'
import { auditPlugin } from '../plugins/audit'
import { authPlugin } from '../plugins/auth'
import { authenticateFirstPlugin } from '../plugins/authenticate-first'
import { sandboxKeys } from '../seed-data/demo-citizens'
import { authRoutes } from './auth-routes'
import type { IdentityContext } from './context'
import { createIdentityContext } from './create-context'
import { meRoutes } from './me-routes'
import { createIdentityProviders, type IdentityProviders } from './providers'
import { identityRoutes } from './routes'
import type { SessionStore } from './sessions/session-store'

export interface IdentityDeps extends AppDeps {
  /** The platform login/face providers; otherwise built from the config (WECHAT_*, ALIPAY_*, AUTH_SANDBOX). */
  providers?: IdentityProviders
  /** Where sessions live instead of Redis / the database (tests). */
  sessionStore?: SessionStore
}

/**
 * Citizens, accounts, sessions and the audit log: registers the audit and authentication
 * plugins every later domain's routes use, then login (/api/auth), /api/me and real-name /
 * face verification. Returns the context the other domains build on.
 */
/** How often a process on SQLite without Redis asks the file whether another process changed it. */
const CHANGE_POLL_MS = 100

export async function registerIdentity(app: FastifyInstance, deps: IdentityDeps): Promise<IdentityContext> {
  const { config, clock, lastKnown } = deps
  // Sessions, accounts and statuses every request reads, kept in process and invalidated on every node.
  const hot = createHotCaches({
    redis: app.redis,
    keyPrefix: config.redisKeyPrefix,
    log: app.log,
    ttlMs: config.hotCacheMs,
    // SQLite without Redis: another process on the same file is heard through the file itself.
    poll: config.database.dialect === 'sqlite' ? { read: () => sqliteDataVersion(app.db), everyMs: CHANGE_POLL_MS } : undefined,
  })
  app.addHook('onReady', () => hot.start())
  app.addHook('onClose', () => hot.close())
  const identity = createIdentityContext({
    hot,
    config,
    db: app.db,
    redis: app.redis,
    providers: deps.providers ?? createIdentityProviders(config, app.log, { sandboxKeys }),
    clock,
    sessionStore: deps.sessionStore,
    accountFallback: { cache: lastKnown, log: app.log },
  })
  await app.register(auditPlugin, { auditLog: identity.audit })
  // Session checks of the routes' preHandlers also run before the body is read (no parsing for anonymous callers).
  await app.register(authenticateFirstPlugin)
  await app.register(authPlugin, { sessions: identity.sessions, accounts: identity.accounts })

  await app.register(authRoutes, { identity })
  await app.register(meRoutes, { identity })
  await app.register(identityRoutes, { identity })
  return identity
}
