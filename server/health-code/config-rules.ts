import { createPublicKey, type KeyObject } from 'node:crypto'

/*
 * Rule builders for the health-code rows of the config table (server/config/index.ts), kept here so it stays a
 * table. Each is `{ rule, parse }` like the generic ones in server/config/rules.ts.
 */

// Short: the key id travels inside every code, and the code must fit a low-density QR.
const KEY_ID = /^[A-Za-z0-9._-]{1,16}$/

export const keyId = {
  rule: 'be 1-16 characters of letters, digits, . _ or - (it travels in every code)',
  parse: (raw: string): string | undefined => (KEY_ID.test(raw) ? raw : undefined),
}

export interface PreviousPublicKey {
  kid: string
  /** The raw 32-byte public key, base64url (JWK `x`). */
  x: string
  publicKey: KeyObject
}

/** `kid:x,kid:x`: keys retired from signing whose codes must still verify until they expire. */
export const previousPublicKeys = {
  rule: 'be a comma-separated list of <kid>:<base64url 32-byte Ed25519 public key>, e.g. hc-2026a:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
  parse(raw: string): PreviousPublicKey[] | undefined {
    const keys: PreviousPublicKey[] = []
    for (const item of raw.split(',').map((part) => part.trim())) {
      const match = /^([^:]+):([A-Za-z0-9_-]{43})$/.exec(item)
      if (!match || !KEY_ID.test(match[1]!) || Buffer.from(match[2]!, 'base64url').length !== 32) return undefined
      try {
        const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: match[2]! }, format: 'jwk' })
        keys.push({ kid: match[1]!, x: match[2]!, publicKey })
      } catch {
        return undefined
      }
    }
    return keys
  },
}

/** A previous key listed under the current key's id (or twice) would make verification ambiguous. */
export function healthCodeKeyProblems(values: Record<string, unknown>): string[] {
  const previous = (values.healthCodePreviousPublicKeys as PreviousPublicKey[] | undefined) ?? []
  const kids = previous.map((key) => key.kid)
  const problems: string[] = []
  if (typeof values.healthCodeKeyId === 'string' && kids.includes(values.healthCodeKeyId)) {
    problems.push(`HEALTH_CODE_PREVIOUS_PUBLIC_KEYS must not list the current HEALTH_CODE_KEY_ID "${values.healthCodeKeyId}"`)
  }
  const repeated = kids.filter((kid, index) => kids.indexOf(kid) !== index)
  if (repeated.length) problems.push(`HEALTH_CODE_PREVIOUS_PUBLIC_KEYS must list each key id once, got "${repeated[0]}" twice`)
  return problems
}
