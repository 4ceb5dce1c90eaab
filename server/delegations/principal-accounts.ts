import type { Kysely } from 'kysely'
import type { Database } from '../db/database'

/**
 * The proven (level 4) accounts of a principal: whose messages a helper with the
 * notifications scope reads as delegate (messages belong to accounts, not citizens).
 */
export async function principalAccountIds(db: Kysely<Database>, principalCitizenId: string): Promise<string[]> {
  const rows = await db.selectFrom('platform_accounts').select('id').where('citizen_id', '=', principalCitizenId).where('level', '>=', 4).orderBy('id').execute()
  return rows.map((row) => row.id)
}
