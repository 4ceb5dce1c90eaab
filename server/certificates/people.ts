import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { maskName } from '../privacy/masking'

/** Names of the people involved (holders, verifiers), masked: all a verifier or ledger shows of them. */
export interface People {
  maskedName(citizenId: string | null): Promise<string | undefined>
}

export function createPeople(db: Kysely<Database>): People {
  return {
    async maskedName(citizenId) {
      if (!citizenId) return undefined
      const row = await db.selectFrom('citizens').select('name').where('id', '=', citizenId).executeTakeFirst()
      return row && maskName(row.name)
    },
  }
}
