import type { Kysely, Selectable } from 'kysely'
import type { CertificateAuthorisationsTable, Database } from '../db/database'

export type AuthorisationRow = Selectable<CertificateAuthorisationsTable> & { certificate_type: string }

/** Rows of certificate_authorisations with their certificate's type; the rules live in authorisations.ts. */
export interface AuthorisationStore {
  insert(row: Selectable<CertificateAuthorisationsTable>): Promise<void>
  findById(id: string): Promise<AuthorisationRow | undefined>
  findForCitizen(citizenId: string, id: string): Promise<AuthorisationRow | undefined>
  /** Newest first, optionally of one certificate. */
  listForCitizen(citizenId: string, certificateId?: string): Promise<AuthorisationRow[]>
  /** Sets revoked_at unless already set; false if it was. */
  revoke(id: string, at: string): Promise<boolean>
}

export function createAuthorisationStore(db: Kysely<Database>): AuthorisationStore {
  const withType = () =>
    db
      .selectFrom('certificate_authorisations')
      .innerJoin('certificates', 'certificates.id', 'certificate_authorisations.certificate_id')
      .selectAll('certificate_authorisations')
      .select('certificates.type as certificate_type')

  return {
    async insert(row) {
      await db.insertInto('certificate_authorisations').values(row).execute()
    },

    async findById(id) {
      return withType().where('certificate_authorisations.id', '=', id).executeTakeFirst()
    },

    async findForCitizen(citizenId, id) {
      return withType().where('certificate_authorisations.id', '=', id).where('certificate_authorisations.citizen_id', '=', citizenId).executeTakeFirst()
    },

    async listForCitizen(citizenId, certificateId) {
      let query = withType().where('certificate_authorisations.citizen_id', '=', citizenId)
      if (certificateId) query = query.where('certificate_authorisations.certificate_id', '=', certificateId)
      // id breaks ties between grants made in the same millisecond.
      return query.orderBy('certificate_authorisations.created_at', 'desc').orderBy('certificate_authorisations.id').execute()
    },

    async revoke(id, at) {
      const result = await db
        .updateTable('certificate_authorisations')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}
