import type { FastifyInstance } from 'fastify'
import { openApiDocument, routesOf, validRequestOf, type Route } from '../support/bad-input'
import { dialects, testConfig, type TestDatabase } from '../support/dialects'
import type { TestServer } from '../support/http'
import { operatorTokenFor } from '../support/operators'
import { raisedRateLimits } from '../support/rate-limits'
import { startApp } from '../support/server-app'

/**
 * Authentication before the body (server/plugins/authenticate-first.ts): a route that needs a
 * session answers an anonymous caller 401 before reading, parsing or validating anything it
 * sent, so no field-level 400 tells an anonymous caller the shape of an operator route and no
 * large anonymous body is read. Every route of the OpenAPI document is tried.
 */
describe.each(dialects())('authentication before the body on $name', (dialect) => {
  let testDb: TestDatabase
  let server: TestServer & { app: FastifyInstance }
  let routes: Route[]

  beforeAll(async () => {
    testDb = await dialect.setup()
    server = await startApp({ config: testConfig({ ...testDb.env, AUTH_SANDBOX: '1', ...raisedRateLimits() }), db: testDb.open(), seed: true })
    routes = routesOf(await openApiDocument(server.app))
  })
  afterAll(async () => {
    await server?.close()
    await testDb?.cleanup()
  })

  const inject = (request: ReturnType<typeof validRequestOf>, change: { payload?: string; query?: string; authorization?: string } = {}) =>
    server.app.inject({
      method: request.method as 'GET',
      url: change.query ? `${request.url}${request.url.includes('?') ? '&' : '?'}${change.query}` : request.url,
      headers: { ...request.headers, ...(change.payload !== undefined ? { 'content-type': 'application/json' } : {}), ...(change.authorization ? { authorization: change.authorization } : {}) },
      payload: change.payload ?? request.payload,
    })

  test('every route that needs a session: 401, never a field-level 400, for a malformed or unknown body or query', async () => {
    const guarded: string[] = []
    for (const route of routes) {
      const valid = validRequestOf(route)
      // A route needs a session when its valid request, sent anonymously, is a 401 UNAUTHENTICATED
      // (not, say, the operator login's 401 for a wrong password).
      const anonymous = await inject(valid)
      if (anonymous.statusCode !== 401 || anonymous.json().error.code !== 'UNAUTHENTICATED') continue
      guarded.push(route.name)
      const hasBody = route.operation.requestBody !== undefined
      const variants = [
        { query: 'unexpectedParameter=1' },
        { query: 'limit=1e400&page=-1' },
        ...(hasBody ? [{ payload: '{"title": ' }, { payload: '{"unexpectedField": 1}' }, { payload: '[' + '['.repeat(4000) + ']'.repeat(4000) + ']' }] : []),
      ]
      // No token, and tokens of no session (citizen and operator form): where the valid request is
      // a 401 with one (logging out with an ended session is a 204 by design), so is every variant.
      for (const authorization of [undefined, 'Bearer not-a-session', 'Bearer op.not-a-session']) {
        if (authorization !== undefined && (await inject(valid, { authorization })).statusCode !== 401) continue
        for (const variant of variants) {
          const response = await inject(valid, { ...variant, authorization })
          expect([route.name, variant, authorization, response.statusCode, response.json().error.code]).toEqual([route.name, variant, authorization, 401, 'UNAUTHENTICATED'])
        }
      }
    }
    // Citizen routes at every level and operator routes of every role are among them.
    expect(guarded).toEqual(
      expect.arrayContaining([
        'POST /api/applications',
        'POST /api/feedback',
        'GET /api/me',
        'POST /api/health-code/verify',
        'POST /api/operator/notices',
        'POST /api/operator/services/import',
        'GET /api/operator/analytics/demand',
        'POST /api/ops/health-statuses/batch',
      ]),
    )
    expect(guarded.length).toBeGreaterThanOrEqual(40)
  }, 120_000)

  test('an anonymous catalogue import is refused before its body is read', async () => {
    // Past the route's 16 MB limit: read, it would be a 413.
    const tooLarge = await server.request('/api/operator/services/import', { method: 'POST', payload: '[' + ' '.repeat(17 * 1024 * 1024) + ']', headers: { 'content-type': 'application/json' } })
    expect([tooLarge.status, tooLarge.body.error.code]).toEqual([401, 'UNAUTHENTICATED'])
    // 15 MB of malformed JSON: parsed, it would be a 400.
    const malformed = await server.request('/api/operator/services/import', { method: 'POST', payload: '[{"code": "' + 'a'.repeat(15 * 1024 * 1024), headers: { 'content-type': 'application/json' } })
    expect([malformed.status, malformed.body.error.code]).toEqual([401, 'UNAUTHENTICATED'])
  }, 60_000)

  test('with a session the body is still validated (400 naming the field), and roles are still checked (403)', async () => {
    const editor = await operatorTokenFor(server.app, ['content_editor'])
    const invalid = await server.request('/api/operator/notices', { method: 'POST', payload: { title: '', summary: '摘要', body: '正文', department: '市水务局' }, headers: { authorization: `Bearer ${await operatorTokenFor(server.app, ['admin'])}` } })
    expect([invalid.status, invalid.body.error.field]).toEqual([400, 'body.title'])
    const forbidden = await server.request('/api/ops/health-statuses', {
      method: 'POST',
      payload: { idNumber: '110101198503120017', colour: 'yellow', reason: '密接', source: '市卫健委' },
      headers: { authorization: `Bearer ${editor}` },
    })
    expect([forbidden.status, forbidden.body.error.code]).toEqual([403, 'FORBIDDEN'])
  })
})
