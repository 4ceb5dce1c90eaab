import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { Database } from '../../db/database'
import { compiledOnce } from '../../db/compiled-once'
import type { SessionStore } from './session-store'

// Every authenticated request that misses the in-process copy reads this: compiled once.
const byTokenHash = compiledOnce((db: Kysely<Database>, tokenHash: string) => db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash))

/**
 * Sessions in the `sessions` table. Expired rows are cleared when a new session is
 * created, which bounds the table without a separate job.
 */
export function createDatabaseSessionStore(db: Kysely<Database>, clock: Clock): SessionStore {
  return {
    async create(tokenHash, session) {
      await db.deleteFrom('sessions').where('idle_expires_at', '<', clock().toISOString()).execute()
      await db
        .insertInto('sessions')
        .values({
          token_hash: tokenHash,
          account_id: session.accountId,
          created_at: session.createdAt,
          idle_expires_at: session.idleExpiresAt,
          absolute_expires_at: session.absoluteExpiresAt,
          verified_at: session.verifiedAt,
        })
        .execute()
    },

    async find(tokenHash) {
      const [row] = await byTokenHash(db, tokenHash)
      return (
        row && {
          accountId: row.account_id,
          createdAt: row.created_at,
          idleExpiresAt: row.idle_expires_at,
          absoluteExpiresAt: row.absolute_expires_at,
          verifiedAt: row.verified_at,
        }
      )
    },

    async update(tokenHash, changes) {
      const set: { idle_expires_at?: string; verified_at?: string | null } = {}
      if (changes.idleExpiresAt !== undefined) set.idle_expires_at = changes.idleExpiresAt
      if (changes.verifiedAt !== undefined) set.verified_at = changes.verifiedAt
      if (Object.keys(set).length === 0) return
      // Column-wise, so a concurrent touch and a verification never undo each other.
      await db.updateTable('sessions').set(set).where('token_hash', '=', tokenHash).execute()
    },

    async delete(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
    },
  }
}
