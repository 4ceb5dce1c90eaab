/**
 * Helpers for the social-security suites: a level-3 session for a demo citizen, and the
 * seeded contribution rows read straight from the database, so a test can compute what
 * the API should answer independently of the server's own queries.
 */
import type { Kysely } from 'kysely'
import type { Config } from '../../server/config'
import type { Database } from '../../server/db/database'
import { createIdentityCrypto } from '../../server/identity/crypto'
import type { InsuranceType } from '../../src/contract/social-security/schemas'
import type { IdentityApp } from './identity'

export interface SeededRow {
  type: InsuranceType
  month: string
  baseCents: number
  personalCents: number
  employerCents: number
  employerName: string
  status: 'paid' | 'arrears'
  paidOn: string | null
}

/** Logs `subject` in on WeChat and proves them as `citizen` (real-name + face, level 4). */
export async function citizenSession(identity: IdentityApp, subject: string, citizen: { name: string; idNumber: string }): Promise<string> {
  return identity.proven('weapp', subject, citizen)
}

/** The insured person id of a citizen, found by the ID number hash under this config's key. */
export async function personIdOf(db: Kysely<Database>, config: Config, idNumber: string): Promise<string> {
  const crypto = createIdentityCrypto({ encryptionKey: config.identityEncryptionKey, hashKey: config.identityHashKey })
  const row = await db.selectFrom('social_insured_persons').select('id').where('id_number_hash', '=', crypto.hashIdNumber(idNumber)).executeTakeFirstOrThrow()
  return row.id
}

/** Every seeded contribution row of a citizen, as stored. */
export async function seededRows(db: Kysely<Database>, config: Config, idNumber: string): Promise<SeededRow[]> {
  const personId = await personIdOf(db, config, idNumber)
  const rows = await db.selectFrom('social_contributions').selectAll().where('person_id', '=', personId).execute()
  return rows.map((row) => ({
    type: row.insurance_type,
    month: row.month,
    baseCents: Number(row.base_cents),
    personalCents: Number(row.personal_cents),
    employerCents: Number(row.employer_cents),
    employerName: row.employer_name,
    status: row.status,
    paidOn: row.paid_on,
  }))
}

/** Totals per type over rows, computed here in plain code: paid rows summed, arrears counted. */
export function expectedTotals(rows: SeededRow[]) {
  const totals = new Map<InsuranceType, { type: InsuranceType; personalCents: number; employerCents: number; monthsPaid: number; monthsInArrears: number }>()
  for (const row of rows) {
    const total = totals.get(row.type) ?? { type: row.type, personalCents: 0, employerCents: 0, monthsPaid: 0, monthsInArrears: 0 }
    if (row.status === 'paid') {
      total.personalCents += row.personalCents
      total.employerCents += row.employerCents
      total.monthsPaid += 1
    } else {
      total.monthsInArrears += 1
    }
    totals.set(row.type, total)
  }
  const order: InsuranceType[] = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity']
  return order.filter((type) => totals.has(type)).map((type) => totals.get(type)!)
}
