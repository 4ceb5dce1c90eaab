import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { startIdentityApp } from '../../support/identity'

const [sqlite] = dialects()

/** The identity routes as the OpenAPI document describes them to client authors. */
describe('OpenAPI document: identity routes', () => {
  const { app: identity } = useDialectApp(sqlite!, startIdentityApp)
  let paths: Record<string, Record<string, { responses: Record<string, unknown> }>>

  beforeAll(async () => {
    paths = (await identity.request('/api/openapi.json')).body.paths
  })

  test.each([
    ['post', '/api/auth/login', ['201', '400', '401', '403', '429', '500', '503']],
    ['post', '/api/auth/logout', ['204', '401', '500']],
    ['get', '/api/auth/sandbox/citizens', ['200', '403', '500']],
    ['get', '/api/me', ['200', '401', '500']],
    ['post', '/api/me/reveal', ['200', '400', '401', '403', '404', '429', '500']],
    ['post', '/api/identity/real-name', ['200', '400', '401', '409', '422', '429', '500']],
    ['post', '/api/identity/face/start', ['200', '401', '403', '429', '500', '503']],
    ['post', '/api/identity/face/confirm', ['200', '400', '401', '403', '404', '409', '422', '500', '503']],
    ['post', '/api/identity/reverify', ['200', '400', '401', '403', '422', '429', '500']],
  ])('%s %s documents %j', (method, path, statuses) => {
    expect(Object.keys(paths[path]![method]!.responses).sort()).toEqual([...statuses].sort())
  })

  test('the error body documents the levels REAL_NAME_REQUIRED carries', async () => {
    const document = (await identity.request('/api/openapi.json')).body
    const error = document.components.schemas.ErrorBody.properties.error.properties
    expect(Object.keys(error)).toEqual(expect.arrayContaining(['requiredLevel', 'currentLevel']))
  })
})
