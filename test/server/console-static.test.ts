/**
 * The operator console's build at /console/ (server/console): served like the H5 preview
 * (compressed, hashed names cached for a year, index.html revalidated), page paths answer
 * index.html (single-page app), a missing asset stays a 404, the API is never shadowed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { consoleDirFor } from '../../server/console'
import { dialects, testConfig, type TestDatabase } from '../support/dialects'
import type { TestServer } from '../support/http'
import { startApp } from '../support/server-app'

const [sqlite] = dialects()
const BIG_SCRIPT = Array.from({ length: 400 }, (_, i) => `export function page${i}(){return "运营后台 ${i}"}`).join(';\n')

function gzipGet(url: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
      response.on('error', reject)
    }).on('error', reject)
  })
}

describe('the console build at /console/', () => {
  let testDb: TestDatabase
  let dist: string
  let server: TestServer

  beforeAll(async () => {
    testDb = await sqlite!.setup()
    dist = mkdtempSync(join(tmpdir(), 'gov-mini-dist-'))
    const h5 = join(dist, 'h5')
    const console_ = join(dist, 'console')
    mkdirSync(h5)
    writeFileSync(join(h5, 'index.html'), '<!doctype html><title>掌上政务</title>')
    mkdirSync(join(console_, 'assets'), { recursive: true })
    writeFileSync(join(console_, 'index.html'), '<!doctype html><title>政务运营后台</title><script type="module" src="/console/assets/index.0123abcd.js"></script>')
    writeFileSync(join(console_, 'assets', 'index.0123abcd.js'), BIG_SCRIPT)
    expect(consoleDirFor(h5)).toBe(console_)
    server = await startApp({ config: testConfig({ ...testDb.env, STATIC_DIR: h5 }), db: testDb.open() })
  })
  afterAll(async () => {
    await server.close()
    await testDb.cleanup()
    rmSync(dist, { recursive: true, force: true })
  })

  test('index.html at /console/ (revalidated), hashed assets cached for a year, gzip on request', async () => {
    const index = await server.request('/console/')
    expect(index.status).toBe(200)
    expect(index.text).toContain('政务运营后台')
    expect(index.headers.get('cache-control')).toBe('no-cache')
    const script = await gzipGet(`${server.baseUrl}/console/assets/index.0123abcd.js`)
    expect(script.status).toBe(200)
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(script.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(script.body).toString()).toBe(BIG_SCRIPT)
  })

  test('a page path (deep link, reload) answers the app; a missing asset is a 404', async () => {
    for (const path of ['/console/applications', '/console/services?code=x', '/console/operators/abc']) {
      const page = await server.request(path)
      expect(page.status).toBe(200)
      expect(page.text).toContain('政务运营后台')
      expect(page.headers.get('cache-control')).toBe('no-cache')
    }
    expect((await server.request('/console/assets/gone.deadbeef.js')).status).toBe(404)
  })

  test('the H5 preview and the API are untouched', async () => {
    expect((await server.request('/')).text).toContain('掌上政务')
    expect((await server.request('/api/health')).body).toEqual({ status: 'ok' })
    const unknown = await server.request('/api/operator/nope')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('NOT_FOUND')
  })
})
