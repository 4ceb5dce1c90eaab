/**
 * The delegation suites' app: the real app (demo citizens, the test service items, a movable
 * clock) and helpers for the journeys: proven sessions of demo citizens on WeChat, an invite,
 * a consent, a request as delegate (X-Acting-For).
 */
import { randomUUID } from 'node:crypto'
import { ACTING_FOR_HEADER, type DelegationScope } from '../../../src/contract/delegations/data'
import { chinaDateOf } from '../../../server/applications/working-days'
import { demoCitizens } from '../../../server/seed-data/demo-citizens'
import type { TestDatabase } from '../../support/dialects'
import type { TestResponse } from '../../support/http'
import { startIdentityApp, type IdentityApp } from '../../support/identity'
import { insertTestItems } from '../../support/service-items'

export const ALL_SCOPES: DelegationScope[] = ['health_code', 'social_security', 'certificates_view', 'apply', 'notifications']

export interface DelegationHarness extends IdentityApp {
  /** A proven (level 4) WeChat session of a demo citizen. */
  person(key: string): Promise<string>
  invite(helperToken: string, principalKey: string, scopes?: DelegationScope[], days?: number): Promise<TestResponse>
  consent(principalToken: string, id: string): Promise<TestResponse>
  /** Invited and consented: the delegation's id. */
  active(helperToken: string, principalToken: string, principalKey: string, scopes?: DelegationScope[]): Promise<string>
  asDelegate(token: string, delegationId: string, path: string, options?: { method?: string; payload?: unknown; headers?: Record<string, string> }): Promise<TestResponse>
  end(token: string, id: string): Promise<TestResponse>
}

export function citizenOf(key: string): { name: string; idNumber: string } {
  const found = demoCitizens.find((citizen) => citizen.key === key)
  if (!found) throw new Error(`no demo citizen ${key}`)
  return found
}

export async function startDelegationApp(testDb: TestDatabase): Promise<DelegationHarness> {
  const app = await startIdentityApp(testDb)
  await insertTestItems(app.db)
  const harness: DelegationHarness = {
    ...app,
    // A new session each time: a test that moves the clock on leaves earlier sessions expired.
    person: (key) => app.proven('weapp', `wx-${key}`, citizenOf(key)),
    invite(helperToken, principalKey, scopes = ALL_SCOPES, days = 30) {
      const { name, idNumber } = citizenOf(principalKey)
      const endsOn = chinaDateOf(new Date(app.clock().getTime() + days * 86_400_000))
      return app.request('/api/delegations', { method: 'POST', token: helperToken, payload: { name, idNumber, scopes, endsOn } })
    },
    consent: (principalToken, id) => app.request(`/api/delegations/${id}/consent`, { method: 'POST', token: principalToken }),
    async active(helperToken, principalToken, principalKey, scopes = ALL_SCOPES) {
      const invited = await harness.invite(helperToken, principalKey, scopes)
      if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${invited.text}`)
      const consented = await harness.consent(principalToken, invited.body.id as string)
      if (consented.status !== 200) throw new Error(`consent failed: ${consented.status} ${consented.text}`)
      return invited.body.id as string
    },
    asDelegate(token, delegationId, path, options = {}) {
      const headers: Record<string, string> = { [ACTING_FOR_HEADER]: delegationId, ...options.headers }
      if (options.method === 'POST' && path === '/api/applications') headers['idempotency-key'] ??= randomUUID()
      return app.request(path, { method: options.method ?? 'GET', token, headers, ...(options.payload === undefined ? {} : { payload: options.payload as object }) })
    },
    end: (token, id) => app.request(`/api/delegations/${id}/end`, { method: 'POST', token }),
  }
  return harness
}
