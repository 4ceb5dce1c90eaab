import type { Kysely, Selectable } from 'kysely'
import type { CertificatePresentationsTable, Database } from '../db/database'

export type PresentationRow = Selectable<CertificatePresentationsTable>

/** Rows of certificate_presentations; the rules live in presentations.ts and verification.ts. */
export interface PresentationStore {
  insert(row: PresentationRow): Promise<void>
  findById(id: string): Promise<PresentationRow | undefined>
  findForCitizen(citizenId: string, id: string): Promise<PresentationRow | undefined>
  /**
   * Marks the presentation verified if it is still unused and not withdrawn. False when
   * another verification (or a withdrawal) got there first: a code discloses once, even
   * when two scanners race.
   */
  claim(id: string, at: string, verifier: { kind: string; name: string | null }): Promise<boolean>
  /** Withdraws an unused presentation; false if it was already used or withdrawn. */
  withdraw(id: string, at: string): Promise<boolean>
}

export function createPresentationStore(db: Kysely<Database>): PresentationStore {
  return {
    async insert(row) {
      await db.insertInto('certificate_presentations').values(row).execute()
    },

    async findById(id) {
      return db.selectFrom('certificate_presentations').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async findForCitizen(citizenId, id) {
      return db.selectFrom('certificate_presentations').selectAll().where('id', '=', id).where('citizen_id', '=', citizenId).executeTakeFirst()
    },

    async claim(id, at, verifier) {
      const result = await db
        .updateTable('certificate_presentations')
        .set({ verified_at: at, verifier_kind: verifier.kind, verifier_name: verifier.name })
        .where('id', '=', id)
        .where('verified_at', 'is', null)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async withdraw(id, at) {
      const result = await db
        .updateTable('certificate_presentations')
        .set({ withdrawn_at: at })
        .where('id', '=', id)
        .where('verified_at', 'is', null)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}
