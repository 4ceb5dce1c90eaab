import type { FastifyInstance } from 'fastify'
import { casesFor, openApiDocument, routesOf, runCases, summarise, type CaseResult } from '../../support/bad-input'
import { dialects, testConfig, type TestDatabase } from '../../support/dialects'
import { raisedRateLimits } from '../../support/rate-limits'
import { startApp } from '../../support/server-app'

/**
 * Every route of the OpenAPI document, fed invalid and hostile input built from its own
 * schemas (test/support/bad-input.ts): never a 5xx; what the schema certainly refuses is a
 * 400 VALIDATION_FAILED naming that very field; every 400 VALIDATION_FAILED names a field
 * (body.x, query.y, params.z, headers.h). The count is printed (target ≥ 500).
 */
const MIN_CASES = 500

describe.each(dialects())('bad-input corpus on $name', (dialect) => {
  let testDb: TestDatabase
  let server: { app: FastifyInstance; close(): Promise<void> }

  beforeAll(async () => {
    testDb = await dialect.setup()
    const config = testConfig({ ...testDb.env, AUTH_SANDBOX: '1', ...raisedRateLimits() })
    server = await startApp({ config, db: testDb.open(), seed: true })
  })
  afterAll(async () => {
    await server?.close()
    await testDb?.cleanup()
  })

  test('only 4xx (or a handled 2xx) for every case, each refusal naming its field', async () => {
    const document = await openApiDocument(server.app)
    const routes = routesOf(document)
    const cases = routes.flatMap(casesFor)
    const results = await runCases(server.app, cases)
    const rows = summarise(results)
    const serverErrors = results.filter((result) => result.status >= 500).length
    const statuses = new Map<number, number>()
    for (const result of results) statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1)
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ')
    console.log(`bad-input corpus on ${dialect.name}: ${results.length} cases over ${rows.length} routes, ${serverErrors} 5xx (${byStatus})`)
    // The valid sessions get the cases past authentication: refusals for want of one stay rare.
    const withSession = results.filter((result) => !result.case.description.startsWith('headers.authorization'))
    expect(withSession.filter((result) => result.status === 401 || result.status === 403).length).toBeLessThan(withSession.length / 20)

    // Every route of the document has cases.
    expect(rows.map((row) => row.route).sort()).toEqual(routes.map((route) => route.name).sort())
    expect(results.length).toBeGreaterThanOrEqual(MIN_CASES)
    const problems = results.filter((result) => result.problem).map(line)
    expect(problems).toEqual([])
    expect(serverErrors).toBe(0)
  }, 600_000)
})

function line(result: CaseResult): string {
  return `${result.case.route} — ${result.case.description}: ${result.problem}`
}
