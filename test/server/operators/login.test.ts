import { createAuditLog } from '../../../server/audit/audit-log'
import { createOperatorsContext } from '../../../server/operators/context'
import { loginOperator } from '../../../server/operators/login'
import { scryptHasher, type PasswordHasher } from '../../../server/operators/passwords'
import { dialects, testConfig, type TestDatabase } from '../../support/dialects'
import { auditRows, MINUTE, startIdentityApp, type IdentityApp } from '../../support/identity'
import { createTestOperator, operatorLogin, tokenOf, TEST_OPERATOR_PASSWORD, type TestOperator } from '../../support/operators'

/** Lockout made small here (3 failures, 10 minutes) to show the settings are read. */
const LOCKOUT_ENV = { OPERATOR_LOCKOUT_ATTEMPTS: '3', OPERATOR_LOCKOUT_MINUTES: '10' }

test('lockout defaults: 5 consecutive failures lock for 15 minutes; operator sessions idle out sooner than citizens', () => {
  const config = testConfig({})
  expect(config).toMatchObject({ operatorLockoutAttempts: 5, operatorLockoutMinutes: 15, operatorSessionIdleMinutes: 15, operatorSessionAbsoluteHours: 8 })
  expect(config.operatorSessionIdleMinutes).toBeLessThan(config.sessionIdleMinutes)
})

describe.each(dialects())('operator login on $name', (dialect) => {
  let testDb: TestDatabase
  let app: IdentityApp
  const login = (username: string, password: string) => app.request('/api/operator/login', { method: 'POST', payload: { username, password } })
  const fresh = (roles: Parameters<typeof createTestOperator>[1] = ['content_editor']) => createTestOperator(app.server.app, roles)
  const rowOf = (operator: TestOperator) => app.db.selectFrom('operators').selectAll().where('id', '=', operator.id).executeTakeFirstOrThrow()

  beforeAll(async () => {
    testDb = await dialect.setup()
    app = await startIdentityApp(testDb, { env: LOCKOUT_ENV })
  })
  afterAll(async () => {
    await app.close()
    await testDb.cleanup()
  })

  test('the right password opens a session: token, expiry, the operator and roles; login time recorded and audited', async () => {
    const operator = await createTestOperator(app.server.app, ['reviewer', 'content_editor'], { displayName: '王审核' })
    const response = await login(operator.username.toUpperCase(), operator.password)
    expect(response.status).toBe(201)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.body).toEqual({
      token: expect.stringMatching(/^op\.[A-Za-z0-9_-]{43}$/),
      expiresAt: new Date(app.clock().getTime() + 8 * 60 * MINUTE).toISOString(),
      operator: { id: operator.id, username: operator.username, displayName: '王审核', roles: ['content_editor', 'reviewer'] },
    })
    expect((await app.request('/api/operator/me', { token: response.body.token })).body).toEqual(response.body.operator)
    expect((await rowOf(operator)).last_login_at).toBe(app.clock().toISOString())
    const [entry] = (await auditRows(app.db, 'operator.login')).slice(-1)
    expect(entry).toMatchObject({ outcome: 'success', operator_id: operator.id, account_id: null, ip: '127.0.0.1' })
  })

  test('an unknown username and a wrong password get the same answer; both are audited, only the known one with its id', async () => {
    const operator = await fresh()
    const unknown = await login('nobody-here', TEST_OPERATOR_PASSWORD)
    const wrong = await login(operator.username, 'not-the-password-at-all')
    expect(unknown.status).toBe(401)
    expect(wrong.status).toBe(401)
    expect(unknown.body).toEqual(wrong.body)
    expect(wrong.body.error).toEqual({ code: 'OPERATOR_LOGIN_FAILED', message: '用户名或密码错误，请核对后重试' })
    const [first, second] = (await auditRows(app.db, 'operator.login')).slice(-2)
    expect(first).toMatchObject({ outcome: 'failure', operator_id: null, detail: { reason: 'unknown_username' } })
    expect(second).toMatchObject({ outcome: 'failure', operator_id: operator.id, detail: { reason: 'wrong_password' } })
    // The attempted name of an unknown account is not recorded (it may be a mistyped password).
    expect(JSON.stringify(first)).not.toContain('nobody-here')
  })

  test('an unknown username costs a full scrypt verification, as a wrong password does', async () => {
    const calls: string[] = []
    const counting: PasswordHasher = {
      hash: scryptHasher.hash,
      verify: async (password, stored) => (calls.push('verify'), scryptHasher.verify(password, stored)),
      verifyNobody: async (password) => (calls.push('verifyNobody'), scryptHasher.verifyNobody(password)),
    }
    const context = createOperatorsContext({ config: testDb.config, db: app.db, redis: null, clock: app.clock, audit: createAuditLog(app.db, app.clock), passwords: counting })
    const operator = await fresh()
    const timed = async (username: string) => {
      const started = process.hrtime.bigint()
      await expect(loginOperator(context, { username, password: 'wrong-password-123' }, { ip: '127.0.0.1' })).rejects.toMatchObject({ code: 'OPERATOR_LOGIN_FAILED' })
      return Number(process.hrtime.bigint() - started) / 1e6
    }
    await timed('no-such-operator') // warms the dummy hash up
    calls.length = 0
    const unknownMs = await timed('no-such-operator')
    const knownMs = await timed(operator.username)
    expect(calls).toEqual(['verifyNobody', 'verify'])
    // Both ran scrypt with N = 2^15 (tens of milliseconds); a skipped hash would be ~1 ms.
    expect(unknownMs).toBeGreaterThan(knownMs / 4)
    expect(unknownMs).toBeGreaterThan(10)
  })

  test('the failure that reaches OPERATOR_LOCKOUT_ATTEMPTS locks the account: 429 OPERATOR_LOCKED even with the right password, until the window passes', async () => {
    const operator = await fresh()
    expect((await login(operator.username, 'wrong-password-1')).status).toBe(401)
    expect((await login(operator.username, 'wrong-password-2')).status).toBe(401)
    const third = await login(operator.username, 'wrong-password-3')
    expect(third.status).toBe(429)
    expect(third.body.error).toEqual({ code: 'OPERATOR_LOCKED', message: '连续登录失败次数过多，账号已暂时锁定，请 10 分钟后再试或联系管理员解锁' })
    expect(third.headers.get('retry-after')).toBe('600')
    expect((await rowOf(operator)).locked_until).toBe(new Date(app.clock().getTime() + 10 * MINUTE).toISOString())

    app.clock.advance(9 * MINUTE)
    const stillLocked = await login(operator.username, operator.password)
    expect(stillLocked.status).toBe(429)
    expect(stillLocked.headers.get('retry-after')).toBe('60')
    expect(stillLocked.body.error.message).toContain('请 1 分钟后再试')

    app.clock.advance(MINUTE)
    expect((await login(operator.username, operator.password)).status).toBe(201)
    expect(await rowOf(operator)).toMatchObject({ failed_attempts: 0, locked_until: null })
    const reasons = (await auditRows(app.db, 'operator.login')).filter((row) => row.operator_id === operator.id).map((row) => row.detail?.reason ?? row.outcome)
    expect(reasons).toEqual(['wrong_password', 'wrong_password', 'wrong_password', 'locked', 'success'])
  })

  test('failures count only while consecutive: a success in between starts the count again', async () => {
    const operator = await fresh()
    for (let round = 0; round < 3; round += 1) {
      expect((await login(operator.username, 'wrong-password-1')).status).toBe(401)
      expect((await login(operator.username, 'wrong-password-2')).status).toBe(401)
      expect((await login(operator.username, operator.password)).status).toBe(201)
    }
    expect((await rowOf(operator)).locked_until).toBeNull()
  })

  test('after a lockout expires the count starts from zero: one more failure does not lock again', async () => {
    const operator = await fresh()
    for (const attempt of [1, 2, 3]) await login(operator.username, `wrong-password-${attempt}`)
    app.clock.advance(10 * MINUTE)
    expect((await login(operator.username, 'wrong-password-4')).status).toBe(401)
    expect((await login(operator.username, operator.password)).status).toBe(201)
  })

  test('an admin can end a lockout at once (audited)', async () => {
    const operator = await fresh()
    const admin = await tokenOf(app.server.app, await fresh(['admin']))
    for (const attempt of [1, 2, 3]) await login(operator.username, `wrong-password-${attempt}`)
    expect((await login(operator.username, operator.password)).status).toBe(429)
    const unlocked = await app.request(`/api/operator/operators/${operator.id}/unlock`, { method: 'POST', token: admin })
    expect(unlocked.status).toBe(200)
    expect(unlocked.body).toMatchObject({ id: operator.id, lockedUntil: null })
    expect((await login(operator.username, operator.password)).status).toBe(201)
    const [entry] = (await auditRows(app.db, 'operator.unlock')).slice(-1)
    expect(entry).toMatchObject({ outcome: 'success', detail: { targetOperatorId: operator.id } })
  })

  test('a disabled operator cannot log in: 403 OPERATOR_DISABLED with the right password, the plain 401 (uncounted) with a wrong one', async () => {
    const operator = await fresh()
    const token = await tokenOf(app.server.app, operator)
    await app.db.updateTable('operators').set({ disabled_at: app.clock().toISOString() }).where('id', '=', operator.id).execute()
    const right = await login(operator.username, operator.password)
    expect(right.status).toBe(403)
    expect(right.body.error.code).toBe('OPERATOR_DISABLED')
    for (const attempt of [1, 2, 3, 4]) expect((await login(operator.username, `wrong-password-${attempt}`)).body.error.code).toBe('OPERATOR_LOGIN_FAILED')
    expect((await rowOf(operator)).failed_attempts).toBe(0)
    // A session opened before the account was disabled no longer works either.
    expect((await app.request('/api/operator/me', { token })).status).toBe(401)
  })

  test('bad input is 400 naming the field; an oversized password is refused before any hashing', async () => {
    const missing = await app.request('/api/operator/login', { method: 'POST', payload: { username: 'someone' } })
    expect(missing.status).toBe(400)
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.password' })
    const huge = await login('someone', 'x'.repeat(10_000))
    expect(huge.status).toBe(400)
    expect(huge.body.error).toMatchObject({ field: 'body.password', rule: expect.stringContaining('maxLength') })
  })
})

describe.each(dialects())('operator login rate limit on $name', (dialect) => {
  let testDb: TestDatabase
  let app: IdentityApp

  beforeAll(async () => {
    testDb = await dialect.setup()
    app = await startIdentityApp(testDb, { env: { RATE_LIMIT_LOGIN: '3/1m' } })
  })
  afterAll(async () => {
    await app.close()
    await testDb.cleanup()
  })

  test('logins are limited per client IP (RATE_LIMIT_LOGIN), on a counter apart from citizen logins', async () => {
    const operator = await createTestOperator(app.server.app, ['reviewer'])
    const server = app.server.app
    for (const attempt of [1, 2, 3]) expect((await operatorLogin(server, 'guess', `guess-number-${attempt}`, '10.1.1.1')).statusCode).toBe(401)
    const limited = await operatorLogin(server, operator.username, operator.password, '10.1.1.1')
    expect(limited.statusCode).toBe(429)
    expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } })
    expect(limited.headers['retry-after']).toMatch(/^\d+$/)
    // Another address is not affected, and citizens' logins from the limited one neither.
    expect((await operatorLogin(server, operator.username, operator.password, '10.1.1.2')).statusCode).toBe(201)
    const citizen = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { platform: 'weapp', code: 'ok:wx-1' }, remoteAddress: '10.1.1.1' })
    expect(citizen.statusCode).toBe(201)
  })
})
