/**
 * Sessions in this process, for tests only: they survive a database outage when no Redis
 * is configured, so the degraded paths (health code from the cache) can be tested end to
 * end on SQLite alone. Same contract as the database and Redis stores.
 */
import type { SessionStore, StoredSession } from '../../server/identity/sessions/session-store'

export function memorySessionStore(): SessionStore {
  const sessions = new Map<string, StoredSession>()
  return {
    async create(tokenHash, session) {
      sessions.set(tokenHash, { ...session })
    },
    async find(tokenHash) {
      const session = sessions.get(tokenHash)
      return session && { ...session }
    },
    async update(tokenHash, changes) {
      const session = sessions.get(tokenHash)
      if (!session) return
      if (changes.idleExpiresAt !== undefined) session.idleExpiresAt = changes.idleExpiresAt
      if (changes.verifiedAt !== undefined) session.verifiedAt = changes.verifiedAt
    },
    async delete(tokenHash) {
      sessions.delete(tokenHash)
    },
  }
}
