import type { Generated, Kysely } from 'kysely'
import type { Database } from '../db/database'

/**
 * The delegation tables (migration 2026-12-06T15-00-00_delegations), typed here rather than in
 * db/database.ts so this domain's schema lives beside its code; `delegationDb(app.db)` gives a
 * Kysely that knows them as well as every other table.
 */
export interface DelegationsTable {
  id: string
  helper_citizen_id: string
  helper_account_id: string
  principal_citizen_id: string
  /** JSON DelegationScope[] */
  scopes: string
  ends_at: string
  state: 'invited' | 'active' | 'ended'
  created_at: string
  consent_method: 'principal_session' | 'face_of_principal' | null
  consent_account_id: string | null
  consent_face_verification_id: string | null
  pending_face_verification_id: string | null
  consented_at: string | null
  ended_at: string | null
  ended_by: 'helper' | 'principal' | null
}

export interface DelegationActsTable {
  id: Generated<number>
  delegation_id: string
  principal_citizen_id: string
  helper_citizen_id: string
  helper_account_id: string
  action: string
  target_id: string | null
  occurred_at: string
}

// A type alias, not an interface: withTables wants a record type.
export type DelegationTables = {
  delegations: DelegationsTable
  delegation_acts: DelegationActsTable
}

export type DelegationDb = Kysely<Database & DelegationTables>

export function delegationDb(db: Kysely<Database>): DelegationDb {
  return db.withTables<DelegationTables>()
}
