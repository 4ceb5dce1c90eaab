import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestServer } from '../support/http'
import { dialects, testConfig, type TestDatabase } from '../support/dialects'
import { captureLogs, startApp } from '../support/server-app'

const [sqlite] = dialects()

describe('the H5 build at /', () => {
  let testDb: TestDatabase
  let staticDir: string
  let server: TestServer

  beforeAll(async () => {
    testDb = await sqlite!.setup()
    staticDir = mkdtempSync(join(tmpdir(), 'gov-mini-h5-'))
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>掌上政务</title>')
    mkdirSync(join(staticDir, 'js'))
    writeFileSync(join(staticDir, 'js', 'app.js'), 'console.log("h5")')
    // A file where an API path would be: it must never be served instead of the API.
    mkdirSync(join(staticDir, 'api'))
    writeFileSync(join(staticDir, 'api', 'nope'), 'static file, not the API')
    server = await startApp({ config: testConfig({ ...testDb.env, STATIC_DIR: staticDir }), db: testDb.open() })
  })
  afterAll(async () => {
    await server.close()
    await testDb.cleanup()
    rmSync(staticDir, { recursive: true, force: true })
  })

  test('serves index.html at / and assets by path', async () => {
    const index = await server.request('/')
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toMatch(/^text\/html/)
    expect(index.text).toContain('掌上政务')
    const script = await server.request('/js/app.js')
    expect(script.status).toBe(200)
    expect(script.text).toContain('h5')
  })

  test('API routes still answer, and unknown API paths are JSON 404s, never files', async () => {
    expect((await server.request('/api/health')).body).toEqual({ status: 'ok' })
    const unknown = await server.request('/api/nope')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('NOT_FOUND')
  })

  test('a missing asset is a 404', async () => {
    expect((await server.request('/js/missing.js')).status).toBe(404)
  })
})

describe('without an H5 build', () => {
  test('the API works and the log says how to get one', async () => {
    const testDb = await sqlite!.setup()
    const logs = captureLogs()
    const server = await startApp({ config: testDb.config, db: testDb.open(), logger: logs.logger })
    try {
      expect((await server.request('/api/health')).status).toBe(200)
      expect((await server.request('/')).status).toBe(404)
      expect(logs.lines().map((line) => line.msg)).toContainEqual(expect.stringContaining('npm run build:h5'))
    } finally {
      await server.close()
      await testDb.cleanup()
    }
  })
})
