/**
 * Helpers for the certificate suites, on top of test/support/identity.ts: accounts at each
 * level (fresh or stale verification, face-verified), the seeded verifier, the seeded
 * values of a demo certificate (to scan responses for), and a request without the
 * identity leak check for the routes whose job is to disclose full values.
 */
import type { CertificateType } from '../../src/contract/certificates/schemas'
import { fieldsOf } from '../../server/certificates/catalogue'
import { demoCertificates, type DemoCertificate } from '../../server/seed-data/demo-certificates'
import { demoCitizens } from '../../server/seed-data/demo-citizens'
import type { TestDatabase } from './dialects'
import type { RequestOptions, TestResponse } from './http'
import { MINUTE, startIdentityApp, type IdentityApp, type IdentityAppOptions } from './identity'

export { liNa, wangXiaoming, zhangWei, zhaoLihua } from './identity'
export const ouyangMingyue = demoCitizens[4]!

type Person = { key: string; name: string; idNumber: string }

export interface CertificatesApp extends IdentityApp {
  /** Without the leak check: reveal, verify and organisation fetches return full values on purpose. */
  disclosing(path: string, options?: RequestOptions & { token?: string }): Promise<TestResponse>
  /** Level 4 (real-name + face), verified just now (reveal allowed for 5 minutes). */
  fresh(subject: string, person: Person): Promise<string>
  /** Level 4, last verified more than 5 minutes ago (same as faceVerified). */
  stale(subject: string, person: Person): Promise<string>
  /** Level 4 (face), last verified more than 5 minutes ago. */
  faceVerified(subject: string, person: Person): Promise<string>
  /** The seeded verifier (欧阳明月's sandbox account, role verifier), real-name verified. */
  verifier(): Promise<string>
  /** The id of the holder's certificate of this type and status, from the list route. */
  certificateId(token: string, type: CertificateType, status?: 'valid' | 'expired' | 'revoked'): Promise<string>
}

export async function startCertificatesApp(testDb: TestDatabase, options: IdentityAppOptions = {}): Promise<CertificatesApp> {
  const app = await startIdentityApp(testDb, {
    ...options,
    sandbox: true,
    env: { RATE_LIMIT_CERT_VERIFY: '1000/1m', ...options.env },
  })

  const disclosing: CertificatesApp['disclosing'] = (path, requestOptions = {}) => {
    const { token, ...rest } = requestOptions
    return app.server.request(path, { ...rest, headers: { ...rest.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } })
  }

  // Proven (real-name + face, level 4) and recently verified: face verification counts as one.
  async function fresh(subject: string, person: Person): Promise<string> {
    return app.proven('weapp', subject, person)
  }

  // Proven, but the recent verification has lapsed (reveal asks again).
  async function faceVerified(subject: string, person: Person): Promise<string> {
    const token = await fresh(subject, person)
    app.clock.advance(5 * MINUTE + 1000)
    return token
  }

  return {
    ...app,
    disclosing,
    fresh,
    async stale(subject, person) {
      const token = await fresh(subject, person)
      app.clock.advance(5 * MINUTE + 1000)
      return token
    },
    faceVerified,
    async verifier() {
      const token = await app.login('h5dev', ouyangMingyue.key)
      const response = await app.realName(token, ouyangMingyue)
      if (response.status !== 200) throw new Error(`verifier real-name failed: ${response.text}`)
      return token
    },
    async certificateId(token, type, status = 'valid') {
      const list = await app.request('/api/certificates', { token })
      const found = (list.body.items as { id: string; type: string; status: string }[]).find((item) => item.type === type && item.status === status)
      if (!found) throw new Error(`no ${status} ${type} in ${list.text}`)
      return found.id
    },
  }
}

/** The seeded demo certificate of a holder (first of the type, or the given version). */
export function seeded(holder: Person, type: CertificateType, version?: string): DemoCertificate {
  const found = demoCertificates.find((certificate) => certificate.holder === holder.key && certificate.type === type && (!version || certificate.version === version))
  if (!found) throw new Error(`no seeded ${type} for ${holder.key}`)
  return found
}

export function fieldValues(certificate: DemoCertificate): Record<string, string> {
  return certificate.fields as Record<string, string>
}

/** The seeded full values of the sensitive fields of a certificate. */
export function sensitiveValues(certificate: DemoCertificate): string[] {
  const values = fieldValues(certificate)
  return fieldsOf(certificate.type)
    .filter((field) => field.sensitive)
    .map((field) => values[field.key]!)
}

/** Every sensitive value of every seeded certificate. */
export const ALL_SENSITIVE_VALUES: string[] = [...new Set(demoCertificates.flatMap(sensitiveValues))]

/** The values of the given certificate's fields other than `disclosed` (what must never leak). */
export function undisclosedValues(certificate: DemoCertificate, disclosed: readonly string[]): string[] {
  const values = fieldValues(certificate)
  return Object.entries(values)
    .filter(([key]) => !disclosed.includes(key))
    .map(([, value]) => value)
    // A value equal to a disclosed one (a licence number is the ID number) is disclosed by that one.
    .filter((value) => !disclosed.some((key) => values[key] === value))
}
