import { createAuditLog } from '../../../server/audit/audit-log'
import { createOperatorsContext } from '../../../server/operators/context'
import { loginOperator } from '../../../server/operators/login'
import { scryptHasher, type PasswordHasher } from '../../../server/operators/passwords'
import { dialects, testConfig } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, MINUTE, startIdentityApp } from '../../support/identity'
import { createTestOperator, operatorLogin, tokenOf, TEST_OPERATOR_PASSWORD, type TestOperator } from '../../support/operators'

/**
 * Throttling made small here (3 free attempts per username, waits capped at 5 s, counts
 * forgotten after 10 minutes) to show the settings are read. Per IP it is raised out of the
 * way (every request of this suite comes from 127.0.0.1); its own suite is below.
 */
const THROTTLE_ENV = {
  OPERATOR_LOGIN_FAILURES_PER_USERNAME: '3',
  OPERATOR_LOGIN_FAILURES_PER_IP: '10000',
  OPERATOR_LOGIN_MAX_DELAY_SECONDS: '5',
  OPERATOR_LOGIN_FAILURE_WINDOW_MINUTES: '10',
}
const SECOND = 1000

test('throttle defaults: 5 free attempts per username, 20 per IP, waits up to 5 minutes, counts kept 15 minutes; operator sessions idle out sooner than citizens', () => {
  const config = testConfig({})
  expect(config).toMatchObject({
    operatorLoginFailuresPerUsername: 5,
    operatorLoginFailuresPerIp: 20,
    operatorLoginMaxDelaySeconds: 300,
    operatorLoginFailureWindowMinutes: 15,
    operatorPasswordChangeFailures: 5,
    operatorSessionIdleMinutes: 15,
    operatorSessionAbsoluteHours: 8,
  })
  expect(config.operatorSessionIdleMinutes).toBeLessThan(config.sessionIdleMinutes)
})

describe.each(dialects())('operator login on $name', (dialect) => {
  const { app, testDb } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, { env: THROTTLE_ENV }))
  const login = (username: string, password: string) => app.request('/api/operator/login', { method: 'POST', payload: { username, password } })
  const fresh = (roles: Parameters<typeof createTestOperator>[1] = ['content_editor']) => createTestOperator(app.server.app, roles)
  const rowOf = (operator: TestOperator) => app.db.selectFrom('operators').selectAll().where('id', '=', operator.id).executeTakeFirstOrThrow()

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

  test('an existing and an unknown username get the same answers, attempt by attempt: 401s, then the same 429 with the same retry-after', async () => {
    const operator = await fresh()
    // Each attempt from an address of its own: only the per-username count is at work.
    const attempts = async (username: string) => {
      const answers = []
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const response = await operatorLogin(app.server.app, username, `wrong-password-${attempt}`)
        answers.push({ status: response.statusCode, body: response.json(), retryAfter: response.headers['retry-after'] ?? null })
      }
      return answers
    }
    const known = await attempts(operator.username)
    const unknown = await attempts('nobody-at-all')
    expect(unknown).toEqual(known)
    expect(known.map((answer) => answer.status)).toEqual([401, 401, 401, 429, 429])
    expect(known[3]).toEqual({ status: 429, body: { error: { code: 'OPERATOR_LOGIN_THROTTLED', message: '登录失败次数过多，请 1 秒后再试' } }, retryAfter: '1' })
    // Nothing about the account changed: no lock in its row.
    expect(await rowOf(operator)).toMatchObject({ failed_attempts: 0, locked_until: null })
    const reasons = (await auditRows(app.db, 'operator.login')).filter((row) => row.operator_id === operator.id).map((row) => row.detail?.reason)
    expect(reasons).toEqual(['wrong_password', 'wrong_password', 'wrong_password', 'throttled', 'throttled'])
  })

  test('past the free attempts each further one waits longer (1 s, 2 s, 4 s, capped at 5 s); attempts made sooner are not counted; the right password after a wait logs in', async () => {
    const operator = await fresh()
    const expectWait = async (seconds: number) => {
      // However often it is tried meanwhile, the wait stays what it was.
      for (let early = 0; early < 3; early += 1) {
        const refused = await login(operator.username, operator.password)
        expect(refused.status).toBe(429)
        expect(refused.headers.get('retry-after')).toBe(String(seconds))
        expect(refused.body.error).toEqual({ code: 'OPERATOR_LOGIN_THROTTLED', message: `登录失败次数过多，请 ${seconds} 秒后再试` })
      }
    }
    for (const attempt of [1, 2, 3]) expect((await login(operator.username, `wrong-password-${attempt}`)).status).toBe(401)
    await expectWait(1)
    for (const [waited, next] of [[1, 2], [2, 4], [4, 5], [5, 5]] as const) {
      app.clock.advance(waited * SECOND)
      expect((await login(operator.username, 'wrong-password-again')).status).toBe(401)
      await expectWait(next)
    }
    app.clock.advance(5 * SECOND)
    expect((await login(operator.username, operator.password)).status).toBe(201)
    // The success cleared the count: the free attempts are there again.
    for (const attempt of [1, 2]) expect((await login(operator.username, `wrong-password-${attempt}`)).status).toBe(401)
    expect((await login(operator.username, operator.password)).status).toBe(201)
  })

  test('the right password within the free attempts logs in; failures count only while consecutive', async () => {
    const operator = await fresh()
    for (let round = 0; round < 3; round += 1) {
      expect((await login(operator.username, 'wrong-password-1')).status).toBe(401)
      expect((await login(operator.username, 'wrong-password-2')).status).toBe(401)
      expect((await login(operator.username, operator.password)).status).toBe(201)
    }
  })

  test('counts are forgotten OPERATOR_LOGIN_FAILURE_WINDOW_MINUTES after the last attempt', async () => {
    const operator = await fresh()
    for (const attempt of [1, 2, 3]) await login(operator.username, `wrong-password-${attempt}`)
    expect((await login(operator.username, operator.password)).status).toBe(429)
    app.clock.advance(10 * MINUTE + SECOND)
    for (const attempt of [4, 5]) expect((await login(operator.username, `wrong-password-${attempt}`)).status).toBe(401)
    expect((await login(operator.username, operator.password)).status).toBe(201)
  })

  test('an admin sees the wait in the account list and can end it at once (audited)', async () => {
    const operator = await fresh()
    const admin = await tokenOf(app.server.app, await fresh(['admin']))
    const listed = async () => ((await app.request('/api/operator/operators', { token: admin })).body.items as { id: string; lockedUntil: string | null }[]).find((item) => item.id === operator.id)
    for (const attempt of [1, 2, 3]) await login(operator.username, `wrong-password-${attempt}`)
    expect((await login(operator.username, operator.password)).status).toBe(429)
    expect((await listed())?.lockedUntil).toBe(new Date(app.clock().getTime() + SECOND).toISOString())
    const unlocked = await app.request(`/api/operator/operators/${operator.id}/unlock`, { method: 'POST', token: admin })
    expect(unlocked.status).toBe(200)
    expect(unlocked.body).toMatchObject({ id: operator.id, lockedUntil: null })
    expect((await listed())?.lockedUntil).toBeNull()
    expect((await login(operator.username, operator.password)).status).toBe(201)
    const [entry] = (await auditRows(app.db, 'operator.unlock')).slice(-1)
    expect(entry).toMatchObject({ outcome: 'success', detail: { targetOperatorId: operator.id } })
  })

  test('an admin password reset ends the wait too', async () => {
    const operator = await fresh()
    const admin = await tokenOf(app.server.app, await fresh(['admin']))
    for (const attempt of [1, 2, 3]) await login(operator.username, `wrong-password-${attempt}`)
    const reset = await app.request(`/api/operator/operators/${operator.id}/password`, { method: 'POST', token: admin, payload: { newPassword: 'given-by-the-admin-2' } })
    expect(reset.status).toBe(200)
    expect(reset.body.lockedUntil).toBeNull()
    expect((await login(operator.username, 'given-by-the-admin-2')).status).toBe(201)
  })

  const sharedRedis = process.env.REDIS_URL ? test : test.skip
  sharedRedis('with Redis, every API node sees the same counts: failures on one node make the other wait', async () => {
    const operator = await fresh()
    const config = testConfig({ ...testDb.env, ...THROTTLE_ENV, REDIS_URL: process.env.REDIS_URL!, REDIS_KEY_PREFIX: app.redis!.prefix })
    const otherNode = createOperatorsContext({ config, db: app.db, redis: app.redis!.redis, clock: app.clock, audit: createAuditLog(app.db, app.clock) })
    for (const attempt of [1, 2, 3]) expect((await login(operator.username, `wrong-password-${attempt}`)).status).toBe(401)
    await expect(loginOperator(otherNode, { username: operator.username, password: operator.password }, { ip: '192.0.2.7' })).rejects.toMatchObject({
      code: 'OPERATOR_LOGIN_THROTTLED',
      retryAfterSeconds: 1,
    })
    app.clock.advance(SECOND)
    expect((await loginOperator(otherNode, { username: operator.username, password: operator.password }, { ip: '192.0.2.7' })).operator.id).toBe(operator.id)
  })

  test('a disabled operator cannot log in: 403 OPERATOR_DISABLED with the right password, the plain 401 with a wrong one', async () => {
    const operator = await fresh()
    const token = await tokenOf(app.server.app, operator)
    await app.db.updateTable('operators').set({ disabled_at: app.clock().toISOString() }).where('id', '=', operator.id).execute()
    const right = await login(operator.username, operator.password)
    expect(right.status).toBe(403)
    expect(right.body.error.code).toBe('OPERATOR_DISABLED')
    for (const attempt of [1, 2, 3]) expect((await login(operator.username, `wrong-password-${attempt}`)).body.error.code).toBe('OPERATOR_LOGIN_FAILED')
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
  const { app } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, { env: { RATE_LIMIT_LOGIN: '3/1m' } }))

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

describe.each(dialects())('operator login throttled per client IP on $name', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, { env: { OPERATOR_LOGIN_FAILURES_PER_IP: '4', OPERATOR_LOGIN_FAILURES_PER_USERNAME: '100' } }))

  test('one address guessing many usernames waits after OPERATOR_LOGIN_FAILURES_PER_IP attempts, with the same answer for every username; other addresses are not affected', async () => {
    const operator = await createTestOperator(app.server.app, ['reviewer'])
    const server = app.server.app
    for (const username of ['guess-a', 'guess-b', 'guess-c', 'guess-d']) expect((await operatorLogin(server, username, 'some-guess-123', '10.2.2.2')).statusCode).toBe(401)
    const [existing, unknown] = [await operatorLogin(server, operator.username, operator.password, '10.2.2.2'), await operatorLogin(server, 'guess-e', 'some-guess-123', '10.2.2.2')]
    for (const answer of [existing, unknown]) {
      expect(answer.statusCode).toBe(429)
      expect(answer.headers['retry-after']).toBe('1')
      expect(answer.json()).toEqual({ error: { code: 'OPERATOR_LOGIN_THROTTLED', message: '登录失败次数过多，请 1 秒后再试' } })
    }
    expect((await operatorLogin(server, operator.username, operator.password, '10.2.2.3')).statusCode).toBe(201)
    app.clock.advance(1000)
    expect((await operatorLogin(server, operator.username, operator.password, '10.2.2.2')).statusCode).toBe(201)
  })
})
