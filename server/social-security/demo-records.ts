import { monthRange } from '../../src/contract/months'
import { INSURANCE_TYPES } from '../../src/contract/social-security/data'
import type { AccountKind, ContributionStatus, EnrolmentStatus, InsuranceType, PersonStatus } from '../../src/contract/social-security/schemas'
import { CITY_BASE_LIMITS, DEMO_BALANCE_DATE, DEMO_LAST_MONTH, PENSION_INTEREST_BP, type DemoSocialSecurity } from '../seed-data/demo-social-security'
import { contributionAmounts, contributionBase } from './rates'

/**
 * Turns a demo history (jobs, wages, arrears) into the rows the agency would hold: one
 * contribution record per month and insured type, enrolments, and personal-account
 * balances. Pure and deterministic: the same profile always gives the same rows.
 */
export interface DemoContribution {
  type: InsuranceType
  month: string
  baseCents: number
  personalCents: number
  employerCents: number
  employerName: string
  status: ContributionStatus
  paidOn: string | null
}

export interface DemoRecords {
  person: { cardNumber: string; insuredCity: string; agency: string; status: PersonStatus }
  enrolments: { type: InsuranceType; status: EnrolmentStatus; startedOn: string; endedOn: string | null }[]
  contributions: DemoContribution[]
  balances: { account: AccountKind; balanceCents: number; computedOn: string }[]
}

/** Employers pay the month's contributions by its 15th. */
const PAYMENT_DAY = '15'

export function demoRecords(profile: DemoSocialSecurity): DemoRecords {
  const limits = CITY_BASE_LIMITS[profile.insuredCity]
  if (!limits) throw new Error(`no contribution-base limits for ${profile.insuredCity}`)
  const arrears = new Set(profile.arrears)

  const contributions: DemoContribution[] = []
  for (const spell of profile.spells) {
    for (const month of monthRange(spell.from, spell.to)) {
      const year = Number(month.slice(0, 4))
      const wage = spell.wages[year]
      const yearLimits = limits[year]
      if (wage === undefined || !yearLimits) throw new Error(`${profile.citizenKey}: no wage or limits for ${month}`)
      const baseCents = contributionBase(wage, yearLimits) * 100
      const unpaid = arrears.has(month)
      for (const type of spell.types ?? INSURANCE_TYPES) {
        contributions.push({
          type,
          month,
          baseCents,
          ...contributionAmounts(type, baseCents),
          employerName: spell.employer,
          status: unpaid ? 'arrears' : 'paid',
          paidOn: unpaid ? null : `${month}-${PAYMENT_DAY}`,
        })
      }
    }
  }

  const enrolments: DemoRecords['enrolments'] = []
  for (const type of INSURANCE_TYPES) {
    const months = contributions.filter((record) => record.type === type).map((record) => record.month)
    if (months.length === 0) continue
    const stopped = profile.stopped?.[type]
    enrolments.push({ type, status: stopped?.status ?? 'active', startedOn: `${months[0]}-01`, endedOn: stopped?.since ?? null })
  }

  const lastMonth = contributions.reduce((last, record) => (record.month > last ? record.month : last), '')
  return {
    person: {
      cardNumber: profile.cardNumber,
      insuredCity: profile.insuredCity,
      agency: profile.agency,
      status: lastMonth === DEMO_LAST_MONTH ? 'active' : 'paused',
    },
    enrolments,
    contributions,
    balances: [
      { account: 'pension', balanceCents: pensionBalance(contributions), computedOn: DEMO_BALANCE_DATE },
      { account: 'medical', balanceCents: medicalBalance(profile, contributions), computedOn: DEMO_BALANCE_DATE },
    ],
  }
}

const paidPersonal = (contributions: DemoContribution[], type: InsuranceType, year: number) =>
  contributions
    .filter((record) => record.type === type && record.status === 'paid' && Number(record.month.slice(0, 4)) === year)
    .reduce((sum, record) => sum + record.personalCents, 0)

const lastYear = Number(DEMO_LAST_MONTH.slice(0, 4))

/**
 * Personal contributions plus interest credited at each year end: the year-start balance at
 * the full rate, the year's contributions at half of it (paid through the year on average).
 * It starts at zero with the first month on record, so what the citizen sees adds up: the
 * balance is the sum of the paid months shown plus the interest of the published rates.
 */
function pensionBalance(contributions: DemoContribution[]): number {
  let balance = 0
  for (let year = 2022; year <= lastYear; year++) {
    const paid = paidPersonal(contributions, 'pension', year)
    const rate = PENSION_INTEREST_BP[year] ?? 0
    balance += paid + Math.round((balance * rate) / 10_000) + Math.round((paid * rate) / 20_000)
  }
  return balance
}

/** Personal medical contributions in, outpatient and pharmacy spending out, from zero with the first month on record. */
function medicalBalance(profile: DemoSocialSecurity, contributions: DemoContribution[]): number {
  let balance = 0
  for (let year = 2022; year <= lastYear; year++) {
    balance += paidPersonal(contributions, 'medical', year) - (profile.medicalSpendingYuan[year] ?? 0) * 100
    // Demo data that spends more than the account holds would show a balance that does not add up.
    if (balance < 0) throw new Error(`${profile.citizenKey}: medical spending in ${year} exceeds the account`)
  }
  return balance
}
