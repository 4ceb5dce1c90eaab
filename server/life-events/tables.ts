import type { Kysely } from 'kysely'
import type { Database } from '../db/database'

/**
 * The tables of this domain (migration 2026-12-06T13-00-00_life_event_applications), added to
 * the shared Database type here rather than in db/database.ts: only this domain reads them.
 */
export interface LifeEventApplicationsTable {
  id: string
  citizen_id: string
  account_id: string
  package_key: string
  idempotency_key: string
  request_hash: string
  /** AES-256-GCM of the JSON { fields: StoredField[] } of the shared data. */
  shared_encrypted: string
  submitted_at: string
}

export interface LifeEventMembersTable {
  package_application_id: string
  position: number
  application_id: string
  item_code: string
}

/** A type alias, not an interface: withTables needs its implicit index signature. */
export type LifeEventTables = {
  life_event_applications: LifeEventApplicationsTable
  life_event_members: LifeEventMembersTable
}

export type LifeEventDb = Kysely<Database & LifeEventTables>

export function lifeEventDb(db: Kysely<Database>): LifeEventDb {
  return db.withTables<LifeEventTables>()
}
