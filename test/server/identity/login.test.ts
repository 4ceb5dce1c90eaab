import { createHash } from 'node:crypto'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, MINUTE, startIdentityApp } from '../../support/identity'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe.each(dialects())('login and sessions on $name', (dialect) => {
  const { app: identity } = useDialectApp(dialect, startIdentityApp)

  const me = (token?: string) => identity.request('/api/me', { token })

  test('a first login creates a level-1 account and a session', async () => {
    const response = await identity.request('/api/auth/login', { method: 'POST', payload: { platform: 'weapp', code: 'ok:wx-first' } })
    expect(response.status).toBe(201)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const { token, expiresAt, profile } = response.body
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/) // 256 bits, base64url
    expect(Date.parse(expiresAt) - identity.clock().getTime()).toBe(12 * 60 * MINUTE)
    expect(profile).toEqual({ accountId: expect.any(String), platform: 'weapp', level: 1, roles: [] })

    const account = await identity.db.selectFrom('platform_accounts').selectAll().where('id', '=', profile.accountId).executeTakeFirstOrThrow()
    expect(account).toMatchObject({ platform: 'weapp', subject: 'wx-first', level: 1, citizen_id: null })
    expect((await me(token)).body).toEqual(profile)
  })

  test('logging in again reaches the same account with a new session', async () => {
    const first = await identity.login('alipay', '2088-again')
    const second = await identity.login('alipay', '2088-again')
    expect(second).not.toBe(first)
    expect((await me(first)).body.accountId).toBe((await me(second)).body.accountId)
  })

  test('the raw token is never stored, only its SHA-256', async () => {
    const token = await identity.login('weapp', 'wx-hashed')
    if (identity.redis) {
      const { redis, prefix } = identity.redis
      const keys = await redis.keys(`${prefix}session:*`)
      expect(keys).toContain(`${prefix}session:${sha256(token)}`)
      for (const key of keys) {
        expect(key).not.toContain(token)
        expect(JSON.stringify(await redis.hgetall(key))).not.toContain(token)
      }
    } else {
      const rows = await identity.db.selectFrom('sessions').selectAll().execute()
      expect(rows.map((row) => row.token_hash)).toContain(sha256(token))
      expect(JSON.stringify(rows)).not.toContain(token)
    }
  })

  test.each([
    ['no Authorization header', undefined],
    ['a token nobody issued', 'A'.repeat(43)],
    ['something that is not a token', 'not a token'],
  ])('%s is 401 UNAUTHENTICATED', async (_case, token) => {
    const response = await identity.request('/api/me', token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } })
    expect(response.status).toBe(401)
    expect(response.body.error.code).toBe('UNAUTHENTICATED')
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
  })

  test('a session used within the idle timeout stays alive; 30 idle minutes end it', async () => {
    const token = await identity.login('weapp', 'wx-idle')
    identity.clock.advance(29 * MINUTE)
    expect((await me(token)).status).toBe(200)
    identity.clock.advance(29 * MINUTE) // 58 minutes after login, 29 after the last use
    expect((await me(token)).status).toBe(200)
    identity.clock.advance(30 * MINUTE)
    expect((await me(token)).status).toBe(401)
    // Expired sessions are gone, not just refused.
    identity.clock.advance(-30 * MINUTE)
    expect((await me(token)).status).toBe(401)
  })

  test('12 hours after login the session ends however busy it is', async () => {
    const token = await identity.login('weapp', 'wx-absolute')
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      identity.clock.advance(20 * MINUTE)
      expect((await me(token)).status).toBe(200)
    }
    identity.clock.advance(20 * MINUTE)
    const response = await me(token)
    expect(response.status).toBe(401)
    expect(response.body.error.code).toBe('UNAUTHENTICATED')
  })

  test('logout revokes the session (204) and stays 204 when repeated', async () => {
    const token = await identity.login('alipay', '2088-logout')
    const other = await identity.login('alipay', '2088-logout')
    const logout = await identity.request('/api/auth/logout', { method: 'POST', token })
    expect(logout.status).toBe(204)
    expect(logout.text).toBe('')
    expect((await me(token)).status).toBe(401)
    expect((await identity.request('/api/auth/logout', { method: 'POST', token })).status).toBe(204)
    // Only that session: the same account's other session lives on.
    expect((await me(other)).status).toBe(200)
    expect((await identity.request('/api/auth/logout', { method: 'POST' })).status).toBe(401)
  })

  test.each([
    ['weapp', 'nonsense', 401, 'LOGIN_CODE_INVALID'],
    ['alipay', 'used:abc', 401, 'LOGIN_CODE_USED'],
    ['h5dev', 'sandbox:zhang-wei', 403, 'SANDBOX_DISABLED'],
  ])('a refused %s login (%s) is %i %s and audited as a failure', async (platform, code, status, errorCode) => {
    const response = await identity.request('/api/auth/login', { method: 'POST', payload: { platform, code } })
    expect(response.status).toBe(status)
    expect(response.body.error.code).toBe(errorCode)
    const failures = (await auditRows(identity.db, 'auth.login')).filter((row) => row.outcome === 'failure')
    expect(failures.at(-1)).toMatchObject({ account_id: null, ip: '127.0.0.1', detail: { platform } })
    expect(JSON.stringify(failures)).not.toContain(code) // codes are credentials too
  })

  test('logins are audited with account and platform', async () => {
    const token = await identity.login('weapp', 'wx-audited')
    const { accountId } = (await me(token)).body
    const logins = await auditRows(identity.db, 'auth.login')
    expect(logins.filter((row) => row.account_id === accountId)).toEqual([
      expect.objectContaining({ outcome: 'success', ip: '127.0.0.1', detail: { platform: 'weapp', level: 1 } }),
    ])
  })

  test.each([
    [{ platform: 'qq', code: 'ok:x' }, 'body.platform'],
    [{ platform: 'weapp' }, 'body.code'],
    [{ platform: 'weapp', code: '' }, 'body.code'],
  ])('login body %j is 400 naming %s', async (payload, field) => {
    const response = await identity.request('/api/auth/login', { method: 'POST', payload })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
  })
})
