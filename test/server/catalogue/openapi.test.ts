import { dialects, type TestDatabase } from '../../support/dialects'
import type { TestServer } from '../../support/http'
import { startApp } from '../../support/server-app'

const [sqlite] = dialects()

/** The catalogue routes as the OpenAPI document describes them to client and operator-tool developers. */
describe('OpenAPI document: catalogue routes', () => {
  let testDb: TestDatabase
  let server: TestServer
  let paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>>

  beforeAll(async () => {
    testDb = await sqlite!.setup()
    server = await startApp({ config: testDb.config, db: testDb.open() })
    paths = (await server.request('/api/openapi.json')).body.paths
  })
  afterAll(async () => {
    await server.close()
    await testDb.cleanup()
  })

  test.each([
    ['get', '/api/services', ['200', '400', '500']],
    ['get', '/api/services/facets', ['200', '500']],
    ['get', '/api/services/search', ['200', '400', '500']],
    ['get', '/api/services/{code}', ['200', '400', '404', '500']],
    ['post', '/api/operator/services/import', ['200', '400', '401', '403', '413', '422', '500']],
    ['post', '/api/operator/services/{code}/publish', ['200', '400', '401', '403', '404', '500']],
    ['post', '/api/operator/services/{code}/retire', ['200', '400', '401', '403', '404', '500']],
  ])('%s %s documents %j', (method, path, statuses) => {
    expect(Object.keys(paths[path]![method]!.responses).sort()).toEqual([...statuses].sort())
  })

  test('the list and the search document their query parameters', () => {
    const names = (path: string) => paths[path]!.get!.parameters!.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name).sort()
    expect(names('/api/services')).toEqual(['audience', 'category', 'department', 'lifeEvent', 'limit', 'offset', 'onlineLevel'])
    expect(names('/api/services/search')).toEqual(['limit', 'platform', 'q'])
  })
})
