import { verifyPassword } from '../../../server/operators/passwords'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, startIdentityApp } from '../../support/identity'
import { operatorFor, tokenOf } from '../../support/operators'

describe.each(dialects())('operator accounts (admin) on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startIdentityApp)
  let admin: Awaited<ReturnType<typeof operatorFor>>
  const post = (path: string, payload?: unknown, token = admin.token) => app.request(path, { method: 'POST', token, payload })
  const create = (payload: Record<string, unknown>) =>
    post('/api/operator/operators', { displayName: '新同事', password: 'a-long-enough-password', roles: ['reviewer'], ...payload })

  beforeAll(async () => {
    admin = await operatorFor(app.server.app, ['admin'])
  })

  test('creates an operator with roles: 201, the account without any password material, a scrypt hash at rest', async () => {
    const response = await create({ username: 'zhou.review', displayName: '周审核', roles: ['reviewer', 'content_editor'] })
    expect(response.status).toBe(201)
    expect(response.body).toEqual({
      id: expect.any(String),
      username: 'zhou.review',
      displayName: '周审核',
      roles: ['content_editor', 'reviewer'],
      disabled: false,
      mustChangePassword: true,
      lockedUntil: null,
      createdAt: app.clock().toISOString(),
      lastLoginAt: null,
    })
    expect(response.text).not.toContain('a-long-enough-password')
    const row = await app.db.selectFrom('operators').select('password_hash').where('username', '=', 'zhou.review').executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(await verifyPassword('a-long-enough-password', row.password_hash)).toBe(true)
    const grants = await app.db.selectFrom('operator_roles').selectAll().where('operator_id', '=', response.body.id).orderBy('role').execute()
    expect(grants).toEqual([
      { operator_id: response.body.id, role: 'content_editor', granted_at: app.clock().toISOString(), granted_by: admin.id },
      { operator_id: response.body.id, role: 'reviewer', granted_at: app.clock().toISOString(), granted_by: admin.id },
    ])
    expect(await tokenOf(app.server.app, { username: 'zhou.review', password: 'a-long-enough-password' })).toMatch(/^op\./)
  })

  test('a taken username is 409 OPERATOR_USERNAME_TAKEN', async () => {
    expect((await create({ username: 'taken.name' })).status).toBe(201)
    const again = await create({ username: 'taken.name' })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('OPERATOR_USERNAME_TAKEN')
  })

  test.each([
    [{ username: 'Upper.Case' }, 'body.username', 'pattern'],
    [{ username: 'ab' }, 'body.username', 'pattern'],
    [{ username: 'bad name' }, 'body.username', 'pattern'],
    [{ username: 'short.pw', password: 'too-short' }, 'body.password', 'minLength'],
    [{ username: 'wang.li', password: 'wang.li-password' }, 'body.password', 'not the username'],
    [{ username: 'common.pw', password: 'Password1234' }, 'body.password', 'not a common password'],
    [{ username: 'no.roles', roles: [] }, 'body.roles', 'minItems'],
    [{ username: 'bad.role', roles: ['superuser'] }, 'body.roles', ''],
  ])('bad input %j is 400 naming %s', async (payload, field, rule) => {
    const response = await create(payload)
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: expect.stringContaining(field), rule: expect.stringContaining(rule) })
    expect(await app.db.selectFrom('operators').select('id').where('username', '=', String(payload.username)).execute()).toEqual([])
  })

  test('roles are replaced as given; kept roles keep their original grant', async () => {
    const { body: created } = await create({ username: 'role.change', roles: ['reviewer'] })
    const granted = await app.db.selectFrom('operator_roles').select('granted_at').where('operator_id', '=', created.id).executeTakeFirstOrThrow()
    app.clock.advance(60_000)
    const changed = await post(`/api/operator/operators/${created.id}/roles`, { roles: ['reviewer', 'health_officer'] })
    expect(changed.body.roles).toEqual(['health_officer', 'reviewer'])
    const rows = await app.db.selectFrom('operator_roles').selectAll().where('operator_id', '=', created.id).orderBy('role').execute()
    expect(rows.map((row) => [row.role, row.granted_at])).toEqual([
      ['health_officer', app.clock().toISOString()],
      ['reviewer', granted.granted_at],
    ])
    expect((await post(`/api/operator/operators/${created.id}/roles`, { roles: [] })).body.roles).toEqual([])
    expect((await post('/api/operator/operators/no-such-id/roles', { roles: [] })).status).toBe(404)
  })

  test('disable and enable: a disabled operator is listed as such and cannot log in; enabled again they can', async () => {
    const { body: created } = await create({ username: 'to.disable' })
    const disabled = await post(`/api/operator/operators/${created.id}/disable`)
    expect(disabled.body).toMatchObject({ id: created.id, disabled: true })
    const list = await app.request('/api/operator/operators', { token: admin.token })
    expect(list.body.items.find((item: { id: string }) => item.id === created.id)).toMatchObject({ disabled: true })
    expect((await app.request('/api/operator/login', { method: 'POST', payload: { username: 'to.disable', password: 'a-long-enough-password' } })).status).toBe(403)
    expect((await post(`/api/operator/operators/${created.id}/enable`)).body.disabled).toBe(false)
    expect((await app.request('/api/operator/login', { method: 'POST', payload: { username: 'to.disable', password: 'a-long-enough-password' } })).status).toBe(201)
  })

  test('the last active admin can be neither disabled nor stripped of admin (409 LAST_ADMIN); with a second admin they can', async () => {
    // This suite's admin is the only admin so far.
    const demote = await post(`/api/operator/operators/${admin.id}/roles`, { roles: ['reviewer'] })
    expect(demote.status).toBe(409)
    expect(demote.body.error.code).toBe('LAST_ADMIN')
    expect((await post(`/api/operator/operators/${admin.id}/disable`)).body.error.code).toBe('LAST_ADMIN')
    expect((await app.request('/api/operator/me', { token: admin.token })).body.roles).toEqual(['admin'])

    const { body: second } = await create({ username: 'second.admin', roles: ['admin'] })
    const secondToken = await tokenOf(app.server.app, { username: 'second.admin', password: 'a-long-enough-password' })
    expect((await post(`/api/operator/operators/${second.id}/roles`, { roles: ['admin', 'reviewer'] })).status).toBe(200)
    expect((await post(`/api/operator/operators/${second.id}/disable`)).status).toBe(200)
    // Disabled, the second admin no longer counts: the first is the last again.
    expect((await post(`/api/operator/operators/${admin.id}/disable`)).body.error.code).toBe('LAST_ADMIN')
    expect((await app.request('/api/operator/me', { token: secondToken })).status).toBe(401)
  })

  test("every admin action is in the audit log under the admin's id, and GET …/actions lists exactly one operator's", async () => {
    const auditor = await operatorFor(app.server.app, ['admin'])
    const { body: created } = await create({ username: 'audited.one' })
    await post(`/api/operator/operators/${created.id}/roles`, { roles: ['content_editor'] })
    await post(`/api/operator/operators/${created.id}/disable`)
    await post(`/api/operator/operators/${created.id}/enable`)
    await post(`/api/operator/operators/${created.id}/unlock`)
    await post(`/api/operator/operators/${created.id}/password`, { newPassword: 'reset-by-an-admin-1' })
    const mine = (await auditRows(app.db)).filter((row) => row.operator_id === admin.id && row.detail?.targetOperatorId === created.id)
    expect(mine.map((row) => row.event)).toEqual([
      'operator.create',
      'operator.roles',
      'operator.disable',
      'operator.enable',
      'operator.unlock',
      'operator.password_reset',
    ])
    expect(mine[1]!.detail).toMatchObject({ roles: 'content_editor', previousRoles: 'reviewer' })
    expect(JSON.stringify(mine)).not.toContain('reset-by-an-admin-1')

    const actions = await app.request(`/api/operator/operators/${admin.id}/actions?limit=6`, { token: auditor.token })
    expect(actions.status).toBe(200)
    expect(actions.body.items.map((item: { event: string }) => item.event)).toEqual([
      'operator.password_reset',
      'operator.unlock',
      'operator.enable',
      'operator.disable',
      'operator.roles',
      'operator.create',
    ])
    const created2 = await app.request(`/api/operator/operators/${created.id}/actions`, { token: auditor.token })
    expect(created2.body.items).toEqual([])
    expect((await app.request('/api/operator/operators/nobody/actions', { token: auditor.token })).status).toBe(404)
  })
})
