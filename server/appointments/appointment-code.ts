import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'

/**
 * The booking's QR (预约码) as the hall scans it:
 *
 *   AP1.<payload>.<mac>
 *
 * payload = base64url JSON {aid, exp} (the booking id and the expiry in Unix seconds); mac =
 * base64url HMAC-SHA256 over `AP1.<payload>`. It carries no personal data: the hall's check-in
 * route reads the booking row, so a cancelled booking's code stops working at once. Short-lived
 * (APPOINTMENT_CODE_TTL_SECONDS): a screenshot passed on is useless minutes later.
 *
 * The key is derived (HKDF) from IDENTITY_HASH_KEY for this one purpose, so no new secret has
 * to be configured and the derived key can sign nothing else.
 */
export const APPOINTMENT_CODE_PREFIX = 'AP1'

export type OpenedAppointmentCode = { ok: true; appointmentId: string; exp: number } | { ok: false; reason: 'malformed' | 'bad_signature' }

export interface AppointmentCodeSigner {
  sign(appointmentId: string, exp: number): string
  open(code: string): OpenedAppointmentCode
}

const CODE_PATTERN = /^AP1\.([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/

export function createAppointmentCodeSigner(baseKey: Buffer): AppointmentCodeSigner {
  const key = Buffer.from(hkdfSync('sha256', baseKey, Buffer.alloc(0), 'gov-mini appointment codes v1', 32))
  const mac = (signed: string) => createHmac('sha256', key).update(signed).digest()
  return {
    sign(appointmentId, exp) {
      const payload = Buffer.from(JSON.stringify({ aid: appointmentId, exp })).toString('base64url')
      const signed = `${APPOINTMENT_CODE_PREFIX}.${payload}`
      return `${signed}.${mac(signed).toString('base64url')}`
    },
    open(code) {
      const match = CODE_PATTERN.exec(code.trim())
      if (!match) return { ok: false, reason: 'malformed' }
      const given = Buffer.from(match[2]!, 'base64url')
      if (!timingSafeEqual(given, mac(`${APPOINTMENT_CODE_PREFIX}.${match[1]}`))) return { ok: false, reason: 'bad_signature' }
      let claims: unknown
      try {
        claims = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8'))
      } catch {
        return { ok: false, reason: 'malformed' }
      }
      const { aid, exp } = (claims ?? {}) as Record<string, unknown>
      if (typeof aid !== 'string' || !ID_PATTERN.test(aid) || !Number.isSafeInteger(exp)) return { ok: false, reason: 'malformed' }
      return { ok: true, appointmentId: aid, exp: exp as number }
    },
  }
}
