import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { getCode, provenSession, payloadOf, verifierSession, verify } from '../../support/health-code'
import { liNa, startIdentityApp, zhangWei } from '../../support/identity'
import { memorySessionStore } from '../../support/memory-session-store'
import { captureLogs } from '../../support/server-app'

/**
 * The database goes down while citizens are at the gate. Sessions must outlive it: in Redis
 * when REDIS_URL is set (the production setup), otherwise in an in-process store injected
 * here; either way the health status comes from the cache (Redis, or this process).
 */
describe.each(dialects())('health code with the database down on $name', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, {
    sandbox: true,
    logger: logs.logger,
    // The in-process copies (HOT_CACHE_MS) would answer the first seconds of the outage as 'live': this is about the outage cache.
    env: { HOT_CACHE_MS: '0' },
    ...(process.env.REDIS_URL ? {} : { sessionStore: memorySessionStore() }),
  }))
  const logs = captureLogs()

  test('a citizen seen before still gets a code (source cache) that verifies; one never seen gets 503 with retry-after', async () => {
    // While the database is up: 张伟 shows his code (cached on the way), 李娜 only verifies
    // her real name (her account is known, her status never read), the verifier checks once.
    const seen = await provenSession(app, 'wx-zhang', zhangWei)
    const live = (await getCode(app, seen)).body
    expect(live).toMatchObject({ source: 'live', colour: 'green' })
    const unseen = await provenSession(app, 'wx-li-na', liNa)
    expect((await app.request('/api/me', { token: unseen })).body.level).toBe(4)
    const verifier = await verifierSession(app)
    expect((await verify(app, verifier, live.token)).body.valid).toBe(true)

    await app.db.destroy()
    expect((await app.request('/api/ready')).status).toBe(503)

    const cached = await getCode(app, seen)
    expect(cached.status).toBe(200)
    expect(cached.body).toMatchObject({ source: 'cache', colour: 'green', reason: '未见异常', name: '张*', statusSince: live.statusSince })
    expect(payloadOf(cached.body.token).sv).toBe(payloadOf(live.token).sv)

    const checked = await verify(app, verifier, cached.body.token)
    expect(checked.status).toBe(200)
    expect(checked.body).toEqual({ valid: true, colour: 'green', name: '张*', issuedAt: cached.body.issuedAt, expiresAt: cached.body.expiresAt })
    // The audit log lives in the database: the entry goes to the error log instead, whole.
    const fallback = logs.lines().find((line) => line.msg === 'audit entry not stored (database unavailable); logged here instead')
    expect(fallback).toMatchObject({ level: 50, audit: { event: 'health_code.verify', outcome: 'success', detail: { colour: 'green', statusFrom: 'cache' } } })
    expect(JSON.stringify(fallback)).not.toContain(cached.body.token)

    const unavailable = await getCode(app, unseen)
    expect(unavailable.status).toBe(503)
    expect(unavailable.headers.get('retry-after')).toBe('30')
    expect(unavailable.body.error).toEqual({ code: 'SERVICE_UNAVAILABLE', message: '健康码服务暂时不可用，请稍后再试' })
  })
})
