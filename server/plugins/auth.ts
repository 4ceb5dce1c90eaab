import type { FastifyReply, FastifyRequest } from 'fastify'
import type { RealNameLevel } from '../../src/contract/identity/schemas'
import { AppError } from '../errors'
import type { Account, AccountsRepository } from '../identity/accounts'
import type { ActiveSession, Sessions } from '../identity/sessions/sessions'
import { checksSession } from './authenticate-first'
import { sharedPlugin } from './shared-plugin'

/**
 * Authentication and real-name levels for every route:
 *   preHandler: app.authenticate        – any logged-in account (level 1)
 *   preHandler: app.requireLevel(3)     – real-name verified; 4 – face verified
 * A missing, unknown, expired or revoked token is 401 UNAUTHENTICATED (the client logs in
 * again and replays once), answered before the request's body is read
 * (./authenticate-first.ts). Too low a level is 403 REAL_NAME_REQUIRED with requiredLevel
 * and currentLevel, so the client can offer exactly the missing step.
 */

export interface Identity {
  account: Account
  session: ActiveSession
}

type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>
type Check = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: PreHandler
    requireLevel(level: RealNameLevel): Check
  }
  interface FastifyRequest {
    /** Set by app.authenticate / app.requireLevel; null on routes without them. */
    identity: Identity | null
  }
}

export interface AuthPluginOptions extends Record<string, unknown> {
  sessions: Sessions
  accounts: AccountsRepository
}

/** 401 without any token: not "expired", just not logged in yet. */
export const NOT_LOGGED_IN_MESSAGE = '请先登录'

// The token only ever travels in this header, never in a URL (URLs end up in logs).
const BEARER = /^Bearer ([^\s]+)$/i

export const authPlugin = sharedPlugin<AuthPluginOptions>('auth', async (app, { sessions, accounts }) => {
  app.decorateRequest('identity', null)

  const authenticate: PreHandler = async (request, reply) => {
    if (request.identity) return
    const token = bearerToken(request)
    const session = token ? await sessions.authenticate(token) : undefined
    const account = session ? await accounts.findById(session.accountId) : undefined
    if (!session || !account) {
      void reply.header('www-authenticate', 'Bearer')
      // Someone who never logged in (or logged out) is asked to log in; only a session that
      // existed and ended is "expired". Same code: the client's renewal keys off it.
      throw new AppError('UNAUTHENTICATED', token ? {} : { message: NOT_LOGGED_IN_MESSAGE })
    }
    request.identity = { account, session }
  }

  /**
   * The session check that runs before the body is read (./authenticate-first.ts), as a callback
   * hook: when this process holds trusted copies of the session and its account (and the session
   * needs no write), the identity is attached at once, without a promise; otherwise, and for
   * every refusal, `authenticate` decides. Both read the same copies, so they cannot disagree.
   */
  const sessionCheck: Check = (request, reply, done) => {
    if (request.identity) return done()
    const token = bearerToken(request)
    const session = token === undefined ? undefined : sessions.peek(token)
    const account = session && accounts.peek?.(session.accountId)
    if (session && account) {
      request.identity = { account, session }
      return done()
    }
    authenticate(request, reply).then(() => done(), done)
  }

  app.decorate('authenticate', checksSession(authenticate, sessionCheck))
  // A callback hook: by the time it runs, the onRequest session check has attached the identity,
  // so the level is compared without a promise (the health code's path).
  app.decorate('requireLevel', (level: RealNameLevel): Check =>
    checksSession<Check>((request, reply, done) => {
      if (!request.identity) return authenticate(request, reply).then(() => done(levelProblem(request, level)), done)
      done(levelProblem(request, level))
    }, sessionCheck),
  )
})

export function bearerToken(request: FastifyRequest): string | undefined {
  return BEARER.exec(request.headers.authorization ?? '')?.[1]
}

function levelProblem(request: FastifyRequest, level: RealNameLevel): AppError | undefined {
  const current = request.identity!.account.level
  return current < level ? realNameRequired(level, current) : undefined
}

export function realNameRequired(requiredLevel: number, currentLevel: number): AppError {
  const message = requiredLevel >= 4 ? '此事项需要先完成人脸核验，请点击“去核验”' : undefined
  return new AppError('REAL_NAME_REQUIRED', { message, requiredLevel, currentLevel })
}

/** The identity app.authenticate set; for handlers behind it. */
export function identityOf(request: FastifyRequest): Identity {
  if (!request.identity) throw new AppError('UNAUTHENTICATED')
  return request.identity
}
