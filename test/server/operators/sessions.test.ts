import { hashToken } from '../../../server/identity/sessions/sessions'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { provenSession } from '../../support/health-code'
import { auditRows, MINUTE, startIdentityApp, zhangWei } from '../../support/identity'
import { createTestOperator, operatorFor, tokenOf } from '../../support/operators'

/**
 * Operator sessions: apart from citizens' (neither token opens the other's routes), the
 * same token rules (hashed at rest, idle and absolute timeouts, logout), ended by a
 * password change or reset. On Redis too when REDIS_URL is set.
 */
describe.each(dialects())('operator sessions on $name', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, { sandbox: true }))
  const me = (token: string) => app.request('/api/operator/me', { token })

  test('an operator token opens no citizen route, a citizen token no operator route (401 both ways)', async () => {
    const operator = await operatorFor(app.server.app, ['admin'])
    const citizen = await provenSession(app, 'wx-sessions', zhangWei)
    for (const path of ['/api/me', '/api/health-code', '/api/certificates']) {
      const response = await app.request(path, { token: operator.token })
      expect({ path, status: response.status, code: response.body.error?.code }).toEqual({ path, status: 401, code: 'UNAUTHENTICATED' })
    }
    expect((await app.request('/api/me', { token: citizen })).status).toBe(200)
    for (const [method, path, payload] of [
      ['GET', '/api/operator/me', undefined],
      ['GET', '/api/operator/operators', undefined],
      ['POST', '/api/operator/notices', { title: '标题', summary: '摘要', body: '正文', department: '市政务服务管理局' }],
      ['POST', '/api/ops/health-statuses', { idNumber: zhangWei.idNumber, colour: 'red', reason: '测试', source: '测试' }],
    ] as const) {
      const response = await app.request(path, { method, token: citizen, payload })
      expect({ path, status: response.status }).toEqual({ path, status: 401 })
    }
    expect((await me(operator.token)).status).toBe(200)
    // The op. mark only routes a token to its store: moving it does not move a session across.
    expect((await app.request('/api/me', { token: operator.token.slice('op.'.length) })).status).toBe(401)
    expect((await me(`op.${citizen}`)).status).toBe(401)
  })

  test('logout ends the session at once; logging out again is still 204; audited', async () => {
    const operator = await operatorFor(app.server.app, ['reviewer'])
    const logout = () => app.request('/api/operator/logout', { method: 'POST', token: operator.token })
    expect((await logout()).status).toBe(204)
    expect((await me(operator.token)).status).toBe(401)
    expect((await logout()).status).toBe(204)
    expect((await auditRows(app.db, 'operator.logout')).filter((row) => row.operator_id === operator.id)).toHaveLength(1)
  })

  test('a session ends after 15 idle minutes (each use moves that on) and 8 hours after login in any case', async () => {
    const idle = await operatorFor(app.server.app, ['reviewer'])
    app.clock.advance(14 * MINUTE)
    expect((await me(idle.token)).status).toBe(200)
    app.clock.advance(14 * MINUTE)
    expect((await me(idle.token)).status).toBe(200)
    app.clock.advance(15 * MINUTE)
    expect((await me(idle.token)).status).toBe(401)

    const busy = await operatorFor(app.server.app, ['reviewer'])
    for (let minutes = 0; minutes < 8 * 60 - 10; minutes += 10) {
      app.clock.advance(10 * MINUTE)
      expect((await me(busy.token)).status).toBe(200)
    }
    app.clock.advance(10 * MINUTE)
    expect((await me(busy.token)).status).toBe(401)
  })

  test('tokens are stored only as hashes, apart from citizen sessions', async () => {
    const operator = await operatorFor(app.server.app, ['reviewer'])
    if (app.redis) {
      const keys = await app.redis.redis.keys(`${app.redis.prefix}*`)
      expect(keys).toContain(`${app.redis.prefix}operator-session:${hashToken(operator.token.slice('op.'.length))}`)
      expect(keys.join('\n')).not.toContain(operator.token)
    } else {
      const rows = await app.db.selectFrom('operator_sessions').selectAll().where('operator_id', '=', operator.id).execute()
      expect(rows.map((row) => row.token_hash)).toEqual([hashToken(operator.token.slice('op.'.length))])
      expect(JSON.stringify(rows)).not.toContain(operator.token)
      expect(await app.db.selectFrom('sessions').select('token_hash').where('token_hash', '=', hashToken(operator.token.slice('op.'.length))).execute()).toEqual([])
    }
  })

  test('changing the own password needs the current one, ends every session and returns a fresh one', async () => {
    const operator = await createTestOperator(app.server.app, ['content_editor'])
    const first = await tokenOf(app.server.app, operator)
    const second = await tokenOf(app.server.app, operator)
    const change = (payload: unknown) => app.request('/api/operator/me/password', { method: 'POST', token: first, payload })

    const wrong = await change({ currentPassword: 'not-my-password', newPassword: 'a-new-long-password' })
    expect(wrong.status).toBe(400)
    expect(wrong.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.currentPassword' })
    const weak = await change({ currentPassword: operator.password, newPassword: `${operator.username}-2026` })
    expect(weak.body.error).toMatchObject({ field: 'body.newPassword', rule: 'not the username' })

    const changed = await change({ currentPassword: operator.password, newPassword: 'a-new-long-password' })
    expect(changed.status).toBe(200)
    expect(changed.body).toMatchObject({ token: expect.any(String), operator: { id: operator.id } })
    for (const token of [first, second]) expect((await me(token)).status).toBe(401)
    expect((await me(changed.body.token)).status).toBe(200)
    expect((await app.request('/api/operator/login', { method: 'POST', payload: { username: operator.username, password: operator.password } })).status).toBe(401)
    expect((await app.request('/api/operator/login', { method: 'POST', payload: { username: operator.username, password: 'a-new-long-password' } })).status).toBe(201)
    const entries = (await auditRows(app.db, 'operator.password_change')).filter((row) => row.operator_id === operator.id)
    expect(entries.map((row) => row.outcome)).toEqual(['failure', 'success'])
  })

  test("an admin's password reset ends the operator's sessions", async () => {
    const operator = await createTestOperator(app.server.app, ['reviewer'])
    const token = await tokenOf(app.server.app, operator)
    const admin = await operatorFor(app.server.app, ['admin'])
    const reset = await app.request(`/api/operator/operators/${operator.id}/password`, { method: 'POST', token: admin.token, payload: { newPassword: 'given-by-the-admin-1' } })
    expect(reset.status).toBe(200)
    expect((await me(token)).status).toBe(401)
    expect((await me(admin.token)).status).toBe(200)
    expect(await tokenOf(app.server.app, { username: operator.username, password: 'given-by-the-admin-1' })).toEqual(expect.any(String))
  })
})
