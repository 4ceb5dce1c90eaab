import type { Kysely, Selectable } from 'kysely'
import type { Database, FaceVerificationsTable } from '../db/database'

export type FaceVerificationRow = Selectable<FaceVerificationsTable>

/** Face verification attempts. A pending attempt is settled once, to passed or failed. */
export interface FaceVerificationsRepository {
  create(row: Omit<FaceVerificationRow, 'status' | 'failure_reason' | 'completed_at'>): Promise<void>
  /** Only the account's own attempts: another account's id is as good as unknown. */
  findForAccount(id: string, accountId: string): Promise<FaceVerificationRow | undefined>
  /** Moves a pending attempt to its outcome; false when it was no longer pending (a replay). */
  settle(id: string, outcome: { status: 'passed' | 'failed'; failureReason?: string; at: Date }): Promise<boolean>
}

export function createFaceVerificationsRepository(db: Kysely<Database>): FaceVerificationsRepository {
  return {
    async create(row) {
      await db
        .insertInto('face_verifications')
        .values({ ...row, status: 'pending', failure_reason: null, completed_at: null })
        .execute()
    },

    async findForAccount(id, accountId) {
      return db.selectFrom('face_verifications').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst()
    },

    async settle(id, outcome) {
      const result = await db
        .updateTable('face_verifications')
        .set({ status: outcome.status, failure_reason: outcome.failureReason ?? null, completed_at: outcome.at.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}
