import { sign, verify, type KeyObject } from 'node:crypto'
import type { HealthColour, VerifyFailureReason } from '../../src/contract/health-code/schemas'
import type { HealthCodeKeyring, SigningKey } from './keys'

/**
 * The health-code token, what the QR code carries:
 *
 *   HC1.<base64url(JSON payload)>.<base64url(Ed25519 signature of "HC1.<payload>")>
 *
 * Compact on purpose (about 230 characters, under 250 even with a 16-character key id): a
 * short token gives a low-density QR code that scans quickly from a phone screen at a gate.
 * The payload holds only what a check needs: key id, a pseudonymous subject (never the ID
 * number or name), colour, the status version it was issued for, and issue/expiry times in
 * epoch seconds. The prefix is signed too, so a token cannot be re-labelled as another
 * format version.
 */
export const TOKEN_PREFIX = 'HC1'

// One letter per colour keeps the token short; the words are in the contract.
const COLOUR_LETTERS = { green: 'g', yellow: 'y', red: 'r' } as const satisfies Record<HealthColour, string>
const LETTER_COLOURS: Record<string, HealthColour> = { g: 'green', y: 'yellow', r: 'red' }

export interface CodeClaims {
  /** The pseudonymous subject (see IdentityCrypto.pseudonym). */
  sub: string
  colour: HealthColour
  /** The status version the code was issued for. */
  statusVersion: number
  issuedAt: Date
  expiresAt: Date
}

export interface VerifiedCode extends CodeClaims {
  kid: string
}

interface Payload {
  v: 1
  kid: string
  sub: string
  c: string
  sv: number
  iat: number
  exp: number
}

export function signToken(key: SigningKey, claims: CodeClaims): string {
  const payload: Payload = {
    v: 1,
    kid: key.kid,
    sub: claims.sub,
    c: COLOUR_LETTERS[claims.colour],
    sv: claims.statusVersion,
    iat: Math.floor(claims.issuedAt.getTime() / 1000),
    exp: Math.floor(claims.expiresAt.getTime() / 1000),
  }
  const signed = `${TOKEN_PREFIX}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`
  return `${signed}.${sign(null, Buffer.from(signed), key.privateKey).toString('base64url')}`
}

export type TokenCheck = { ok: true; code: VerifiedCode } | { ok: false; reason: Exclude<VerifyFailureReason, 'status_changed'>; kid?: string }

const SHAPE = /^HC1\.([A-Za-z0-9_-]{1,1024})\.([A-Za-z0-9_-]{86})$/
const SIGNATURE_BYTES = 64

/**
 * Checks a token's form, key, signature and expiry, in that order, so the reason names the
 * first thing wrong. Whether the citizen's status changed since is the caller's check.
 */
export function checkToken(token: string, keyring: Pick<HealthCodeKeyring, 'find'>, now: Date): TokenCheck {
  const match = SHAPE.exec(token.trim())
  const payload = match ? parsePayload(match[1]!) : undefined
  const signature = match ? Buffer.from(match[2]!, 'base64url') : undefined
  if (!match || !payload || signature?.length !== SIGNATURE_BYTES) return { ok: false, reason: 'malformed' }

  const publicKey: KeyObject | undefined = keyring.find(payload.kid)
  if (!publicKey) return { ok: false, reason: 'unknown_key', kid: payload.kid }
  if (!verify(null, Buffer.from(`${TOKEN_PREFIX}.${match[1]}`), publicKey, signature)) {
    return { ok: false, reason: 'bad_signature', kid: payload.kid }
  }
  if (now.getTime() >= payload.exp * 1000) return { ok: false, reason: 'expired', kid: payload.kid }
  return {
    ok: true,
    code: {
      kid: payload.kid,
      sub: payload.sub,
      colour: LETTER_COLOURS[payload.c]!,
      statusVersion: payload.sv,
      issuedAt: new Date(payload.iat * 1000),
      expiresAt: new Date(payload.exp * 1000),
    },
  }
}

function parsePayload(encoded: string): Payload | undefined {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const payload = value as Record<string, unknown>
  const valid =
    payload.v === 1 &&
    typeof payload.kid === 'string' &&
    typeof payload.sub === 'string' &&
    payload.sub.length > 0 &&
    typeof payload.c === 'string' &&
    Object.hasOwn(LETTER_COLOURS, payload.c) &&
    isCount(payload.sv) &&
    isCount(payload.iat) &&
    isCount(payload.exp) &&
    payload.exp > payload.iat
  return valid ? (payload as unknown as Payload) : undefined
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}
