import { loadConfig } from '../../../server/config'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { getCode, provenSession, verifierSession, verify } from '../../support/health-code'
import { liNa, startIdentityApp } from '../../support/identity'

/** POST /api/health-code/verify is limited per verifier account (RATE_LIMIT_HEALTH_CODE_VERIFY). */
describe.each(dialects())('health code verification rate limit on $name', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, { sandbox: true, env: { RATE_LIMIT_HEALTH_CODE_VERIFY: '3/1m' } }))

  test('the 4th verification in a minute by one verifier is 429 RATE_LIMITED with retry-after; the code itself is still served', async () => {
    const citizen = await provenSession(app, 'wx-li-na', liNa)
    const verifier = await verifierSession(app)
    const { token } = (await getCode(app, citizen)).body as { token: string }
    for (let attempt = 1; attempt <= 3; attempt++) {
      const response = await verify(app, verifier, token)
      expect(response.status).toBe(200)
      expect(response.body).toMatchObject({ valid: true })
    }
    const refused = await verify(app, verifier, token)
    expect(refused.status).toBe(429)
    expect(refused.body).toMatchObject({ error: { code: 'RATE_LIMITED' } })
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await getCode(app, citizen)).status).toBe(200)
  })
})

describe('RATE_LIMIT_HEALTH_CODE_VERIFY', () => {
  test('defaults to 120 per minute; a bad value is refused at start naming the variable', () => {
    expect(loadConfig({}).rateLimitHealthCodeVerify).toEqual({ max: 120, windowMs: 60_000 })
    expect(() => loadConfig({ RATE_LIMIT_HEALTH_CODE_VERIFY: 'lots' })).toThrow(/RATE_LIMIT_HEALTH_CODE_VERIFY/)
  })

  test('HOT_CACHE_MS: 0-5000, unset by default (the mode decides), a bad value refused', () => {
    expect(loadConfig({}).hotCacheMs).toBeUndefined()
    expect(loadConfig({ HOT_CACHE_MS: '0' }).hotCacheMs).toBe(0)
    expect(() => loadConfig({ HOT_CACHE_MS: '9000' })).toThrow(/HOT_CACHE_MS/)
  })
})
