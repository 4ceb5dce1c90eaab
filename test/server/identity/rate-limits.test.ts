import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { liNa, startIdentityApp } from '../../support/identity'

describe.each(dialects())('rate limits on $name', (dialect) => {
  const { app: identity } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, {
    env: { RATE_LIMIT_LOGIN: '4/1m', RATE_LIMIT_VERIFICATION: '2/10m', RATE_LIMIT_REVEAL: '2/1h' },
  }))

  function expectRateLimited(response: { status: number; headers: Headers; body: any }, maxSeconds: number): void {
    expect(response.status).toBe(429)
    expect(response.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^操作太频繁，请 \d+ 秒后再试$/) } })
    const retryAfter = Number(response.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(maxSeconds)
  }

  /** Two logged-in accounts for the per-account limits (logging in more would hit the IP limit). */
  const verifierTokens: string[] = []

  // Runs first: it needs the IP's whole login budget, and the later tests use its sessions.
  test('login: the 5th attempt within a minute from one IP is 429, failed or not', async () => {
    const token = await identity.login('weapp', 'wx-limit-a')
    const tokens = [token, await identity.login('weapp', 'wx-limit-b')]
    for (const code of ['nonsense', 'also-nonsense']) {
      expect((await identity.request('/api/auth/login', { method: 'POST', payload: { platform: 'weapp', code } })).status).toBe(401)
    }
    expectRateLimited(await identity.request('/api/auth/login', { method: 'POST', payload: { platform: 'weapp', code: 'ok:wx-limit-c' } }), 60)
    // The limit guards logging in, not using a session.
    for (const existing of tokens) expect((await identity.request('/api/me', { token: existing })).status).toBe(200)
    verifierTokens.push(...tokens)
  })

  test('verification: per account, the 3rd attempt in 10 minutes is 429; another account is unaffected', async () => {
    const [first, second] = verifierTokens as [string, string]
    const wrong = { name: '李四', idNumber: liNa.idNumber }
    expect((await identity.realName(first, wrong)).status).toBe(422)
    expect((await identity.realName(first, wrong)).status).toBe(422)
    // Even the right answer is refused now: guessing stops here.
    expectRateLimited(await identity.realName(first, liNa), 600)
    expect((await identity.realName(second, liNa)).status).toBe(200)
  })

  test('reveal: the 3rd reveal in an hour is 429', async () => {
    const [, second] = verifierTokens as [string, string]
    const reveal = () => identity.request('/api/me/reveal', { method: 'POST', token: second, payload: { field: 'phone' } })
    // Reveal needs a proven identity: the face step (the account's 2nd verification attempt in the window).
    expect((await identity.faceVerify(second)).status).toBe(200)
    expect((await reveal()).status).toBe(200)
    expect((await reveal()).status).toBe(200)
    expectRateLimited(await reveal(), 3600)
  })
})
