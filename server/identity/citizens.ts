import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { IdentityCrypto } from './crypto'

/**
 * The population registry (who exists, with their official name) and our citizen records
 * (people who verified with us). Both are found by the ID number's keyed hash, never by
 * the number; values are decrypted only here, for the one request that needs them.
 */
export interface RegistryEntry {
  name: string
  idNumberHash: string
  idNumberEncrypted: string
  phoneEncrypted: string | null
}

export interface Citizen {
  id: string
  name: string
  idNumber: string
  idNumberHash: string
  phone: string | null
}

export interface CitizensRepository {
  findInRegistry(idNumber: string): Promise<RegistryEntry | undefined>
  /** The citizen for this registry entry, created on the first verification of that person. */
  findOrCreate(entry: RegistryEntry, now: Date): Promise<string>
  findById(id: string): Promise<Citizen | undefined>
}

export function createCitizensRepository(db: Kysely<Database>, crypto: IdentityCrypto): CitizensRepository {
  return {
    async findInRegistry(idNumber) {
      const row = await db
        .selectFrom('population_registry')
        .select(['name', 'id_number_hash', 'id_number_encrypted', 'phone_encrypted'])
        .where('id_number_hash', '=', crypto.hashIdNumber(idNumber))
        .executeTakeFirst()
      return (
        row && {
          name: row.name,
          idNumberHash: row.id_number_hash,
          idNumberEncrypted: row.id_number_encrypted,
          phoneEncrypted: row.phone_encrypted,
        }
      )
    },

    async findOrCreate(entry, now) {
      // The unique hash makes a race between two accounts of one person end in one citizen.
      await db
        .insertInto('citizens')
        .values({
          id: randomUUID(),
          name: entry.name,
          id_number_hash: entry.idNumberHash,
          id_number_encrypted: entry.idNumberEncrypted,
          phone_encrypted: entry.phoneEncrypted,
          created_at: now.toISOString(),
        })
        .onConflict((conflict) => conflict.column('id_number_hash').doNothing())
        .execute()
      const row = await db.selectFrom('citizens').select('id').where('id_number_hash', '=', entry.idNumberHash).executeTakeFirstOrThrow()
      return row.id
    },

    async findById(id) {
      const row = await db.selectFrom('citizens').selectAll().where('id', '=', id).executeTakeFirst()
      return (
        row && {
          id: row.id,
          name: row.name,
          idNumber: crypto.decrypt(row.id_number_encrypted),
          idNumberHash: row.id_number_hash,
          phone: row.phone_encrypted === null ? null : crypto.decrypt(row.phone_encrypted),
        }
      )
    },
  }
}
