import type { FastifyInstance } from 'fastify'
import type { TestServer } from '../support/http'
import { dialects, type TestDatabase } from '../support/dialects'
import { startApp } from '../support/server-app'

/** Every `METHOD /path` the router knows, read from the tree app.printRoutes() draws. */
function registeredRoutes(app: FastifyInstance): string[] {
  const routes: string[] = []
  const prefixes: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S*)(?: \(([^)]*)\))?/.exec(line)
    if (!match) continue
    const depth = match[1]!.length / 4
    prefixes.length = depth
    const path = prefixes.join('') + match[2]
    prefixes.push(match[2]!)
    for (const method of match[3]?.split(', ') ?? []) routes.push(`${method} ${path}`)
  }
  return routes
}

type Operation = { summary?: string; parameters?: { in: string }[]; requestBody?: unknown; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }

const [sqlite] = dialects()

describe('OpenAPI document', () => {
  let testDb: TestDatabase
  let server: TestServer & { app: FastifyInstance }
  let document: { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } }

  beforeAll(async () => {
    testDb = await sqlite!.setup()
    server = await startApp({ config: testDb.config, db: testDb.open() })
    const response = await server.request('/api/openapi.json')
    expect(response.status).toBe(200)
    document = response.body
  })
  afterAll(async () => {
    await server.close()
    await testDb.cleanup()
  })

  const apiRoutes = () =>
    registeredRoutes(server.app)
      .filter((route) => / \/api\//.test(route) && !route.startsWith('HEAD '))
      .map((route) => {
        const [method, path] = route.split(' ') as [string, string]
        return { method: method.toLowerCase(), path: path.replace(/:(\w+)/g, '{$1}') }
      })

  test('is OpenAPI 3 with the shared ErrorBody schema', () => {
    expect(document.openapi).toMatch(/^3\./)
    expect(document.components.schemas.ErrorBody).toBeDefined()
  })

  test('lists exactly the registered /api routes', () => {
    const routes = apiRoutes()
    expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining(['get /api/health', 'get /api/ready', 'get /api/notices', 'get /api/notices/{id}', 'get /api/openapi.json']),
    )
    // The document also holds the public proof page (/verify/{code}: HTML, documented so the bad-input corpus reaches it).
    const documented = Object.entries(document.paths).filter(([path]) => path.startsWith('/api/')).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
    expect(documented.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort())
  })

  test('every route documents its error responses with ErrorBody', () => {
    const errorBody = { $ref: '#/components/schemas/ErrorBody' }
    const missing: string[] = []
    for (const { method, path } of apiRoutes()) {
      const operation = document.paths[path]![method]!
      const takesInput = Boolean(operation.requestBody) || (operation.parameters ?? []).length > 0
      // A PUT that creates or replaces the record at the id it names cannot miss it: no 404 there.
      const createsAtId = method === 'put' && /^Creates or replaces/.test(operation.summary ?? '')
      const expected = ['500', ...(takesInput ? ['400'] : []), ...(path.includes('{') && !createsAtId ? ['404'] : [])]
      for (const status of expected) {
        const schema = operation.responses[status]?.content?.['application/json']?.schema
        if (JSON.stringify(schema) !== JSON.stringify(errorBody)) missing.push(`${method} ${path} ${status}`)
      }
    }
    // Every gap at once, not the first one.
    expect(missing).toEqual([])
  })

  test('the notice list documents its limit parameter and 400', () => {
    const operation = document.paths['/api/notices']!.get!
    expect(operation.parameters).toEqual([expect.objectContaining({ in: 'query', name: 'limit', schema: expect.objectContaining({ maximum: 50, minimum: 1, default: 5 }) })])
    expect(operation.responses['400']).toBeDefined()
  })

  test('readiness documents its 503 body', () => {
    const schema = document.paths['/api/ready']!.get!.responses['503']?.content?.['application/json']?.schema as { properties: Record<string, unknown> }
    expect(Object.keys(schema.properties).sort()).toEqual(['database', 'error', 'status'])
  })
})
