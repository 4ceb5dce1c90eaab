/**
 * The appointments suites' app: the real app with the demo catalogue and halls, a movable
 * clock, and helpers for the journeys (a proven citizen, a reviewer at the hall, extra people
 * in the population registry for the crowd that races for the last place).
 */
import { idCheckCharacter } from '../../../src/contract/id-number'
import { createIdentityCrypto } from '../../../server/identity/crypto'
import type { TestDatabase } from '../../support/dialects'
import { startIdentityApp, type IdentityApp } from '../../support/identity'
import { operatorTokenFor } from '../../support/operators'

/** Monday 14 Sep 2026, 09:10 in China: the 14-day window reaches 调休 Sunday 20 Sep and 中秋 Friday 25 Sep. */
export const MONDAY = new Date('2026-09-14T01:10:00Z')
export const ITEM = 'SF-GA-0001'
export const HALL = 'chengdong-police'

export interface AppointmentsHarness extends IdentityApp {
  testDb: TestDatabase
  /** Registers `count` extra people (name 测试某N) in the population registry and returns them. */
  addPeople(count: number, offset?: number): Promise<{ name: string; idNumber: string }[]>
  reviewerToken(): Promise<string>
  adminToken(): Promise<string>
  book(token: string, body: Record<string, unknown>): ReturnType<IdentityApp['request']>
}

export async function startAppointmentsApp(testDb: TestDatabase): Promise<AppointmentsHarness> {
  const app = await startIdentityApp(testDb, { sandbox: true })
  const crypto = createIdentityCrypto({ encryptionKey: testDb.config.identityEncryptionKey, hashKey: testDb.config.identityHashKey })
  return {
    ...app,
    testDb,
    async addPeople(count, offset = 0) {
      const people = Array.from({ length: count }, (_, index) => {
        const first17 = `11010519800101${String(100 + offset + index)}`
        return { name: `测试${String.fromCharCode(0x4e00 + offset + index)}`, idNumber: first17 + idCheckCharacter(first17) }
      })
      // One after the other: PostgreSQL would hand ids out of order to parallel inserts.
      for (const person of people) {
        await app.db
          .insertInto('population_registry')
          .values({ name: person.name, id_number_hash: crypto.hashIdNumber(person.idNumber), id_number_encrypted: crypto.encrypt(person.idNumber), phone_encrypted: null, address: null, created_at: new Date().toISOString() })
          .execute()
      }
      return people
    },
    reviewerToken: () => operatorTokenFor(app.server.app, ['reviewer']),
    adminToken: () => operatorTokenFor(app.server.app, ['admin']),
    book: (token, body) => app.request('/api/appointments', { method: 'POST', token, payload: body }),
  }
}
