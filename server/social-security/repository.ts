import { sql, type Kysely } from 'kysely'
import type { ContributionRecord, InsuranceType, YearTotal } from '../../src/contract/social-security/schemas'
import type { Database, SocialProofsTable, SocialStatusColumn } from '../db/database'

/**
 * The agency's records, always reached through the citizen the session belongs to: the
 * insured person is found by the citizen's ID number hash, never by an id from a request.
 */
export interface InsuredPersonRow {
  id: string
  cardNumber: string
  insuredCity: string
  agency: string
  status: SocialStatusColumn
}

export interface TypeStats {
  type: InsuranceType
  monthsPaid: number
  lastPaidMonth: string | null
}

export interface RecordSpan {
  firstMonth: string
  lastMonth: string
  /** Distinct months with at least one paid record. */
  monthsPaid: number
  lastPaidMonth: string | null
}

export interface SocialSecurityRepository {
  findPersonForCitizen(citizenId: string): Promise<InsuredPersonRow | undefined>
  enrolments(personId: string): Promise<{ type: InsuranceType; status: SocialStatusColumn; startedOn: string; endedOn: string | null }[]>
  balances(personId: string): Promise<{ account: 'pension' | 'medical'; balanceCents: number; computedOn: string }[]>
  typeStats(personId: string): Promise<TypeStats[]>
  /** undefined without any record. */
  span(personId: string): Promise<RecordSpan | undefined>
  arrears(personId: string): Promise<ContributionRecord[]>
  page(personId: string, query: { year: number; type?: InsuranceType; page: number; pageSize: number }): Promise<{ items: ContributionRecord[]; total: number }>
  /** Totals per type over the months from..to (both included); types without records left out. */
  totals(personId: string, from: string, to: string, type?: InsuranceType): Promise<YearTotal[]>
  insertProof(row: SocialProofsTable): Promise<void>
  findProof(code: string): Promise<SocialProofsTable | undefined>
  listProofs(citizenId: string, limit: number): Promise<SocialProofsTable[]>
}

/** INSURANCE_TYPES order (pension first), for sorting in SQL. */
const TYPE_ORDER = sql<number>`case insurance_type when 'pension' then 1 when 'medical' then 2 when 'unemployment' then 3 when 'work_injury' then 4 else 5 end`

/** PostgreSQL answers count/sum as text (bigint); SQLite as numbers. */
const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value))

export function createSocialSecurityRepository(db: Kysely<Database>): SocialSecurityRepository {
  return {
    async findPersonForCitizen(citizenId) {
      const row = await db
        .selectFrom('social_insured_persons as person')
        .innerJoin('citizens', 'citizens.id_number_hash', 'person.id_number_hash')
        .select(['person.id', 'person.card_number', 'person.insured_city', 'person.agency', 'person.status'])
        .where('citizens.id', '=', citizenId)
        .executeTakeFirst()
      return row && { id: row.id, cardNumber: row.card_number, insuredCity: row.insured_city, agency: row.agency, status: row.status }
    },

    async enrolments(personId) {
      const rows = await db
        .selectFrom('social_enrolments')
        .select(['insurance_type', 'status', 'started_on', 'ended_on'])
        .where('person_id', '=', personId)
        .orderBy(TYPE_ORDER)
        .execute()
      return rows.map((row) => ({ type: row.insurance_type, status: row.status, startedOn: row.started_on, endedOn: row.ended_on }))
    },

    async balances(personId) {
      const rows = await db
        .selectFrom('social_account_balances')
        .select(['account', 'balance_cents', 'computed_on'])
        .where('person_id', '=', personId)
        .orderBy('account', 'desc') // pension, then medical
        .execute()
      return rows.map((row) => ({ account: row.account, balanceCents: toNumber(row.balance_cents), computedOn: row.computed_on }))
    },

    async typeStats(personId) {
      const rows = await db
        .selectFrom('social_contributions')
        .select(['insurance_type', (eb) => eb.fn.countAll().as('months'), (eb) => eb.fn.max('month').as('last_month')])
        .where('person_id', '=', personId)
        .where('status', '=', 'paid')
        .groupBy('insurance_type')
        .execute()
      return rows.map((row) => ({ type: row.insurance_type, monthsPaid: toNumber(row.months), lastPaidMonth: row.last_month ?? null }))
    },

    async span(personId) {
      const all = await db
        .selectFrom('social_contributions')
        .select([(eb) => eb.fn.min('month').as('first_month'), (eb) => eb.fn.max('month').as('last_month')])
        .where('person_id', '=', personId)
        .executeTakeFirst()
      if (!all?.first_month || !all.last_month) return undefined
      const paid = await db
        .selectFrom('social_contributions')
        .select([(eb) => eb.fn.count<number>('month').distinct().as('months'), (eb) => eb.fn.max('month').as('last_month')])
        .where('person_id', '=', personId)
        .where('status', '=', 'paid')
        .executeTakeFirst()
      return { firstMonth: all.first_month, lastMonth: all.last_month, monthsPaid: toNumber(paid?.months), lastPaidMonth: paid?.last_month ?? null }
    },

    async arrears(personId) {
      const rows = await db
        .selectFrom('social_contributions')
        .selectAll()
        .where('person_id', '=', personId)
        .where('status', '=', 'arrears')
        .orderBy('month')
        .orderBy(TYPE_ORDER)
        .execute()
      return rows.map(toRecord)
    },

    async page(personId, { year, type, page, pageSize }) {
      let query = db
        .selectFrom('social_contributions')
        .where('person_id', '=', personId)
        .where('month', '>=', `${year}-01`)
        .where('month', '<=', `${year}-12`)
      if (type) query = query.where('insurance_type', '=', type)
      const counted = await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirst()
      const rows = await query
        .selectAll()
        .orderBy('month', 'desc')
        .orderBy(TYPE_ORDER)
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute()
      return { items: rows.map(toRecord), total: toNumber(counted?.total) }
    },

    async totals(personId, from, to, type) {
      let query = db
        .selectFrom('social_contributions')
        .select([
          'insurance_type',
          sql<string>`sum(case when status = 'paid' then personal_cents else 0 end)`.as('personal'),
          sql<string>`sum(case when status = 'paid' then employer_cents else 0 end)`.as('employer'),
          sql<string>`sum(case when status = 'paid' then 1 else 0 end)`.as('months_paid'),
          sql<string>`sum(case when status = 'arrears' then 1 else 0 end)`.as('months_in_arrears'),
        ])
        .where('person_id', '=', personId)
        .where('month', '>=', from)
        .where('month', '<=', to)
        .groupBy('insurance_type')
        .orderBy(TYPE_ORDER)
      if (type) query = query.where('insurance_type', '=', type)
      const rows = await query.execute()
      return rows.map((row) => ({
        type: row.insurance_type,
        personalCents: toNumber(row.personal),
        employerCents: toNumber(row.employer),
        monthsPaid: toNumber(row.months_paid),
        monthsInArrears: toNumber(row.months_in_arrears),
      }))
    },

    async insertProof(row) {
      await db.insertInto('social_proofs').values(row).execute()
    },

    async findProof(code) {
      return db.selectFrom('social_proofs').selectAll().where('code', '=', code).executeTakeFirst()
    },

    async listProofs(citizenId, limit) {
      return db.selectFrom('social_proofs').selectAll().where('citizen_id', '=', citizenId).orderBy('issued_at', 'desc').limit(limit).execute()
    },
  }
}

interface ContributionRow {
  month: string
  insurance_type: InsuranceType
  base_cents: number
  personal_cents: number
  employer_cents: number
  employer_name: string
  status: 'paid' | 'arrears'
  paid_on: string | null
}

function toRecord(row: ContributionRow): ContributionRecord {
  const record: ContributionRecord = {
    month: row.month,
    type: row.insurance_type,
    baseCents: toNumber(row.base_cents),
    personalCents: toNumber(row.personal_cents),
    employerCents: toNumber(row.employer_cents),
    employerName: row.employer_name,
    status: row.status,
  }
  if (row.paid_on) record.paidOn = row.paid_on
  return record
}
