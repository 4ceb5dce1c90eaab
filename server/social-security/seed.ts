import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { IdentityCrypto } from '../identity/crypto'
import { demoCitizens } from '../seed-data/demo-citizens'
import { demoSocialSecurity } from '../seed-data/demo-social-security'
import { demoRecords } from './demo-records'

export interface SocialSecuritySeedResult {
  /** Demo citizen keys whose social-security records this run added. */
  inserted: string[]
  alreadyPresent: number
}

/** Rows per insert statement: well under SQLite's bound-parameter limit. */
const BATCH = 100

/**
 * Adds each demo citizen's social-security records (insured person, enrolments, monthly
 * contributions, balances), matched by the ID number's keyed hash, so a second run adds
 * nothing and a citizen already present is left as it is.
 */
export async function seedDemoSocialSecurity(db: Kysely<Database>, crypto: IdentityCrypto, now: Date): Promise<SocialSecuritySeedResult> {
  const result: SocialSecuritySeedResult = { inserted: [], alreadyPresent: 0 }
  for (const profile of demoSocialSecurity) {
    const citizen = demoCitizens.find((candidate) => candidate.key === profile.citizenKey)
    if (!citizen) throw new Error(`demo social security for unknown citizen ${profile.citizenKey}`)
    const idNumberHash = crypto.hashIdNumber(citizen.idNumber)
    const existing = await db.selectFrom('social_insured_persons').select('id').where('id_number_hash', '=', idNumberHash).executeTakeFirst()
    if (existing) {
      result.alreadyPresent += 1
      continue
    }
    const records = demoRecords(profile)
    const personId = randomUUID()
    await db
      .insertInto('social_insured_persons')
      .values({
        id: personId,
        id_number_hash: idNumberHash,
        card_number: records.person.cardNumber,
        insured_city: records.person.insuredCity,
        agency: records.person.agency,
        status: records.person.status,
        created_at: now.toISOString(),
      })
      .execute()
    await db
      .insertInto('social_enrolments')
      .values(records.enrolments.map((enrolment) => ({
        person_id: personId,
        insurance_type: enrolment.type,
        status: enrolment.status,
        started_on: enrolment.startedOn,
        ended_on: enrolment.endedOn,
      })))
      .execute()
    for (let start = 0; start < records.contributions.length; start += BATCH) {
      await db
        .insertInto('social_contributions')
        .values(records.contributions.slice(start, start + BATCH).map((record) => ({
          person_id: personId,
          insurance_type: record.type,
          month: record.month,
          base_cents: record.baseCents,
          personal_cents: record.personalCents,
          employer_cents: record.employerCents,
          employer_name: record.employerName,
          status: record.status,
          paid_on: record.paidOn,
        })))
        .execute()
    }
    await db
      .insertInto('social_account_balances')
      .values(records.balances.map((balance) => ({
        person_id: personId,
        account: balance.account,
        balance_cents: balance.balanceCents,
        computed_on: balance.computedOn,
      })))
      .execute()
    result.inserted.push(profile.citizenKey)
  }
  return result
}
