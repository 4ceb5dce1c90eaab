import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { demoServices } from '../seed-data/demo-services'
import { withMaterialProvisions } from '../seed-data/material-provisions'
import { insertMissingItems } from './repository'

export interface ServiceSeedResult {
  /** Codes of the demo items added by this run. */
  inserted: string[]
  /** How many demo items were already there (and left untouched, operator edits included). */
  alreadyPresent: number
}

/**
 * Adds the demo catalogue items that are missing, matched by code: running it again (every
 * development restart does) changes nothing, and an item an operator edited, published or
 * retired keeps those changes.
 */
export async function seedDemoServices(db: Kysely<Database>, now: Date): Promise<ServiceSeedResult> {
  // How each material is met online (免提交 first, upload second): server/seed-data/material-provisions.ts.
  const inserted = await insertMissingItems(db, withMaterialProvisions(demoServices), now)
  return { inserted, alreadyPresent: demoServices.length - inserted.length }
}
