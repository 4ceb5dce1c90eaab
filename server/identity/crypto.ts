import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'
import { normaliseIdNumber } from '../../src/contract/id-number'

/**
 * Protection of personal fields at rest. ID numbers and phones are stored encrypted
 * (AES-256-GCM, so a tampered value fails to decrypt rather than decrypting to garbage),
 * and ID numbers additionally as a keyed hash (HMAC-SHA256) for lookup: a plain hash of
 * an 18-digit number with a known structure could be reversed by enumeration, a keyed
 * one cannot without the key. The two keys are separate so one leaking does not give the
 * other away.
 */
export interface IdentityCrypto {
  encrypt(plaintext: string): string
  decrypt(stored: string): string
  /** The lookup hash of an ID number (normalised first: trimmed, upper-case X). */
  hashIdNumber(idNumber: string): string
  /** Constant-time comparison of two lookup hashes. */
  sameHash(a: string, b: string): boolean
  /**
   * A stable pseudonym of `value` for one purpose (e.g. the subject a health code carries
   * instead of the citizen id): HMAC-SHA256 under a key derived from the hash key for that
   * purpose (HKDF), so pseudonyms of different purposes cannot be linked to each other or
   * to ID-number hashes. 128 bits, base64url (22 characters): short enough for a QR code,
   * far beyond any collision among a population.
   */
  pseudonym(purpose: string, value: string): string
}

export interface IdentityKeys {
  encryptionKey: Buffer
  hashKey: Buffer
}

// A version prefix lets a later key rotation tell old values from new ones.
const VERSION = 'v1'
const IV_BYTES = 12

const PSEUDONYM_BYTES = 16

export function createIdentityCrypto({ encryptionKey, hashKey }: IdentityKeys): IdentityCrypto {
  if (encryptionKey.length !== 32 || hashKey.length !== 32) throw new Error('identity keys must be 32 bytes each')
  const purposeKeys = new Map<string, Buffer>()
  const purposeKey = (purpose: string): Buffer => {
    let key = purposeKeys.get(purpose)
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', hashKey, Buffer.alloc(0), `gov-mini pseudonym: ${purpose}`, 32))
      purposeKeys.set(purpose, key)
    }
    return key
  }
  return {
    encrypt(plaintext) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv)
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.')
    },

    decrypt(stored) {
      const [version, iv, tag, ciphertext] = stored.split('.')
      if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
        throw new Error('not an encrypted identity value')
      }
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8')
    },

    hashIdNumber(idNumber) {
      return createHmac('sha256', hashKey).update(normaliseIdNumber(idNumber)).digest('hex')
    },

    sameHash(a, b) {
      const left = Buffer.from(a, 'hex')
      const right = Buffer.from(b, 'hex')
      return left.length === right.length && timingSafeEqual(left, right)
    },

    pseudonym(purpose, value) {
      return createHmac('sha256', purposeKey(purpose)).update(value).digest().subarray(0, PSEUDONYM_BYTES).toString('base64url')
    },
  }
}
