import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'

/**
 * The presentation code (亮证码) as it travels in a QR code:
 *
 *   EC1.<payload>.<signature>
 *
 * payload = base64url JSON {pid, kid, iat, exp} (presentation id, key id, issued-at and
 * expiry in Unix seconds); signature = base64url Ed25519 over the ASCII bytes of
 * `EC1.<payload>`, so the version prefix is signed too. About 200 characters: a low-density
 * QR code. It carries no personal data: the presentation id points at a server-side row
 * holding the certificate, purpose and chosen fields, so verification is always online.
 */
export const CODE_PREFIX = 'EC1'

export interface PresentationClaims {
  /** The presentation id: 128 random bits, base64url. */
  pid: string
  kid: string
  iat: number
  exp: number
}

export type OpenedCode = { ok: true; claims: PresentationClaims } | { ok: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' }

export interface PresentationSigner {
  /** Derived from the public key, so a new key gets a new id without configuration. */
  kid: string
  sign(claims: Omit<PresentationClaims, 'kid'>): string
  /** Checks form, key id and signature; expiry and the presentation row are the caller's. */
  open(code: string): OpenedCode
}

const CODE_PATTERN = /^EC1\.([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{86})$/
const PID_PATTERN = /^[A-Za-z0-9_-]{22}$/

export function createPresentationSigner(privateKey: KeyObject): PresentationSigner {
  const publicKey = createPublicKey(privateKey)
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url')
  const kid = `ec-${createHash('sha256').update(raw).digest('base64url').slice(0, 8)}`

  return {
    kid,

    sign(claims) {
      // Fixed key order: the payload of equal claims is always the same bytes.
      const payload = Buffer.from(JSON.stringify({ pid: claims.pid, kid, iat: claims.iat, exp: claims.exp })).toString('base64url')
      const signed = `${CODE_PREFIX}.${payload}`
      return `${signed}.${sign(null, Buffer.from(signed), privateKey).toString('base64url')}`
    },

    open(code) {
      const match = CODE_PATTERN.exec(code.trim())
      if (!match) return { ok: false, reason: 'malformed' }
      const claims = parseClaims(match[1]!)
      if (!claims) return { ok: false, reason: 'malformed' }
      // The key id is checked before the signature so a code from another key (or another
      // deployment) is named as such rather than as tampered.
      if (claims.kid !== kid) return { ok: false, reason: 'unknown_key' }
      const signed = `${CODE_PREFIX}.${match[1]}`
      const valid = verify(null, Buffer.from(signed), publicKey, Buffer.from(match[2]!, 'base64url'))
      return valid ? { ok: true, claims } : { ok: false, reason: 'bad_signature' }
    },
  }
}

function parseClaims(payload: string): PresentationClaims | undefined {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { pid, kid, iat, exp } = value as Record<string, unknown>
  if (typeof pid !== 'string' || !PID_PATTERN.test(pid) || typeof kid !== 'string' || kid.length > 32) return undefined
  if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp)) return undefined
  return { pid, kid, iat: iat as number, exp: exp as number }
}
