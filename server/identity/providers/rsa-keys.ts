/**
 * Loading the RSA keys of the Alipay OpenAPI (RSA2 = SHA256withRSA, 2048-bit keys).
 *
 * Operators paste keys the way Alipay's console and key tool hand them out:
 *  - the app private key as a bare base64 string (no PEM armour), either PKCS#8
 *    ("PKCS8(Java适用)") or PKCS#1 ("PKCS1(非Java适用)"), or as a PEM file of either kind;
 *  - the Alipay public key ("支付宝公钥") as a bare base64 X.509 SubjectPublicKeyInfo, or as PEM.
 * Env files often carry a PEM on one line with literal "\n" sequences; those are turned back
 * into newlines. (The official Node SDK does the same kind of normalising in `formatKey`.)
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'

/** RSA2 keys must be at least this long; Alipay generates 2048-bit keys. */
export const MIN_RSA_BITS = 2048

/** Turns literal "\n" (and "\r\n") sequences into real newlines and trims the ends. */
export function normaliseKeyText(text: string): string {
  return text.replace(/\\r\\n|\\n/g, '\n').replace(/\r\n/g, '\n').trim()
}

function fromBase64Der(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined
  return Buffer.from(compact, 'base64')
}

function requireRsa2048(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`${what} is not an RSA key`)
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0
  if (bits < MIN_RSA_BITS) throw new Error(`${what} has ${bits} bits; RSA2 needs at least ${MIN_RSA_BITS}`)
  return key
}

/** Parses an RSA private key given as PEM (PKCS#8 or PKCS#1) or bare base64 DER. Throws when it is not one. */
export function loadRsaPrivateKey(text: string): KeyObject {
  const normalised = normaliseKeyText(text)
  if (normalised.includes('-----BEGIN')) return requireRsa2048(createPrivateKey(normalised), 'the private key')
  const der = fromBase64Der(normalised)
  if (!der) throw new Error('the private key is neither PEM nor base64')
  for (const type of ['pkcs8', 'pkcs1'] as const) {
    try {
      return requireRsa2048(createPrivateKey({ key: der, format: 'der', type }), 'the private key')
    } catch (error) {
      if (error instanceof Error && /bits|not an RSA/.test(error.message)) throw error
    }
  }
  throw new Error('the private key is not a PKCS#8 or PKCS#1 RSA key')
}

/** Parses an RSA public key given as PEM (SPKI or PKCS#1) or bare base64 DER. Throws when it is not one. */
export function loadRsaPublicKey(text: string): KeyObject {
  const normalised = normaliseKeyText(text)
  // createPublicKey would happily derive a public key from a pasted private key; refuse it so a
  // private key never sits in a setting that is treated as public.
  if (normalised.includes('PRIVATE KEY')) throw new Error('a private key was given where the public key belongs')
  if (normalised.includes('-----BEGIN')) return requireRsa2048(createPublicKey(normalised), 'the public key')
  const der = fromBase64Der(normalised)
  if (!der) throw new Error('the public key is neither PEM nor base64')
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      return requireRsa2048(createPublicKey({ key: der, format: 'der', type }), 'the public key')
    } catch (error) {
      if (error instanceof Error && /bits|not an RSA/.test(error.message)) throw error
    }
  }
  throw new Error('the public key is not an X.509 (SPKI) or PKCS#1 RSA key')
}
