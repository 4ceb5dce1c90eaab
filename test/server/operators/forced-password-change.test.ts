import { ERROR_CODES } from '../../../src/contract/errors'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { startIdentityApp } from '../../support/identity'
import { operatorFor, tokenOf } from '../../support/operators'

/** A password someone else chose (admin create, admin reset) is replaced at the next login before anything else answers. */
describe.each(dialects())('forced password change on first login ($name)', (dialect) => {
  const { app } = useDialectApp(dialect, startIdentityApp)
  let admin: Awaited<ReturnType<typeof operatorFor>>
  const post = (path: string, token: string, payload?: unknown) => app.request(path, { method: 'POST', token, payload })

  beforeAll(async () => {
    admin = await operatorFor(app.server.app, ['admin'])
  })

  test('an operator an admin created: login and me say mustChangePassword; every other route is 403 with words saying what to do; changing clears it', async () => {
    const created = await post('/api/operator/operators', admin.token, { username: 'xin.tongshi', displayName: '新同事', password: 'admin-chose-this-one', roles: ['reviewer'] })
    expect(created.status).toBe(201)
    expect(created.body.mustChangePassword).toBe(true)

    const login = await app.request('/api/operator/login', { method: 'POST', payload: { username: 'xin.tongshi', password: 'admin-chose-this-one' } })
    expect(login.status).toBe(201)
    expect(login.body.operator).toMatchObject({ username: 'xin.tongshi', mustChangePassword: true })
    const token = login.body.token as string
    const me = await app.request('/api/operator/me', { token })
    expect([me.status, me.body.mustChangePassword]).toEqual([200, true])

    for (const path of ['/api/operator/applications', '/api/operator/feedback', '/api/operator/dashboard']) {
      const blocked = await app.request(path, { token })
      expect([path, blocked.status, blocked.body.error.code]).toEqual([path, 403, 'OPERATOR_PASSWORD_CHANGE_REQUIRED'])
      expect(blocked.body.error.message).toBe(ERROR_CODES.OPERATOR_PASSWORD_CHANGE_REQUIRED.message)
    }
    expect(ERROR_CODES.OPERATOR_PASSWORD_CHANGE_REQUIRED.message).toContain('修改密码')
    // A role it lacks: still the password answer first (nothing about the route is told before the change).
    expect((await app.request('/api/operator/operators', { token })).body.error.code).toBe('OPERATOR_PASSWORD_CHANGE_REQUIRED')

    const changed = await post('/api/operator/me/password', token, { currentPassword: 'admin-chose-this-one', newPassword: 'my-own-secret-words' })
    expect(changed.status).toBe(200)
    expect(changed.body.operator.mustChangePassword).toBeUndefined()
    const fresh = changed.body.token as string
    expect((await app.request('/api/operator/me', { token: fresh })).body.mustChangePassword).toBeUndefined()
    expect((await app.request('/api/operator/applications', { token: fresh })).status).toBe(200)
    const row = await app.db.selectFrom('operators').select('must_change_password').where('username', '=', 'xin.tongshi').executeTakeFirstOrThrow()
    expect(Number(row.must_change_password)).toBe(0)

    // Logout works either way.
    expect((await post('/api/operator/logout', fresh)).status).toBe(204)
  })

  test('an admin resets a password: forced again at the next login; a wrong current password does not clear it', async () => {
    const created = await post('/api/operator/operators', admin.token, { username: 'wang.shenhe', displayName: '王审核', password: 'first-admin-choice', roles: ['reviewer'] })
    const id = created.body.id as string
    const first = await tokenOf(app.server.app, { username: 'wang.shenhe', password: 'first-admin-choice' })
    await post('/api/operator/me/password', first, { currentPassword: 'first-admin-choice', newPassword: 'wang-chose-this-one' })
    const own = await tokenOf(app.server.app, { username: 'wang.shenhe', password: 'wang-chose-this-one' })
    expect((await app.request('/api/operator/applications', { token: own })).status).toBe(200)

    const reset = await post(`/api/operator/operators/${id}/password`, admin.token, { newPassword: 'admin-reset-choice' })
    expect([reset.status, reset.body.mustChangePassword]).toEqual([200, true])
    const again = await tokenOf(app.server.app, { username: 'wang.shenhe', password: 'admin-reset-choice' })
    expect((await app.request('/api/operator/applications', { token: again })).body.error.code).toBe('OPERATOR_PASSWORD_CHANGE_REQUIRED')
    const wrong = await post('/api/operator/me/password', again, { currentPassword: 'not-the-password', newPassword: 'wang-new-choice-2' })
    expect([wrong.status, wrong.body.error.field]).toEqual([400, 'body.currentPassword'])
    expect((await app.request('/api/operator/me', { token: again })).body.mustChangePassword).toBe(true)
    const list = await app.request('/api/operator/operators', { token: admin.token })
    expect(list.body.items.find((item: { id: string }) => item.id === id).mustChangePassword).toBe(true)
  })

  test('operators who chose their own password (the demo seed, test helpers) are not asked', async () => {
    const me = await app.request('/api/operator/me', { token: admin.token })
    expect(me.body.mustChangePassword).toBeUndefined()
  })
})
