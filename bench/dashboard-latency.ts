/**
 * npm run bench:dashboard — how fresh the operator dashboard is: a stream of citizen actions
 * (guide views and searches, one every --interval ms, not waiting for each other) against the
 * real app, one dashboard on the live feed (GET /api/operator/live). Printed: p50 / p95 / max
 * from sending an action to its event on the dashboard, against the baseline of the same
 * requests' own HTTP round trip, measured in the same run. Target: p95 ≤ 2 s (issue 18;
 * analytics.usa.gov refreshes every 15 s). SQLite unless DATABASE_URL is set; with REDIS_URL
 * the events also go through Redis pub/sub.
 */
import { parseArgs } from 'node:util'
import { dialects, testConfig } from '../test/support/dialects'
import { operatorTokenFor } from '../test/support/operators'
import { raisedRateLimits } from '../test/support/rate-limits'
import { startApp } from '../test/support/server-app'
import { measureDashboardLatency, type Percentiles } from './live/latency'
import { appendResults, table } from './lib/results'

const { values } = parseArgs({ options: { actions: { type: 'string', default: '400' }, interval: { type: 'string', default: '10' }, 'no-record': { type: 'boolean', default: false } } })

async function main(): Promise<void> {
  const dialect = dialects().at(-1)!
  const testDb = await dialect.setup()
  const config = testConfig({ ...testDb.env, ...raisedRateLimits(), ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}) })
  const server = await startApp({ config, db: testDb.open(), seed: true })
  try {
    const token = await operatorTokenFor(server.app, ['reviewer'])
    const list = (await server.request('/api/services?limit=20')).body as { items: { code: string }[] }
    const report = await measureDashboardLatency({
      citizenUrl: server.baseUrl,
      dashboardUrl: server.baseUrl,
      operatorToken: token,
      serviceCodes: list.items.map((item) => item.code),
      actions: Number(values.actions),
      intervalMs: Number(values.interval),
    })
    const row = (label: string, figures: Percentiles) => [label, figures.p50.toFixed(1), figures.p95.toFixed(1), figures.max.toFixed(1)]
    const body = [
      `${report.actions} citizen actions (views and searches, one every ${values.interval} ms) on ${dialect.name}${process.env.REDIS_URL ? ' + Redis' : ''}; ${report.received} reached the dashboard.`,
      '',
      table(['measured', 'p50 ms', 'p95 ms', 'max ms'], [row('action → dashboard event (SSE)', report.dashboard), row('baseline: the action\'s HTTP round trip', report.baseline)]),
      '',
      `Target p95 ≤ 2000 ms: ${report.dashboard.p95 <= 2000 && report.received === report.actions ? 'met' : 'NOT met'}.`,
    ].join('\n')
    console.log(body)
    if (!values['no-record']) appendResults('npm run bench:dashboard', body)
  } finally {
    await server.close()
    await testDb.cleanup()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
