import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { ACTING_FOR_HEADER } from '../../../src/contract/delegations/data'
import { useDialectApps } from '../../support/dialect-app'
import { dialects, testConfig, type TestDatabase } from '../../support/dialects'
import { raisedRateLimits } from '../../support/rate-limits'
import { startApp } from '../../support/server-app'
import { demoCitizen, sessionFor } from '../../support/sessions'

/**
 * Two API nodes on one database (and one Redis when REDIS_URL is set, as in production): a
 * delegation ended on node 1 refuses the helper's very next request on node 2 — no node keeps
 * a copy of a delegation that could outlive its end (sessions and accounts are hot-cached and
 * invalidated over Redis; delegations are read on every request).
 */
const prefix = `gm-test-delegations-${randomBytes(4).toString('hex')}:`

function startNode(seed: boolean) {
  return async (testDb: TestDatabase) => {
    const env: Record<string, string> = { ...testDb.env, AUTH_SANDBOX: '1', ...raisedRateLimits(), REDIS_KEY_PREFIX: prefix }
    if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL
    return startApp({ config: testConfig(env), db: testDb.open(), seed })
  }
}

describe.each(dialects())('delegation revoke across two nodes on $name', (dialect) => {
  const { apps } = useDialectApps(dialect, { one: startNode(true), two: startNode(false) })

  const call = (app: FastifyInstance, token: string, url: string, options: { method?: 'GET' | 'POST'; payload?: object; actingFor?: string } = {}) =>
    app.inject({ method: options.method ?? 'GET', url, headers: { authorization: `Bearer ${token}`, ...(options.actingFor ? { [ACTING_FOR_HEADER]: options.actingFor } : {}) }, ...(options.payload ? { payload: options.payload } : {}) })

  test('the principal ends it on node 1; node 2 refuses the helper at once (and node 1 too)', async () => {
    const one = apps.one.app
    const two = apps.two.app
    const helper = await sessionFor(one, 'zhang-wei', 4)
    const principal = await sessionFor(one, 'li-na', 4)
    const li = demoCitizen('li-na')
    const endsOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
    const invited = await call(one, helper, '/api/delegations', { method: 'POST', payload: { name: li.name, idNumber: li.idNumber, scopes: ['health_code'], endsOn } })
    expect(invited.statusCode).toBe(201)
    const id = invited.json().id as string
    expect((await call(two, principal, `/api/delegations/${id}/consent`, { method: 'POST' })).statusCode).toBe(200)

    // Node 2 serves the helper as delegate (its session and account copies now warm).
    for (let i = 0; i < 3; i += 1) expect((await call(two, helper, '/api/health-code', { actingFor: id })).statusCode).toBe(200)
    expect((await call(one, principal, `/api/delegations/${id}/end`, { method: 'POST' })).json()).toMatchObject({ state: 'ended' })
    const next = await call(two, helper, '/api/health-code', { actingFor: id })
    expect(next.statusCode).toBe(403)
    expect(next.json().error.message).toContain('已结束')
    expect((await call(one, helper, '/api/health-code', { actingFor: id })).statusCode).toBe(403)
    // The helper's own session is untouched on both nodes.
    expect((await call(two, helper, '/api/health-code')).json().name).toBe('张*')
  })
})
