import type { Kysely } from 'kysely'
import { seedDemoCertificates } from './certificates/seed'
import { systemClock, type Clock } from './clock'
import type { Database } from './db/database'
import { seedDemoHealthStatuses } from './health-code/seed'
import { createAccountsRepository } from './identity/accounts'
import type { IdentityCrypto } from './identity/crypto'
import { demoCitizens } from './seed-data/demo-citizens'
import { seedDemoSocialSecurity } from './social-security/seed'

export interface CitizenSeedResult {
  /** Keys of the demo citizens added to the population registry by this run. */
  inserted: string[]
  alreadyPresent: number
}

/**
 * Puts the demo citizens into the population registry (matched by ID number hash, so
 * running it again changes nothing) and grants their roles to their sandbox accounts, which
 * it creates if needed: the H5 preview can then log in as a verifier straight away.
 *
 * The hash depends on IDENTITY_HASH_KEY: with a new key (e.g. a deleted .data/identity.key)
 * the old rows no longer match, so reset the development database along with the key.
 */
export async function seedDemoCitizens(db: Kysely<Database>, crypto: IdentityCrypto, clock: Clock = systemClock): Promise<CitizenSeedResult> {
  return db.transaction().execute(async (trx) => {
    const result: CitizenSeedResult = { inserted: [], alreadyPresent: 0 }
    const now = clock()
    for (const citizen of demoCitizens) {
      const idNumberHash = crypto.hashIdNumber(citizen.idNumber)
      const existing = await trx.selectFrom('population_registry').select('id').where('id_number_hash', '=', idNumberHash).executeTakeFirst()
      if (existing) {
        result.alreadyPresent += 1
      } else {
        await trx
          .insertInto('population_registry')
          .values({
            name: citizen.name,
            id_number_hash: idNumberHash,
            id_number_encrypted: crypto.encrypt(citizen.idNumber),
            phone_encrypted: citizen.phone ? crypto.encrypt(citizen.phone) : null,
            address: citizen.address ?? null,
            created_at: now.toISOString(),
          })
          .execute()
        result.inserted.push(citizen.key)
      }
      if (citizen.roles?.length) {
        const accounts = createAccountsRepository(trx)
        const accountId = await accounts.ensure({ platform: 'h5dev', subject: citizen.key }, now)
        for (const role of citizen.roles) await accounts.grantRole(accountId, role, now)
      }
    }
    // Every demo citizen gets a health status (mostly green), so the health code works at once.
    await seedDemoHealthStatuses(trx, crypto, demoCitizens, now)
    // Their social-security records (found by the same ID number hash), so 社保查询 has data.
    await seedDemoSocialSecurity(trx, crypto, now)
    // Their e-certificates (电子证照), held by the same ID number hash.
    await seedDemoCertificates(trx, crypto, now)
    return result
  })
}
