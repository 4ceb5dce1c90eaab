/**
 * What a scanned QR code is, by its shape. Only our own codes are recognised, and nothing
 * scanned is ever opened as a URL: a proof URL only lends its code and token to our own API.
 *   HC1.…  a health code (server/health-code/token.ts TOKEN_PREFIX)
 *   EC1.…  an e-certificate presentation code (server/certificates/presentation-token.ts CODE_PREFIX)
 *   AP1.…  a booking's 预约码, scanned by hall staff to record arrival (server/appointments/appointment-code.ts)
 *   …/api/social-security/proofs/XXXX-XXXX-XXXX[?token=…]  a social-security proof's verifyUrl
 */
export type Scanned =
  | { kind: 'health-code'; token: string }
  | { kind: 'certificate'; code: string }
  | { kind: 'appointment'; code: string }
  | { kind: 'proof'; code: string; token?: string }
  | { kind: 'unknown' }

const TOKEN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/
const PROOF_URL = /^https?:\/\/[^/?#]+\/api\/social-security\/proofs\/([0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4})\/?(?:\?([^#]*))?(?:#.*)?$/

function tokenParam(query: string | undefined): string | undefined {
  for (const pair of (query ?? '').split('&')) {
    const [key, value] = pair.split('=')
    if (key === 'token' && value) {
      try {
        return decodeURIComponent(value)
      } catch {
        return undefined
      }
    }
  }
  return undefined
}

export function classifyScan(raw: string): Scanned {
  const text = raw.trim()
  if (text.startsWith('HC1.') && TOKEN.test(text)) return { kind: 'health-code', token: text }
  if (text.startsWith('EC1.') && TOKEN.test(text)) return { kind: 'certificate', code: text }
  if (text.startsWith('AP1.') && TOKEN.test(text)) return { kind: 'appointment', code: text }
  const proof = PROOF_URL.exec(text)
  if (proof) {
    const token = tokenParam(proof[2])
    return token ? { kind: 'proof', code: proof[1]!, token } : { kind: 'proof', code: proof[1]! }
  }
  return { kind: 'unknown' }
}
