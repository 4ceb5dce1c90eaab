import { hash, randomBytes } from 'node:crypto'
import type { Clock } from '../../clock'
import type { SessionStore, StoredSession } from './session-store'
import { sessionTimes, type SessionTimes } from './session-times'

/**
 * Session rules, the same whichever store holds them:
 * - the token is 256 random bits, base64url, handed out once and never stored: the store
 *   keys sessions by its SHA-256, so a leaked store cannot be replayed;
 * - a session ends after `idleMs` without use or `absoluteMs` after login, whichever is
 *   first, and on logout (the store entry is deleted).
 */
export interface SessionSettings {
  idleMs: number
  absoluteMs: number
}

export interface ActiveSession {
  tokenHash: string
  accountId: string
  absoluteExpiresAt: Date
  /** The last successful verification in this session, if any. */
  verifiedAt?: Date
}

export interface OpenedSession {
  token: string
  tokenHash: string
  expiresAt: Date
}

export interface Sessions {
  open(accountId: string): Promise<OpenedSession>
  /** The session a token names, or undefined when it is unknown, expired or revoked. */
  authenticate(token: string): Promise<ActiveSession | undefined>
  /**
   * The same answer without waiting, when the store holds a trusted in-process copy and the
   * session needs no write (not expired, no idle extension due); undefined: ask authenticate().
   */
  peek(token: string): ActiveSession | undefined
  markVerified(tokenHash: string): Promise<Date>
  revoke(tokenHash: string): Promise<void>
}

const TOKEN_BYTES = 32
/** What a token looks like; anything else is refused without a store lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/
/** Extending the idle deadline costs a write; skip it when it would move by less than this. */
const TOUCH_GRANULARITY_MS = 60_000

export function hashToken(token: string): string {
  // The one-shot hash: a third of createHash().update().digest()'s time, on every authenticated request.
  return hash('sha256', token, 'hex')
}

export function createSessions(store: SessionStore, settings: SessionSettings, clock: Clock): Sessions {
  return {
    async open(accountId) {
      const token = randomBytes(TOKEN_BYTES).toString('base64url')
      const tokenHash = hashToken(token)
      const now = clock().getTime()
      const absoluteExpiresAt = now + settings.absoluteMs
      await store.create(tokenHash, {
        accountId,
        createdAt: new Date(now).toISOString(),
        idleExpiresAt: new Date(Math.min(now + settings.idleMs, absoluteExpiresAt)).toISOString(),
        absoluteExpiresAt: new Date(absoluteExpiresAt).toISOString(),
        verifiedAt: null,
      })
      return { token, tokenHash, expiresAt: new Date(absoluteExpiresAt) }
    },

    async authenticate(token) {
      if (!TOKEN_PATTERN.test(token)) return undefined
      const tokenHash = hashToken(token)
      const stored = await store.find(tokenHash)
      if (!stored) return undefined
      const { expired, nextIdle } = timesOf(stored, clock().getTime(), settings)
      if (expired) {
        await store.delete(tokenHash)
        return undefined
      }
      if (nextIdle !== undefined) await store.update(tokenHash, { idleExpiresAt: new Date(nextIdle).toISOString() })
      return toActive(tokenHash, stored)
    },

    peek(token) {
      if (!store.peek || !TOKEN_PATTERN.test(token)) return undefined
      const tokenHash = hashToken(token)
      const stored = store.peek(tokenHash)
      if (!stored) return undefined
      // Anything that needs a write (an expired session deleted, the idle deadline extended) goes the long way.
      const { expired, nextIdle } = timesOf(stored, clock().getTime(), settings)
      return expired || nextIdle !== undefined ? undefined : toActive(tokenHash, stored)
    },

    async markVerified(tokenHash) {
      const now = clock()
      await store.update(tokenHash, { verifiedAt: now.toISOString() })
      return now
    },

    async revoke(tokenHash) {
      await store.delete(tokenHash)
    },
  }
}

/** Whether a session has expired at `now`, and the idle deadline to write if one is due. */
function timesOf(stored: StoredSession, now: number, settings: SessionSettings): { expired: boolean; nextIdle?: number } {
  const { idleExpiresAt: idle, absoluteExpiresAt: absolute } = sessionTimes(stored)
  if (now >= idle || now >= absolute) return EXPIRED
  const nextIdle = Math.min(now + settings.idleMs, absolute)
  return nextIdle - idle >= TOUCH_GRANULARITY_MS ? { expired: false, nextIdle } : CURRENT
}
const EXPIRED = Object.freeze({ expired: true })
const CURRENT = Object.freeze({ expired: false })

/**
 * The session as requests see it. One frozen object per parse of a stored copy's times
 * (./session-times.ts gives a new parse whenever those texts change): a busy session read from
 * its in-process copy is not rebuilt on every request.
 */
const actives = new WeakMap<SessionTimes, ActiveSession>()

function toActive(tokenHash: string, stored: StoredSession): ActiveSession {
  const times = sessionTimes(stored)
  const known = actives.get(times)
  if (known && known.tokenHash === tokenHash && known.accountId === stored.accountId) return known
  const session: ActiveSession = { tokenHash, accountId: stored.accountId, absoluteExpiresAt: new Date(times.absoluteExpiresAt) }
  if (times.verifiedAt !== undefined) session.verifiedAt = new Date(times.verifiedAt)
  actives.set(times, Object.freeze(session))
  return session
}
