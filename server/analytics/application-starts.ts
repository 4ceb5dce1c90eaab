import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { emitActivity } from '../live/activity'

/**
 * "Started" in the demand report: a citizen opened a 全程网办 item's application form.
 * Written by the form route (GET /api/services/:code/application-form) once the form was
 * built; read by ./demand.ts to tell started from submitted applications (abandonment).
 */
export interface ApplicationStart {
  itemCode: string
  citizenId: string
  accountId: string
  at: Date
}

export async function recordApplicationStart(db: Kysely<Database>, start: ApplicationStart): Promise<void> {
  await db
    .insertInto('application_starts')
    .values({ item_code: start.itemCode, citizen_id: start.citizenId, account_id: start.accountId, started_at: start.at.toISOString() })
    .execute()
  emitActivity(db, { kind: 'application_start', serviceCode: start.itemCode, at: start.at })
}
