import { dialects } from '../support/dialects'
import { useDialectApp, useDialectApps } from '../support/dialect-app'
import { auditRows, startIdentityApp, zhangWei, type IdentityApp } from '../support/identity'
import { createTestOperator } from '../support/operators'
import { citizenSession } from '../support/social-security'

/**
 * How the server is reached, as configured rather than as a request claims:
 *   PUBLIC_ORIGIN – links the server prints (a proof's verifyUrl) are on it, whatever Host
 *                   header (markup included) the request carried;
 *   TRUST_PROXY   – only behind a configured proxy is X-Forwarded-For the client's address,
 *                   e.g. for the per-IP login rate limit; unset, the header is ignored.
 */
describe.each(dialects())('PUBLIC_ORIGIN on $name', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, { env: { PUBLIC_ORIGIN: 'https://gov.example.cn', RATE_LIMIT_SOCIAL_PROOF: '1000/1m' } }))
  let token: string

  beforeAll(async () => {
    token = await citizenSession(app, 'wx-origin-zhang', zhangWei)
  })

  test.each([
    ['a hostile Host header', { host: 'evil.example"><script>alert(1)</script>' }],
    ['forwarded host and scheme (no proxy is trusted)', { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' }],
  ])("with %s, a proof's verifyUrl is on the configured origin", async (_case, headers) => {
    const response = await app.server.app.inject({
      method: 'POST',
      url: '/api/social-security/proofs',
      headers: { ...headers, authorization: `Bearer ${token}` },
      payload: { from: '2024-01', to: '2024-06' },
    })
    expect(response.statusCode).toBe(201)
    const proof = response.json() as { code: string; verifyUrl: string }
    expect(proof.verifyUrl).toBe(`https://gov.example.cn/api/social-security/proofs/${proof.code}`)
    expect(response.body).not.toContain('evil.example')
  })
})

describe.each(dialects())('TRUST_PROXY on $name', (dialect) => {
  const { apps: { behindProxy, direct } } = useDialectApps(dialect, {
    behindProxy: (testDb) => startIdentityApp(testDb, { env: { TRUST_PROXY: '1', RATE_LIMIT_LOGIN: '2/1m' } }),
    direct: (testDb) => startIdentityApp(testDb, { env: { RATE_LIMIT_LOGIN: '2/1m' } }),
  })

  /** A citizen login arriving from the load balancer (127.0.0.1), claiming to be for `forwardedFor`. */
  const login = (app: IdentityApp, forwardedFor: string, subject: string) =>
    app.server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { platform: 'weapp', code: `ok:${subject}` },
    })

  test("TRUST_PROXY=1: the login rate limit counts per client address from X-Forwarded-For, the proxy's own entry (the last) only", async () => {
    expect((await login(behindProxy, '203.0.113.5', 'wx-proxy-1')).statusCode).toBe(201)
    expect((await login(behindProxy, '203.0.113.5', 'wx-proxy-2')).statusCode).toBe(201)
    expect((await login(behindProxy, '203.0.113.5', 'wx-proxy-3')).statusCode).toBe(429)
    // Another citizen behind the same load balancer is not limited with them.
    expect((await login(behindProxy, '203.0.113.6', 'wx-proxy-4')).statusCode).toBe(201)
    // A client cannot get a fresh counter by prepending an address of its choosing.
    expect((await login(behindProxy, '198.51.100.9, 203.0.113.5', 'wx-proxy-5')).statusCode).toBe(429)
  })

  test('TRUST_PROXY=1: the audit log records the client address', async () => {
    const operator = await createTestOperator(behindProxy.server.app, ['reviewer'])
    const response = await behindProxy.server.app.inject({
      method: 'POST',
      url: '/api/operator/login',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.77' },
      payload: { username: operator.username, password: operator.password },
    })
    expect(response.statusCode).toBe(201)
    const [entry] = (await auditRows(behindProxy.db, 'operator.login')).filter((row) => row.operator_id === operator.id)
    expect(entry?.ip).toBe('203.0.113.77')
  })

  test('unset: X-Forwarded-For is ignored, every request counts for the address it came from', async () => {
    expect((await login(direct, '203.0.113.10', 'wx-direct-1')).statusCode).toBe(201)
    expect((await login(direct, '203.0.113.11', 'wx-direct-2')).statusCode).toBe(201)
    const limited = await login(direct, '203.0.113.12', 'wx-direct-3')
    expect(limited.statusCode).toBe(429)
    expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } })
  })
})
