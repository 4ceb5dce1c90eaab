import type { HotCache } from '../../cache/hot-cache'
import type { Clock } from '../../clock'
import type { SessionStore, StoredSession } from './session-store'
import { sessionTimes } from './session-times'

/**
 * A session store with in-process copies (../../cache/hot-cache.ts): a request of a busy
 * session skips the store. A logout or revoke (delete) and any change (touch, verification)
 * invalidate the copy on every node. A copy near its idle deadline is not trusted: another
 * node may have extended it, and the rules in ./sessions.ts would delete a session that only
 * looks expired here; the store decides.
 */
const NEAR_IDLE_MS = 60_000

export function withHotSessions(store: SessionStore, hot: HotCache<unknown>, clock: Clock): SessionStore {
  const trusted = (tokenHash: string): StoredSession | undefined => {
    const copy = hot.get(tokenHash) as StoredSession | undefined
    return copy && sessionTimes(copy).idleExpiresAt - clock().getTime() > NEAR_IDLE_MS ? copy : undefined
  }
  return {
    ...store,
    peek: trusted,
    async find(tokenHash) {
      const copy = trusted(tokenHash)
      if (copy) return copy
      const remember = hot.begin()
      const stored = await store.find(tokenHash)
      if (stored) remember(tokenHash, stored)
      return stored
    },
    async update(tokenHash, changes) {
      await store.update(tokenHash, changes)
      hot.invalidate(tokenHash)
    },
    async delete(tokenHash) {
      await store.delete(tokenHash)
      hot.invalidate(tokenHash)
    },
  }
}
