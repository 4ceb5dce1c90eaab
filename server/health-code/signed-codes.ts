import type { HealthColour } from '../../src/contract/health-code/schemas'

/**
 * The last code signed per citizen, so the same status version is not signed again on every
 * request (an Ed25519 signature was the largest cost of GET /api/health-code). A code is
 * reused only for the exact status version and colour it was signed for, and only while more
 * than half of its lifetime is left: a citizen always gets a code valid for at least half a
 * HEALTH_CODE_TTL_SECONDS. Whether the status is current is the caller's read, not this.
 */
export interface SignedCode {
  statusVersion: number
  colour: HealthColour
  token: string
  issuedAt: Date
  expiresAt: Date
  /** The two times as the response carries them, formatted once. */
  issuedAtText: string
  expiresAtText: string
}

export interface SignedCodes {
  reusable(citizenId: string, statusVersion: number, colour: HealthColour, now: Date): SignedCode | undefined
  keep(citizenId: string, code: SignedCode): void
}

const MAX_ENTRIES = 100_000

export function createSignedCodes(maxEntries = MAX_ENTRIES): SignedCodes {
  const codes = new Map<string, SignedCode>()
  return {
    reusable(citizenId, statusVersion, colour, now) {
      const code = codes.get(citizenId)
      if (!code || code.statusVersion !== statusVersion || code.colour !== colour) return undefined
      const lifetime = code.expiresAt.getTime() - code.issuedAt.getTime()
      const left = code.expiresAt.getTime() - now.getTime()
      // Also refused when "now" is before it was issued (a clock moved back, in tests).
      return left > lifetime / 2 && now.getTime() >= code.issuedAt.getTime() ? code : undefined
    },
    keep(citizenId, code) {
      codes.delete(citizenId)
      codes.set(citizenId, code)
      if (codes.size > maxEntries) codes.delete(codes.keys().next().value as string)
    },
  }
}
