import type { Kysely } from 'kysely'
import type { DeliveryMethod, ResultKind } from '../../src/contract/results/data'
import type { Database } from '../db/database'

/**
 * This domain's tables (migration 2026-12-06T12-00-00_results_delivered). They are added to
 * the shared Database type with Kysely's `withTables` where used, so the domain stays in its
 * own folder while several people edit server/db/database.ts.
 */
export type ServiceResultKindsTable = {
  item_code: string
  /** JSON of a ResultDeclaration. */
  declaration: string
  updated_at: string
}

export type IssuedResultsTable = {
  id: string
  application_id: string
  citizen_id: string
  item_code: string
  kind: ResultKind
  title: string
  department: string
  code: string | null
  token: string | null
  content: string
  issued_at: string
  expires_at: string | null
  amount_cents: number | null
  account_masked: string | null
  delivery_method: DeliveryMethod | null
  delivery_encrypted: string | null
  delivery_masked: string | null
  delivery_chosen_at: string | null
  tracking_number: string | null
}

export type ResultTables = {
  service_result_kinds: ServiceResultKindsTable
  issued_results: IssuedResultsTable
}

export type ResultsDb = Kysely<Database & ResultTables>

/** The database (or a transaction) with this domain's tables. */
export function resultsDb(db: Kysely<Database>): ResultsDb {
  return db.withTables<ResultTables>()
}
