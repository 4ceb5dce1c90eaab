import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * Operator passwords, hashed with scrypt (memory-hard, in node:crypto, so no native
 * dependency). Stored as `scrypt$N$r$p$<salt>$<hash>` (base64), so the cost can be raised
 * later without breaking the hashes already stored: each carries its own parameters.
 *
 * N = 2^15, r = 8 needs 32 MiB and about 0.1 s per hash: cheap for a login, costly for
 * someone guessing offline.
 */
const N = 2 ** 15
const R = 8
const P = 1
const SALT_BYTES = 16
const KEY_BYTES = 32
const PREFIX = 'scrypt'

/** What a stored hash may ask for: anything outside is refused rather than run. */
const LIMITS = { minN: 2 ** 10, maxN: 2 ** 20, maxR: 32, maxP: 16 }

function derive(password: string, salt: Buffer, keyLength: number, params: { N: number; r: number; p: number }): Promise<Buffer> {
  // Node refuses (by default above 32 MiB) unless maxmem covers 128 * N * r; leave room for p.
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * (params.p + 1) }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, KEY_BYTES, { N, r: R, p: P })
  return [PREFIX, N, R, P, salt.toString('base64'), key.toString('base64')].join('$')
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== PREFIX) return false
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  const powerOfTwo = Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0
  if (!powerOfTwo || n < LIMITS.minN || n > LIMITS.maxN) return false
  if (!Number.isInteger(r) || r < 1 || r > LIMITS.maxR || !Number.isInteger(p) || p < 1 || p > LIMITS.maxP) return false
  const salt = Buffer.from(parts[4]!, 'base64')
  const expected = Buffer.from(parts[5]!, 'base64')
  if (salt.length < SALT_BYTES || expected.length < 16 || expected.length > 64) return false
  const actual = await derive(password, salt, expected.length, { N: n, r, p })
  return timingSafeEqual(actual, expected)
}

let dummyHash: Promise<string> | undefined

/**
 * Does the work of a verification against a hash nobody's password matches, so a login
 * for an unknown username takes as long as one with a wrong password: the answer time does
 * not tell which usernames exist. Always false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(18).toString('base64'))
  await verifyPassword(password, await dummyHash)
  return false
}

export interface PasswordHasher {
  hash(password: string): Promise<string>
  verify(password: string, stored: string): Promise<boolean>
  /** The same work as verify() for a login without an account; always false. */
  verifyNobody(password: string): Promise<false>
}

export const scryptHasher: PasswordHasher = { hash: hashPassword, verify: verifyPassword, verifyNobody: verifyAgainstDummy }
