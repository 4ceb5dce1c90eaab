import type { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import { createRedisSessionStore } from '../identity/sessions/redis-session-store'
import type { SessionStore } from '../identity/sessions/session-store'

/**
 * Where operator sessions live: the citizens' session rules (server/identity/sessions/
 * sessions.ts: hashed opaque tokens, idle and absolute timeouts) over stores of their own,
 * the `operator_sessions` table or Redis keys `<prefix>operator-session:…`. Separate stores
 * are what keep the two apart: a citizen token is never found where operator tokens are
 * looked up, and the reverse. (`accountId` of a stored session is the operator id here.)
 *
 * Operator sessions are never re-verified, so `verifiedAt` is always null.
 */
export interface OperatorSessionStore extends SessionStore {
  /** Ends every session of one operator (disabled, password reset or changed). */
  deleteAllFor(operatorId: string): Promise<void>
}

export function createOperatorSessionStore(options: { db: Kysely<Database>; redis: Redis | null; keyPrefix: string; clock: Clock }): OperatorSessionStore {
  return options.redis ? redisStore(options.redis, options.keyPrefix, options.clock) : databaseStore(options.db, options.clock)
}

function databaseStore(db: Kysely<Database>, clock: Clock): OperatorSessionStore {
  return {
    async create(tokenHash, session) {
      await db.deleteFrom('operator_sessions').where('idle_expires_at', '<', clock().toISOString()).execute()
      await db
        .insertInto('operator_sessions')
        .values({
          token_hash: tokenHash,
          operator_id: session.accountId,
          created_at: session.createdAt,
          idle_expires_at: session.idleExpiresAt,
          absolute_expires_at: session.absoluteExpiresAt,
        })
        .execute()
    },

    async find(tokenHash) {
      const row = await db.selectFrom('operator_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
      return (
        row && {
          accountId: row.operator_id,
          createdAt: row.created_at,
          idleExpiresAt: row.idle_expires_at,
          absoluteExpiresAt: row.absolute_expires_at,
          verifiedAt: null,
        }
      )
    },

    async update(tokenHash, changes) {
      if (changes.idleExpiresAt === undefined) return
      await db.updateTable('operator_sessions').set({ idle_expires_at: changes.idleExpiresAt }).where('token_hash', '=', tokenHash).execute()
    },

    async delete(tokenHash) {
      await db.deleteFrom('operator_sessions').where('token_hash', '=', tokenHash).execute()
    },

    async deleteAllFor(operatorId) {
      await db.deleteFrom('operator_sessions').where('operator_id', '=', operatorId).execute()
    },
  }
}

/**
 * The citizens' Redis store under another key space, plus a set per operator of their
 * token hashes (`<prefix>operator-sessions:<id>`) so all of them can be ended at once.
 */
function redisStore(redis: Redis, keyPrefix: string, clock: Clock): OperatorSessionStore {
  const sessions = createRedisSessionStore(redis, `${keyPrefix}operator-`, clock)
  const sessionKey = (tokenHash: string) => `${keyPrefix}operator-session:${tokenHash}`
  const indexKey = (operatorId: string) => `${keyPrefix}operator-sessions:${operatorId}`
  return {
    ...sessions,

    async create(tokenHash, session) {
      await sessions.create(tokenHash, session)
      // Every session lasts at most the same absolute time, so the newest ends last: the
      // index expires with it and never holds hashes for long after their sessions ended.
      const ttl = Math.max(1, Date.parse(session.absoluteExpiresAt) - clock().getTime())
      await redis.multi().sadd(indexKey(session.accountId), tokenHash).pexpire(indexKey(session.accountId), ttl).exec()
    },

    async deleteAllFor(operatorId) {
      const hashes = await redis.smembers(indexKey(operatorId))
      if (hashes.length) await redis.del(...hashes.map(sessionKey))
      await redis.del(indexKey(operatorId))
    },
  }
}
