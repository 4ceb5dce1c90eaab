import type { FastifyInstance } from 'fastify'
import { CONSOLE_ACCESS, mayCall, OPERATOR_ROLES, type ConsoleRoute } from '../../../src/contract/console/data'
import { openApiDocument, routesOf, validRequestOf, type Route } from '../../support/bad-input'
import { dialects, testConfig, type TestDatabase } from '../../support/dialects'
import type { TestServer } from '../../support/http'
import { operatorTokenFor } from '../../support/operators'
import { raisedRateLimits } from '../../support/rate-limits'
import { startApp } from '../../support/server-app'
import { openSse } from '../../support/sse'

/**
 * Every operator route × every role (and an operator with no role, and no session): the
 * API answers 401 without a session, 403 to a role the table (src/contract/console/data.ts,
 * which the console's menu reads) does not allow, and neither to one it allows. Each request
 * is otherwise valid (built from the route's own schemas), so the role is what decides.
 */
const WHO = [...OPERATOR_ROLES, 'no role', 'no session'] as const
type Who = (typeof WHO)[number]

const openApiName = (route: ConsoleRoute) => route.replace(/:([A-Za-z]+)/g, '{$1}')

describe.each(dialects())('role matrix ($name)', (dialect) => {
  let testDb: TestDatabase
  let server: TestServer & { app: FastifyInstance }
  let routes: Map<string, Route>

  beforeAll(async () => {
    testDb = await dialect.setup()
    const config = testConfig({ ...testDb.env, AUTH_SANDBOX: '1', ...raisedRateLimits() })
    server = await startApp({ config, db: testDb.open(), seed: true })
    routes = new Map(routesOf(await openApiDocument(server.app)).map((route) => [route.name, route]))
  })
  afterAll(async () => {
    await server.close()
    await testDb.cleanup()
  })

  test('the table lists every operator route of the API, and only those', () => {
    const api = [...routes.keys()].filter((name) => /^\w+ \/api\/(operator|ops)\//.test(name)).sort()
    expect((Object.keys(CONSOLE_ACCESS) as ConsoleRoute[]).map(openApiName).sort()).toEqual(api)
  })

  test('every route × every role: 401 without a session, 403 exactly where the table says no', async () => {
    const tokens = new Map<Who, string>()
    for (const role of OPERATOR_ROLES) tokens.set(role, await operatorTokenFor(server.app, [role]))
    tokens.set('no role', await operatorTokenFor(server.app, []))
    // Routes that end or change the session they are called with get a session of their own.
    const ownSession = new Set(['POST /api/operator/logout', 'POST /api/operator/me/password'])

    const table: string[] = []
    const mismatches: string[] = []
    for (const route of Object.keys(CONSOLE_ACCESS) as ConsoleRoute[]) {
      const request = validRequestOf(routes.get(openApiName(route))!)
      const cells: string[] = []
      for (const who of WHO) {
        let token = tokens.get(who)
        if (token && ownSession.has(route)) token = await operatorTokenFor(server.app, who === 'no role' ? [] : [who as (typeof OPERATOR_ROLES)[number]])
        const headers = { ...request.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }
        let status: number
        if (route === 'GET /api/operator/live') {
          // A stream never ends by itself: read its head over HTTP and hang up.
          const client = await openSse(server.baseUrl + request.url, headers)
          status = client.status
          client.close()
        } else {
          status = (await server.app.inject({ method: request.method as 'GET', url: request.url, headers, payload: request.payload })).statusCode
        }
        cells.push(`${who}:${status}`)
        const access = CONSOLE_ACCESS[route] as string | readonly string[]
        const expected =
          // The login is for everybody: its 401 is about the password, never the session.
          access === 'public' ? 'not 403' : who === 'no session' ? '401' : mayCall(route, who === 'no role' ? [] : [who]) ? 'not 401/403' : '403'
        const ok =
          status < 500 &&
          (expected === 'not 403' ? status !== 403 : expected === 'not 401/403' ? status !== 401 && status !== 403 : status === Number(expected))
        if (!ok) mismatches.push(`${route} as ${who}: ${status}, expected ${expected}`)
      }
      table.push(`${route.padEnd(50)} ${cells.join('  ')}`)
    }
    console.log(`role matrix on ${dialect.name}:\n${table.join('\n')}`)
    expect(mismatches).toEqual([])
  }, 120_000)
})
