import { dialects, type TestDatabase } from '../../support/dialects'
import { startApp } from '../../support/server-app'
import type { TestServer } from '../../support/http'

const [sqlite] = dialects()

/** The certificate routes as the OpenAPI document describes them to client and organisation developers. */
describe('OpenAPI document: certificate routes', () => {
  let testDb: TestDatabase
  let server: TestServer
  let paths: Record<string, Record<string, { responses: Record<string, unknown> }>>

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
    ['get', '/api/certificates', ['200', '401', '403', '500']],
    ['get', '/api/certificates/purposes', ['200', '500']],
    ['get', '/api/certificates/{id}', ['200', '400', '401', '403', '404', '500']],
    ['post', '/api/certificates/{id}/reveal', ['200', '400', '401', '403', '404', '429', '500']],
    ['get', '/api/certificates/{id}/ledger', ['200', '400', '401', '403', '404', '500']],
    ['post', '/api/certificates/presentations', ['201', '400', '401', '403', '404', '409', '500']],
    ['get', '/api/certificates/presentations/{presentationId}', ['200', '400', '401', '403', '404', '500']],
    ['post', '/api/certificates/presentations/{presentationId}/withdraw', ['204', '400', '401', '403', '404', '500']],
    ['post', '/api/certificates/verify', ['200', '400', '401', '429', '500']],
    ['post', '/api/certificates/{id}/authorisations', ['201', '400', '401', '403', '404', '409', '500']],
    ['get', '/api/certificates/authorisations', ['200', '400', '401', '403', '404', '500']],
    ['post', '/api/certificates/authorisations/{grantId}/revoke', ['200', '400', '401', '403', '404', '500']],
    ['delete', '/api/certificates/authorisations/{grantId}', ['200', '400', '401', '403', '404', '500']],
    ['get', '/api/certificates/authorised/{grantId}', ['200', '400', '401', '403', '404', '409', '429', '500']],
  ])('%s %s documents %j', (method, path, statuses) => {
    expect(Object.keys(paths[path]![method]!.responses).sort()).toEqual([...statuses].sort())
  })
})
