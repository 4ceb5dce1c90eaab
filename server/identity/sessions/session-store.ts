/**
 * Where sessions live: the database by default, Redis when REDIS_URL is set (so several
 * API nodes share them). Stores are dumb storage keyed by the token's SHA-256; the rules
 * (timeouts, what counts as expired) are in ./sessions.ts, identical for both.
 */
export interface StoredSession {
  accountId: string
  /** ISO times. */
  createdAt: string
  /** Moves forward on use, never past absoluteExpiresAt. */
  idleExpiresAt: string
  absoluteExpiresAt: string
  /** The last successful real-name, face or re-verification in this session. */
  verifiedAt: string | null
}

export type SessionChanges = Partial<Pick<StoredSession, 'idleExpiresAt' | 'verifiedAt'>>

export interface SessionStore {
  create(tokenHash: string, session: StoredSession): Promise<void>
  find(tokenHash: string): Promise<StoredSession | undefined>
  /**
   * The session at once, without waiting, when this process holds a copy it may trust (the
   * in-process copies, ./hot-session-store.ts); undefined means "ask find()", not "no session".
   */
  peek?(tokenHash: string): StoredSession | undefined
  /** Changes a session that still exists; does nothing (and never recreates it) otherwise. */
  update(tokenHash: string, changes: SessionChanges): Promise<void>
  delete(tokenHash: string): Promise<void>
}
