/**
 * Helpers for the health-code suites: citizens at level 4 (proven), the seeded verifier logged in
 * through the sandbox, a health officer (an operator account), and token surgery (read a
 * payload, re-sign, tamper).
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../server/db/database'
import { signToken } from '../../server/health-code/token'
import type { IdentityApp } from './identity'
import { operatorFor, operatorTokenFor } from './operators'

export const verifierKey = 'ouyang-mingyue'

/** Logs a platform subject in and proves them as `citizen` (real-name + face, level 4); returns the session token. */
export async function provenSession(app: IdentityApp, subject: string, citizen: { name: string; idNumber: string }): Promise<string> {
  return app.proven('weapp', subject, citizen)
}

/** The seeded sandbox account with the verifier role (the app must run with the sandbox on). */
export const verifierSession = (app: IdentityApp) => app.login('h5dev', verifierKey)
/** A health officer: an operator account with that role, logged in. */
export const officerSession = (app: IdentityApp) => operatorTokenFor(app.server.app, ['health_officer'])
/** The same with the operator's id, for history and audit checks. */
export const officer = (app: IdentityApp) => operatorFor(app.server.app, ['health_officer'])

export async function getCode(app: IdentityApp, token: string) {
  return app.request('/api/health-code', { token })
}

export async function verify(app: IdentityApp, verifierToken: string, code: string) {
  return app.request('/api/health-code/verify', { method: 'POST', token: verifierToken, payload: { token: code } })
}

export interface Payload {
  v: number
  kid: string
  sub: string
  c: string
  sv: number
  iat: number
  exp: number
}

export function payloadOf(token: string): Payload {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Payload
}

/** The same token with its payload changed and the original signature kept. */
export function tampered(token: string, change: Partial<Payload>): string {
  const [prefix, , signature] = token.split('.')
  const payload = Buffer.from(JSON.stringify({ ...payloadOf(token), ...change })).toString('base64url')
  return `${prefix}.${payload}.${signature}`
}

/** A token with the given claims signed by `privateKey` under `kid`. */
export function signedWith(privateKey: KeyObject, kid: string, payload: Payload): string {
  return signToken(
    { kid, privateKey },
    {
      sub: payload.sub,
      colour: ({ g: 'green', y: 'yellow', r: 'red' } as const)[payload.c as 'g' | 'y' | 'r'],
      statusVersion: payload.sv,
      issuedAt: new Date(payload.iat * 1000),
      expiresAt: new Date(payload.exp * 1000),
    },
  )
}

export function freshKeyPair() {
  return generateKeyPairSync('ed25519')
}

/** Every history row, oldest first. */
export function historyRows(db: Kysely<Database>) {
  return db.selectFrom('health_status_history').selectAll().orderBy('id').execute()
}

export async function statusOf(db: Kysely<Database>, idNumberHash: string) {
  return db
    .selectFrom('health_status')
    .innerJoin('citizens', 'citizens.id', 'health_status.citizen_id')
    .select(['health_status.citizen_id', 'colour', 'reason', 'source', 'version', 'since'])
    .where('citizens.id_number_hash', '=', idNumberHash)
    .executeTakeFirst()
}
