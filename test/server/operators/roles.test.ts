import { OPERATOR_ROLES } from '../../../src/contract/operators/data'
import { type OperatorRole } from '../../../src/contract/operators/schemas'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { getCode, provenSession, verifierSession } from '../../support/health-code'
import { auditRows, liNa, startIdentityApp, zhangWei } from '../../support/identity'
import { createTestOperator, operatorFor, operatorTokenFor } from '../../support/operators'

/**
 * Each operator route against each role: the route's role (or admin) passes the check,
 * every other role is 403 FORBIDDEN, an operator without roles too; a citizen token and no
 * token are 401 (for 'verifier' a citizen account without the role is 403: that role is
 * also a platform-account role). "Passes" means the answer is neither 401 nor 403.
 */
interface RouteCase {
  method: 'GET' | 'POST'
  path: (targetId: string) => string
  payload?: () => unknown
  role: OperatorRole
}

let counter = 0
const unique = () => `made-${Date.now().toString(36)}-${(counter += 1)}`

const ROUTES: RouteCase[] = [
  { method: 'POST', path: () => '/api/ops/health-statuses', role: 'health_officer', payload: () => ({ idNumber: zhangWei.idNumber, colour: 'green', reason: '未见异常', source: '市卫健委' }) },
  { method: 'POST', path: () => '/api/ops/health-statuses/batch', role: 'health_officer', payload: () => ({ source: '市卫健委', rows: [{ idNumber: liNa.idNumber, colour: 'green', reason: '未见异常' }] }) },
  { method: 'POST', path: () => '/api/operator/notices', role: 'content_editor', payload: () => ({ title: '停水通知', summary: '明日停水', body: '正文', department: '市水务局' }) },
  { method: 'POST', path: () => '/api/operator/notices/1/retire', role: 'content_editor' },
  { method: 'GET', path: () => '/api/operator/operators', role: 'admin' },
  { method: 'POST', path: () => '/api/operator/operators', role: 'admin', payload: () => ({ username: unique(), displayName: '新操作员', password: 'a-long-enough-password', roles: ['reviewer'] }) },
  { method: 'POST', path: (id) => `/api/operator/operators/${id}/roles`, role: 'admin', payload: () => ({ roles: ['reviewer'] }) },
  { method: 'POST', path: (id) => `/api/operator/operators/${id}/disable`, role: 'admin' },
  { method: 'POST', path: (id) => `/api/operator/operators/${id}/enable`, role: 'admin' },
  { method: 'POST', path: (id) => `/api/operator/operators/${id}/unlock`, role: 'admin' },
  { method: 'POST', path: (id) => `/api/operator/operators/${id}/password`, role: 'admin', payload: () => ({ newPassword: 'another-long-password' }) },
  { method: 'GET', path: (id) => `/api/operator/operators/${id}/actions`, role: 'admin' },
  { method: 'POST', path: () => '/api/health-code/verify', role: 'verifier', payload: () => ({ token: 'HC1.not.a-code' }) },
]

describe.each(dialects())('operator roles on $name', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, { sandbox: true }))
  let target: string
  const tokens = new Map<OperatorRole | 'none', string>()
  const call = (route: RouteCase, token?: string) => app.request(route.path(target), { method: route.method, token, payload: route.payload?.() })

  beforeAll(async () => {
    for (const role of OPERATOR_ROLES) tokens.set(role, await operatorTokenFor(app.server.app, [role]))
    tokens.set('none', await operatorTokenFor(app.server.app, []))
    target = (await createTestOperator(app.server.app, ['reviewer'])).id
  })

  describe.each(ROUTES.map((route) => ({ ...route, name: `${route.method} ${route.path(':id')}` })))('$name ($role)', (route) => {
    test.each([...OPERATOR_ROLES, 'none' as const])('an operator with %s', async (held) => {
      const response = await call(route, tokens.get(held))
      const allowed = held === route.role || held === 'admin'
      if (allowed) expect({ held, refused: [401, 403].includes(response.status), text: response.text.slice(0, 200) }).toMatchObject({ held, refused: false })
      else expect({ held, status: response.status, code: response.body.error?.code }).toEqual({ held, status: 403, code: 'FORBIDDEN' })
    })

    test('no token is 401; a citizen is 401 (403 for verify without the role); a verifier citizen passes verify only', async () => {
      expect((await call(route)).status).toBe(401)
      const citizen = await provenSession(app, `wx-${route.method}-${route.path('x')}`, zhangWei)
      expect((await call(route, citizen)).status).toBe(route.role === 'verifier' ? 403 : 401)
      const verifier = await verifierSession(app)
      const status = (await call(route, verifier)).status
      if (route.role === 'verifier') expect(status).toBe(200)
      else expect(status).toBe(401)
    })
  })

  test('a verifier operator verifies a real code; the entry names the operator, not an account', async () => {
    const citizen = await provenSession(app, 'wx-li', liNa)
    const code = (await getCode(app, citizen)).body.token as string
    const verifier = await operatorFor(app.server.app, ['verifier'])
    const response = await app.request('/api/health-code/verify', { method: 'POST', token: verifier.token, payload: { token: code } })
    expect(response.body).toMatchObject({ valid: true, name: '李*' })
    const [entry] = (await auditRows(app.db, 'health_code.verify')).slice(-1)
    expect(entry).toMatchObject({ outcome: 'success', operator_id: verifier.id, account_id: null })
  })

  test('operator-only roles granted to a platform account (as before operator accounts) are not honoured', async () => {
    const citizen = await provenSession(app, 'wx-legacy', zhangWei)
    const { id } = await app.db.selectFrom('platform_accounts').select('id').where('subject', '=', 'wx-legacy').executeTakeFirstOrThrow()
    for (const role of ['admin', 'health_officer', 'content_editor', 'reviewer']) {
      await app.db.insertInto('account_roles').values({ account_id: id, role, granted_at: app.clock().toISOString() }).execute()
    }
    for (const route of ROUTES.filter((candidate) => candidate.role !== 'verifier')) {
      expect({ route: route.path(target), status: (await call(route, citizen)).status }).toEqual({ route: route.path(target), status: 401 })
    }
  })
})
