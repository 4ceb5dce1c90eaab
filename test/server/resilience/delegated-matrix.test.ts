import { DELEGATED_ROUTES, NOT_DELEGABLE_MESSAGE } from '../../../server/delegations/delegated-routes'
import { useDialectApp } from '../../support/dialect-app'
import { dialects } from '../../support/dialects'
import { openApiDocument, routesOf } from '../../support/bad-input'
import { APPLY_ITEM, VALID_VALUES } from '../../support/service-items'
import { ALL_SCOPES, startDelegationApp } from '../delegations/harness'
import type { DelegationScope } from '../../../src/contract/delegations/data'

/**
 * The delegated IDOR matrix (beside cross-citizen.test.ts): every route a helper may call as
 * delegate (server/delegations/delegated-routes.ts) × every way the helper is not entitled —
 * an invitation not yet consented, an active delegation holding another scope, one the
 * principal ended, one past its end date, and someone else's delegation — is 403, leaves no
 * act recorded and answers none of the principal's data; the same routes with the right
 * scope answer. Then every other route behind a citizen session refuses a delegate holding
 * every scope (403, the "only the person themselves" words), whatever its body.
 */
describe.each(dialects())('delegated access matrix on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startDelegationApp)
  const otherScope = (scope: DelegationScope): DelegationScope => (scope === 'health_code' ? 'social_security' : 'health_code')

  test('every delegated route × (no consent, another scope, after revoke, expired, another helper’s) is refused; with the scope it answers', async () => {
    const helper = await app.person('zhang-wei')
    const principal = await app.person('zhao-lihua')
    const stranger = await app.person('sun-jiankang')
    const certificateId = (await app.request('/api/certificates', { token: principal })).body.items[0].id as string
    const applicationId = (await app.request('/api/applications', { method: 'POST', token: principal, headers: { 'idempotency-key': 'matrix-own-application-0001' }, payload: { itemCode: APPLY_ITEM.code, values: { ...VALID_VALUES } } })).body.id as string
    const concrete = (url: string) => url.replace(':id/ledger', `${certificateId}/ledger`).replace('/api/certificates/:id', `/api/certificates/${certificateId}`).replace(':code', APPLY_ITEM.code).replace(':id', applicationId)
    const payloadOf = (key: string) => (key === 'POST /api/applications' ? { itemCode: APPLY_ITEM.code, values: { ...VALID_VALUES } } : key.endsWith('/supplement') ? { note: '已补充户口簿首页复印件' } : undefined)

    const end = async (id: string) => expect((await app.end(principal, id)).status).toBe(200)
    const expire = async (id: string) => {
      await app.db.withTables<{ delegations: { id: string; ends_at: string } }>().updateTable('delegations').set({ ends_at: new Date(app.clock().getTime() - 1000).toISOString() }).where('id', '=', id).execute()
    }
    const actsCount = async () => Number((await app.db.withTables<{ delegation_acts: { id: number } }>().selectFrom('delegation_acts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

    const leaks: string[] = []
    let pairs = 0
    for (const [key, route] of Object.entries(DELEGATED_ROUTES)) {
      const [method, url] = key.split(' ') as [string, string]
      const path = concrete(url)
      const call = (token: string, id: string) => app.asDelegate(token, id, path, { method, payload: payloadOf(key) })
      // Each case its own delegation, ended afterwards: the principal's three-helper limit is never reached.
      const cases: { name: string; run: () => Promise<{ token: string; id: string }> }[] = [
        { name: 'no consent', run: async () => ({ token: helper, id: (await app.invite(helper, 'zhao-lihua', ALL_SCOPES)).body.id }) },
        { name: 'another scope', run: async () => ({ token: helper, id: await app.active(helper, principal, 'zhao-lihua', [otherScope(route.scope)]) }) },
        { name: 'after revoke', run: async () => { const id = await app.active(helper, principal, 'zhao-lihua', ALL_SCOPES); await end(id); return { token: helper, id } } },
        { name: 'expired', run: async () => { const id = await app.active(helper, principal, 'zhao-lihua', ALL_SCOPES); await expire(id); return { token: helper, id } } },
        { name: 'another helper’s', run: async () => ({ token: stranger, id: await app.active(helper, principal, 'zhao-lihua', ALL_SCOPES) }) },
      ]
      for (const each of cases) {
        pairs += 1
        const { token, id } = await each.run()
        const before = await actsCount()
        const response = await call(token, id)
        if (response.status !== 403 || (await actsCount()) !== before || response.text.includes('赵*华')) leaks.push(`${key} / ${each.name}: ${response.status} ${response.text.slice(0, 160)}`)
        await app.end(helper, id)
      }
      // The right scope: answered, and recorded.
      const id = await app.active(helper, principal, 'zhao-lihua', [route.scope])
      const before = await actsCount()
      const allowed = await call(helper, id)
      // withdraw / supplement may be refused by the application's status (409), never by the gate.
      if (allowed.status === 403 || allowed.status >= 500 || (allowed.status < 400 && (await actsCount()) !== before + 1)) leaks.push(`${key} with its scope: ${allowed.status} ${allowed.text.slice(0, 160)}`)
      await app.end(helper, id)
    }
    console.log(`delegated matrix on ${dialect.name}: ${pairs} refused pairs over ${Object.keys(DELEGATED_ROUTES).length} routes`)
    expect(leaks).toEqual([])
  })

  /** Routes that list 401 but are behind no citizen session: nobody to act for, so the header is ignored there. */
  const NO_CITIZEN_SESSION: Record<string, string> = {
    'POST /api/auth/login': 'logging in: no session yet',
    'POST /api/auth/logout': 'ends the session it is called with (the helper’s own)',
    'POST /api/certificates/verify': 'a verifier checks a presented code; no citizen’s data is chosen by the caller',
    'GET /api/certificates/authorised/{grantId}': 'an organisation’s access key, not a citizen session',
  }

  test('every other citizen route refuses a delegate holding every scope (403 in words), before reading the body', async () => {
    const helper = await app.person('zhang-wei')
    const principal = await app.person('zhao-lihua')
    const id = await app.active(helper, principal, 'zhao-lihua', ALL_SCOPES)
    const document = await openApiDocument(app.server.app)
    const delegated = new Set(Object.keys(DELEGATED_ROUTES).map((key) => key.replace(/:(\w+)/g, '{$1}')))
    const citizenRoutes = routesOf(document).filter((route) => {
      const responses = (route.operation as { responses?: Record<string, unknown> }).responses ?? {}
      return '401' in responses && !route.path.startsWith('/api/operator/') && !route.path.startsWith('/api/ops/') && !delegated.has(route.name) && !NO_CITIZEN_SESSION[route.name]
    })
    expect(citizenRoutes.length).toBeGreaterThan(20)
    const notRefused: string[] = []
    for (const route of citizenRoutes) {
      const path = route.path.replace(/\{\w+\}/g, 'some-id')
      const response = await app.asDelegate(helper, id, path, { method: route.method, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) })
      if (response.status !== 403 || response.body?.error?.message !== NOT_DELEGABLE_MESSAGE) notRefused.push(`${route.name}: ${response.status} ${response.text.slice(0, 120)}`)
    }
    console.log(`delegated matrix on ${dialect.name}: ${citizenRoutes.length} other citizen routes refuse a delegate`)
    expect(notRefused).toEqual([])
    await app.end(helper, id)
  })
})
