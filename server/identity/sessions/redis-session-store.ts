import type { Redis } from 'ioredis'
import type { Clock } from '../../clock'
import type { SessionChanges, SessionStore, StoredSession } from './session-store'

/**
 * Sessions as Redis hashes `<prefix>session:<token hash>`, expiring with the session (a
 * TTL up to the idle deadline), so Redis forgets them by itself. The TTL is measured on
 * the app's clock, not Redis's, so an injected clock and Redis agree on what is left.
 * Field-wise updates keep a concurrent touch and a verification from undoing each other.
 */

// Updates only a session that still exists: a plain HSET after expiry would recreate a
// fragment of it. ARGV: the new TTL in ms (or '' to keep it), then field/value pairs.
const UPDATE_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
if ARGV[1] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1
`

const FIELDS = ['accountId', 'createdAt', 'idleExpiresAt', 'absoluteExpiresAt', 'verifiedAt'] as const

export function createRedisSessionStore(redis: Redis, keyPrefix: string, clock: Clock): SessionStore {
  const key = (tokenHash: string) => `${keyPrefix}session:${tokenHash}`
  // At least 1 ms: Redis refuses a TTL of 0.
  const ttlUntil = (iso: string) => Math.max(1, Date.parse(iso) - clock().getTime())

  return {
    async create(tokenHash, session) {
      const results = await redis
        .multi()
        .hset(key(tokenHash), toHash(session))
        .pexpire(key(tokenHash), ttlUntil(session.idleExpiresAt))
        .exec()
      // A transaction reports failed commands in its results instead of throwing.
      const failure = results?.find(([error]) => error)?.[0]
      if (failure) throw failure
    },

    async find(tokenHash) {
      const hash = await redis.hgetall(key(tokenHash))
      if (!hash.accountId || !hash.createdAt || !hash.idleExpiresAt || !hash.absoluteExpiresAt) return undefined
      return {
        accountId: hash.accountId,
        createdAt: hash.createdAt,
        idleExpiresAt: hash.idleExpiresAt,
        absoluteExpiresAt: hash.absoluteExpiresAt,
        verifiedAt: hash.verifiedAt || null,
      }
    },

    async update(tokenHash, changes) {
      const pairs = Object.entries(toHash(changes)).flat()
      if (pairs.length === 0) return
      const ttl = changes.idleExpiresAt === undefined ? '' : String(ttlUntil(changes.idleExpiresAt))
      await redis.eval(UPDATE_IF_EXISTS, 1, key(tokenHash), ttl, ...pairs)
    },

    async delete(tokenHash) {
      await redis.del(key(tokenHash))
    },
  }
}

/** Redis hashes hold strings only: a missing verification is stored as ''. */
function toHash(session: Partial<StoredSession> | SessionChanges): Record<string, string> {
  const hash: Record<string, string> = {}
  for (const field of FIELDS) {
    const value = (session as Partial<StoredSession>)[field]
    if (value !== undefined) hash[field] = value ?? ''
  }
  return hash
}
