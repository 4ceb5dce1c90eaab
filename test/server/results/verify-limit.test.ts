/**
 * The public verification page is limited per client IP (RATE_LIMIT_SOCIAL_PROOF, shared with
 * the 参保证明 check): past the limit a phone's browser gets a page in words with 429 and
 * retry-after, not a JSON error; another IP is not affected.
 */
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { startApplicationsApp } from '../applications/harness'

const BROWSER = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }

describe.each(dialects())('results: the verification page is rate-limited per IP on $name', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) => startApplicationsApp(testDb, { RATE_LIMIT_SOCIAL_PROOF: '3/1m', TRUST_PROXY: '127.0.0.1' }))

  test('the fourth check a minute from one IP is refused in words; another IP still checks', async () => {
    const from = (ip: string) => ({ ...BROWSER, 'x-forwarded-for': ip })
    for (let attempt = 0; attempt < 3; attempt++) expect((await app.request('/verify/ZZZZ-ZZZZ-ZZZZ', { headers: from('203.0.113.7') })).status).toBe(404)
    const limited = await app.request('/verify/ZZZZ-ZZZZ-ZZZZ', { headers: from('203.0.113.7') })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(limited.headers.get('content-type')).toContain('text/html')
    expect(limited.text).toContain('查询过于频繁')
    expect((await app.request('/verify/ZZZZ-ZZZZ-ZZZZ', { headers: from('198.51.100.9') })).status).toBe(404)
  })
})
