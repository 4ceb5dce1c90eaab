import type { Kysely } from 'kysely'
import { actedByWords } from '../../src/contract/delegations/data'
import type { Database } from '../db/database'
import { maskName } from '../privacy/masking'
import { delegationDb } from './tables'

/**
 * 由 张* 代办 when a family helper submitted this application as delegate (delegation_acts), for
 * the application pages of the principal and the department's reviewer; undefined otherwise.
 */
export async function applicationSubmittedBy(db: Kysely<Database>, applicationId: string): Promise<string | undefined> {
  const row = await delegationDb(db)
    .selectFrom('delegation_acts')
    .innerJoin('citizens', 'citizens.id', 'delegation_acts.helper_citizen_id')
    .select('citizens.name')
    .where('delegation_acts.target_id', '=', applicationId)
    .where('delegation_acts.action', '=', 'application.submit')
    .orderBy('delegation_acts.id')
    .executeTakeFirst()
  return row ? actedByWords(maskName(row.name), '代办') : undefined
}
