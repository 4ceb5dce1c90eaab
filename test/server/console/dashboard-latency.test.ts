import { measureDashboardLatency } from '../../../bench/live/latency'
import { dialects, testConfig, type TestDatabase } from '../../support/dialects'
import type { TestServer } from '../../support/http'
import { operatorTokenFor } from '../../support/operators'
import { raisedRateLimits } from '../../support/rate-limits'
import { startApp } from '../../support/server-app'
import type { FastifyInstance } from 'fastify'

/** The benchmark's measurement (bench/dashboard-latency.ts) on a shorter stream: p95 ≤ 2 s, every action seen. */
describe.each(dialects())('dashboard update latency ($name)', (dialect) => {
  let testDb: TestDatabase
  let server: TestServer & { app: FastifyInstance }

  beforeAll(async () => {
    testDb = await dialect.setup()
    server = await startApp({ config: testConfig({ ...testDb.env, ...raisedRateLimits() }), db: testDb.open(), seed: true })
  })
  afterAll(async () => {
    await server.close()
    await testDb.cleanup()
  })

  test('a stream of citizen actions reaches the dashboard with p95 ≤ 2 s', async () => {
    const list = (await server.request('/api/services?limit=10')).body as { items: { code: string }[] }
    const report = await measureDashboardLatency({
      citizenUrl: server.baseUrl,
      dashboardUrl: server.baseUrl,
      operatorToken: await operatorTokenFor(server.app, ['content_editor']),
      serviceCodes: list.items.map((item) => item.code),
      actions: 120,
      intervalMs: 10,
    })
    console.log(`dashboard latency on ${dialect.name}: p50 ${report.dashboard.p50.toFixed(1)} ms, p95 ${report.dashboard.p95.toFixed(1)} ms (HTTP round trip p95 ${report.baseline.p95.toFixed(1)} ms)`)
    expect(report.received).toBe(report.actions)
    expect(report.dashboard.p95).toBeLessThanOrEqual(2000)
  }, 60_000)
})
