import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { HASHED_CACHE_CONTROL } from '../../server/plugins/static'
import { precompress } from '../../scripts/precompress'
import type { TestServer } from '../support/http'
import { dialects, testConfig, type TestDatabase } from '../support/dialects'
import { captureLogs, startApp } from '../support/server-app'

const [sqlite] = dialects()

/** Something like a bundle: long enough to compress (the threshold is 1 KB). */
const BIG_SCRIPT = Array.from({ length: 400 }, (_, i) => `function page${i}(props){return React.createElement("view",{className:"gm-page"},props.title)}`).join(';\n')

/** GET with exactly this Accept-Encoding (fetch would add its own and decode the body). */
function rawGet(
  url: string,
  acceptEncoding: string | undefined,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}), ...extraHeaders } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
      response.on('error', reject)
    }).on('error', reject)
  })
}

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
    writeFileSync(join(staticDir, 'js', 'app.8ad23e5e.js'), BIG_SCRIPT)
    mkdirSync(join(staticDir, 'css'))
    writeFileSync(join(staticDir, 'css', 'app.8ad23e5eb38896e91647.css'), '.gm-header{color:#1557c0}\n'.repeat(200))
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

  test('hashed files are cached for a year (immutable); index.html and unhashed files are revalidated', async () => {
    for (const path of ['/js/app.8ad23e5e.js', '/css/app.8ad23e5eb38896e91647.css']) {
      expect((await server.request(path)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    }
    for (const path of ['/', '/index.html', '/js/app.js']) {
      expect((await server.request(path)).headers.get('cache-control')).toBe('no-cache')
    }
    // Revalidation is cheap: the same ETag answers 304 without a body (node:http: fetch
    // would add its own `cache-control: no-cache` to a conditional request, forcing a 200).
    const index = await server.request('/')
    const again = await rawGet(server.baseUrl + '/', 'br', { 'if-none-match': index.headers.get('etag')! })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
  })

  test('text is compressed: brotli when accepted, else gzip, else sent as is', async () => {
    const br = await rawGet(server.baseUrl + '/js/app.8ad23e5e.js', 'gzip, deflate, br')
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG_SCRIPT)
    expect(br.body.length).toBeLessThan(BIG_SCRIPT.length / 5)

    const gzip = await rawGet(server.baseUrl + '/js/app.8ad23e5e.js', 'gzip')
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body).toString()).toBe(BIG_SCRIPT)

    const plain = await rawGet(server.baseUrl + '/js/app.8ad23e5e.js', undefined)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(BIG_SCRIPT)

    const html = await rawGet(server.baseUrl + '/', 'br')
    expect(html.headers['cache-control']).toBe('no-cache')
  })

  test('a missing asset is a 404', async () => {
    expect((await server.request('/js/missing.js')).status).toBe(404)
  })
})

describe('a build precompressed at maximum (scripts/precompress.ts)', () => {
  let testDb: TestDatabase
  let staticDir: string
  let server: TestServer

  beforeAll(async () => {
    testDb = await sqlite!.setup()
    staticDir = mkdtempSync(join(tmpdir(), 'gov-mini-h5-pre-'))
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>掌上政务</title>')
    mkdirSync(join(staticDir, 'js'))
    writeFileSync(join(staticDir, 'js', 'app.8ad23e5e.js'), BIG_SCRIPT)
    writeFileSync(join(staticDir, 'js', 'tiny.8ad23e5e.js'), 'console.log(1)')
    precompress(staticDir)
    server = await startApp({ config: testConfig({ ...testDb.env, STATIC_DIR: staticDir }), db: testDb.open() })
  })
  afterAll(async () => {
    await server.close()
    await testDb.cleanup()
    rmSync(staticDir, { recursive: true, force: true })
  })

  test('is sent as written, cached by the file it encodes; gzip and plain still work', async () => {
    const br = await rawGet(server.baseUrl + '/js/app.8ad23e5e.js', 'gzip, deflate, br')
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    expect(br.headers['content-type']).toMatch(/javascript/)
    expect(br.headers['cache-control']).toBe(HASHED_CACHE_CONTROL)
    expect(br.body.equals(readFileSync(join(staticDir, 'js', 'app.8ad23e5e.js.br')))).toBe(true)
    expect(br.body.length).toBeLessThan(BIG_SCRIPT.length / 5)
    const gzip = await rawGet(server.baseUrl + '/js/app.8ad23e5e.js', 'gzip')
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body).toString()).toBe(BIG_SCRIPT)
    const plain = await rawGet(server.baseUrl + '/js/app.8ad23e5e.js', undefined)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(BIG_SCRIPT)
    // A file too small to be worth a copy has none: the on-the-fly compressor handles it.
    expect(existsSync(join(staticDir, 'js', 'tiny.8ad23e5e.js.br'))).toBe(false)
    const tiny = await rawGet(server.baseUrl + '/js/tiny.8ad23e5e.js', 'br')
    expect((tiny.headers['content-encoding'] === 'br' ? brotliDecompressSync(tiny.body) : tiny.body).toString()).toBe('console.log(1)')
  })

  test('index.html at / and by name, revalidated, whatever the client accepts', async () => {
    for (const encoding of ['gzip, deflate, br', 'gzip', undefined]) {
      for (const path of ['/', '/index.html']) {
        const response = await rawGet(server.baseUrl + path, encoding)
        expect({ path, encoding, status: response.status, cache: response.headers['cache-control'] }).toEqual({ path, encoding, status: 200, cache: 'no-cache' })
        const body = response.headers['content-encoding'] === 'br' ? brotliDecompressSync(response.body) : response.headers['content-encoding'] === 'gzip' ? gunzipSync(response.body) : response.body
        expect(body.toString()).toContain('掌上政务')
      }
    }
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
