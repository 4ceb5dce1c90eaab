import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rawRequest, type TestResponse, type TestServer } from '../support/http'
import { dialects, testConfig, type TestDatabase } from '../support/dialects'
import { startApp } from '../support/server-app'

/**
 * Security headers on every response (server/plugins/security-headers.ts): the API set on JSON
 * answers, the document set on the H5 preview's index.html and its assets and on the /api/ routes
 * that answer files, on errors, and on the answers written before any hook
 * (a malformed URL, an HTTP parser error). HSTS only with NODE_ENV=production. That the H5
 * build works under the CSP is proven in Chromium: the e2e suites fail on any violation.
 */
const [sqlite] = dialects()

/** The set for what a browser renders: helmet's, with the CSP the H5 build needs. */
function expectDocumentHeaders(response: Pick<TestResponse, 'headers'>, production = false): void {
  const csp = response.headers.get('content-security-policy') ?? ''
  expect(csp).toContain("default-src 'self'")
  expect(csp).toContain("script-src 'self'")
  expect(csp).toContain("object-src 'none'")
  expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin')
  expectCommonHeaders(response, production)
}

/** The set for JSON answers (OWASP REST): nothing may load or frame anything; no document-only headers. */
function expectApiHeaders(response: Pick<TestResponse, 'headers'>, production = false): void {
  const csp = response.headers.get('content-security-policy') ?? ''
  expect(csp).toMatch(/^default-src 'none'; frame-ancestors 'none'/)
  for (const documentOnly of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options']) {
    expect([documentOnly, response.headers.get(documentOnly)]).toEqual([documentOnly, null])
  }
  expectCommonHeaders(response, production)
}

function expectCommonHeaders(response: Pick<TestResponse, 'headers'>, production: boolean): void {
  const csp = response.headers.get('content-security-policy') ?? ''
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).not.toContain('unsafe-eval')
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
  expect(response.headers.get('x-frame-options')).toBe('DENY')
  expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  expect(response.headers.get('referrer-policy')).toBe('no-referrer')
  expect(response.headers.get('cross-origin-resource-policy')).toBe('same-site')
  if (production) {
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    expect(csp).toContain('upgrade-insecure-requests')
  } else {
    expect(response.headers.get('strict-transport-security')).toBeNull()
    expect(csp).not.toContain('upgrade-insecure-requests')
  }
}

describe.each([false, true])('security headers (production: %s)', (production) => {
  let testDb: TestDatabase
  let staticDir: string
  let server: TestServer

  beforeAll(async () => {
    testDb = await sqlite!.setup()
    staticDir = mkdtempSync(join(tmpdir(), 'gov-mini-h5-'))
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>掌上政务</title><script defer src="/js/app.js"></script>')
    mkdirSync(join(staticDir, 'js'))
    writeFileSync(join(staticDir, 'js', 'app.js'), 'console.log("h5")')
    const config = testConfig({ ...testDb.env, STATIC_DIR: staticDir, RATE_LIMIT_SOCIAL_PROOF: '2/1m' })
    server = await startApp({ config: { ...config, nodeEnv: production ? 'production' : 'test' }, db: testDb.open() })
  })
  afterAll(async () => {
    await server?.close()
    await testDb?.cleanup()
    rmSync(staticDir, { recursive: true, force: true })
  })

  test('the API set on a JSON answer, the document set on index.html and a static asset', async () => {
    const api = await server.request('/api/notices')
    expect(api.status).toBe(200)
    expectApiHeaders(api, production)
    const index = await server.request('/')
    expect([index.status, index.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/html/)])
    expectDocumentHeaders(index, production)
    const asset = await server.request('/js/app.js')
    expect(asset.status).toBe(200)
    expectDocumentHeaders(asset, production)
  })

  test('an /api/ route that answers a document (a file, a PDF) gets the document set, even when it refuses', async () => {
    for (const path of [`/api/files/00000000-0000-4000-8000-000000000000?exp=1&by=a.x12&sig=${'A'.repeat(43)}`, `/api/results/00000000-0000-4000-8000-000000000000/pdf?e=1&s=${'A'.repeat(43)}`]) {
      const response = await server.request(path)
      // Refused (no such file, a made-up link): no file, but still the headers of the document it would have been.
      expect([path, response.status >= 400 && response.status < 500]).toEqual([path, true])
      expectDocumentHeaders(response, production)
    }
  })

  test('the public proof page is a document, its own 429 page included (the swap comes before the route rate limit)', async () => {
    const statuses: number[] = []
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await server.request('/api/social-security/proofs/ABCD2345EFGH', { headers: { accept: 'text/html' } })
      statuses.push(response.status)
      // The document set, with the page's own stricter CSP (its one inline style by hash), never the bare API CSP that would unstyle it.
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin')
      expect(response.headers.get('content-security-policy')).toMatch(/style-src '(self|sha256-)/)
      expect([response.headers.get('x-frame-options'), response.headers.get('x-content-type-options')]).toEqual(['DENY', 'nosniff'])
      expect(response.headers.get('strict-transport-security')).toBe(production ? 'max-age=31536000; includeSubDomains' : null)
    }
    expect(statuses.at(-1)).toBe(429)
    expect(statuses.slice(0, 2).every((status) => status >= 400 && status < 500 && status !== 429)).toBe(true)
  })

  test('on errors: 404, 401, 400 from validation and from a malformed URL (before routing)', async () => {
    for (const [path, status, kind] of [
      ['/api/nope', 404, 'api'],
      ['/js/missing.js', 404, 'document'],
      ['/api/me', 401, 'api'],
      ['/api/notices?limit=999', 400, 'api'],
      ['/api/notices/%E0%A4%A', 400, 'api'],
      ['/console/%E0%A4%A', 400, 'document'],
    ] as const) {
      const response = await server.request(path)
      expect([path, response.status]).toEqual([path, status])
      if (kind === 'api') expectApiHeaders(response, production)
      else expectDocumentHeaders(response, production)
    }
  })

  test('on an HTTP parser error (request header too large), written without any hook', async () => {
    const response = await rawRequest(server.baseUrl, `GET /api/notices HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
    expect(response.status).toBe(431)
    expectApiHeaders(response, production)
  })
})
