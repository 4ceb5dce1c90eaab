import type { InsuranceType } from '../../src/contract/social-security/schemas'

/**
 * Contribution rates in basis points (1/100 of a percent) of the contribution base, the
 * national pattern most cities follow: pension 8% personal / 16% employer, medical 2% / 8%,
 * unemployment 0.5% / 0.5%, work injury 0 / 0.4% (the rate of a low-risk industry class),
 * maternity 0 / 0.8%. Integers, so amounts computed from them are exact and repeatable.
 */
export const CONTRIBUTION_RATES: Record<InsuranceType, { personal: number; employer: number }> = {
  pension: { personal: 800, employer: 1600 },
  medical: { personal: 200, employer: 800 },
  unemployment: { personal: 50, employer: 50 },
  work_injury: { personal: 0, employer: 40 },
  maternity: { personal: 0, employer: 80 },
}

const BASIS_POINTS = 10_000

/** The personal and employer amounts for one month, in cents, rounded half up to the cent. */
export function contributionAmounts(type: InsuranceType, baseCents: number): { personalCents: number; employerCents: number } {
  const rates = CONTRIBUTION_RATES[type]
  return {
    personalCents: Math.round((baseCents * rates.personal) / BASIS_POINTS),
    employerCents: Math.round((baseCents * rates.employer) / BASIS_POINTS),
  }
}

/** A wage clamped to the city's contribution-base floor and ceiling for that year. */
export function contributionBase(wageYuan: number, limits: { floor: number; ceiling: number }): number {
  return Math.min(Math.max(wageYuan, limits.floor), limits.ceiling)
}
