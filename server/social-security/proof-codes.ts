import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto'

/**
 * Verification codes and signed tokens of proofs of contributions.
 *
 * The code is what a person reads off paper and types: 12 characters of Crockford's base32
 * (digits and capitals without I, L, O, U), shown as XXXX-XXXX-XXXX: 60 random bits, so it
 * cannot be guessed within the rate limit. Typing is forgiving: case, spaces and hyphens do
 * not matter, and I / L read as 1, O as 0.
 *
 * The token is `v1.<payload>.<signature>`: the payload (code, period, issue and expiry
 * times, SHA-256 of the stated content) signed with HMAC-SHA256 under SOCIAL_PROOF_KEY.
 * Verification recomputes it from the stored proof, so a proof whose row was altered (its
 * content, period or expiry) no longer matches, and a presented token must match exactly.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const CODE_LENGTH = 12

export function generateProofCode(): string {
  let code = ''
  for (let index = 0; index < CODE_LENGTH; index++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code
}

/** The stored form of a typed code, or undefined when it cannot be a code at all. */
export function normaliseProofCode(typed: string): string | undefined {
  const code = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0')
  if (code.length !== CODE_LENGTH) return undefined
  for (const character of code) if (!CODE_ALPHABET.includes(character)) return undefined
  return code
}

export interface SignedProofFields {
  code: string
  from: string
  to: string
  issuedAt: string
  expiresAt: string
  /** The content exactly as stored (JSON text). */
  content: string
}

const VERSION = 'v1'

export function signProof(key: Buffer, fields: SignedProofFields): string {
  const payload = {
    c: fields.code,
    f: fields.from,
    t: fields.to,
    i: fields.issuedAt,
    e: fields.expiresAt,
    d: createHash('sha256').update(fields.content, 'utf8').digest('base64url'),
  }
  const body = `${VERSION}.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`
}

/** Constant-time: whether `token` is the signature of these fields under this key. */
export function proofTokenMatches(key: Buffer, fields: SignedProofFields, token: string): boolean {
  const expected = Buffer.from(signProof(key, fields), 'utf8')
  const given = Buffer.from(token, 'utf8')
  return expected.length === given.length && timingSafeEqual(expected, given)
}
