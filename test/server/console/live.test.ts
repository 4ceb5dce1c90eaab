import type { Dashboard, LiveActivity } from '../../../src/contract/console/schemas'
import { LIVE_COOKIE } from '../../../server/live/session-cookie'
import { startCatalogueApp, type CatalogueApp } from '../../support/catalogue'
import { dialects, type TestDatabase } from '../../support/dialects'
import { createTestOperator, operatorLogin, operatorTokenFor } from '../../support/operators'
import { openSse, type SseClient } from '../../support/sse'

const activity = (kind: LiveActivity['kind'], test: (data: LiveActivity) => boolean = () => true) => (event: { event: string; data: unknown }) =>
  event.event === 'activity' && (event.data as LiveActivity).kind === kind && test(event.data as LiveActivity)

describe.each(dialects())('live demand feed ($name)', (dialect) => {
  let testDb: TestDatabase
  let catalogue: CatalogueApp
  let token: string
  let code: string
  let name: string
  const clients: SseClient[] = []
  const live = async (headers: Record<string, string>) => {
    const client = await openSse(`${catalogue.server.baseUrl}/api/operator/live`, headers)
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    testDb = await dialect.setup()
    catalogue = await startCatalogueApp(testDb)
    token = await operatorTokenFor(catalogue.app, ['health_officer'])
    const list = (await catalogue.request('/api/services?limit=1')).body as { items: { code: string; name: string }[] }
    ;({ code, name } = list.items[0]!)
  })
  afterAll(async () => {
    for (const client of clients) client.close()
    await catalogue.close()
    await testDb.cleanup()
  })

  test('starts with the dashboard, then each citizen action within 2 s, search text masked', async () => {
    const client = await live({ authorization: `Bearer ${token}` })
    expect(client.status).toBe(200)
    expect(client.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const snapshot = (await client.next((event) => event.event === 'snapshot')).data as Dashboard
    expect(snapshot.perMinute).toHaveLength(60)
    expect(snapshot.calendarWarnings.map((warning) => warning.year)).toEqual(expect.any(Array))

    let sent = performance.now()
    expect((await catalogue.request(`/api/services/${code}`)).status).toBe(200)
    const view = await client.next(activity('view', (data) => data.serviceCode === code))
    expect(view.receivedAt - sent).toBeLessThan(2000)
    expect(view.data).toEqual({ kind: 'view', at: expect.any(String), serviceCode: code, serviceName: name })

    sent = performance.now()
    const query = '身份证 110101199003071234 怎么补办飞船'
    expect((await catalogue.request(`/api/services/search?q=${encodeURIComponent('火星签证 13812345678')}`)).status).toBe(200)
    const zero = await client.next(activity('search_zero'))
    expect(zero.receivedAt - sent).toBeLessThan(2000)
    expect((zero.data as LiveActivity).query).not.toMatch(/13812345678/)
    expect((zero.data as LiveActivity).query).toMatch(/火星签证/)
    await catalogue.request(`/api/services/search?q=${encodeURIComponent(query)}`)
    const masked = await client.next((event) => event.event === 'activity' && ((event.data as LiveActivity).query ?? '').includes('补办'))
    expect(JSON.stringify(masked.data)).not.toContain('110101199003071234')
  })

  test('any operator role may watch; no session is 401, an operator without a role 403', async () => {
    const none = await live({})
    expect(none.status).toBe(401)
    // Without Accept: text/event-stream (not an EventSource) the stream is refused, naming the header.
    const plain = await catalogue.request('/api/operator/live', { token })
    expect([plain.status, plain.body.error.field]).toEqual([400, 'headers.accept'])
    const response = await catalogue.request('/api/operator/dashboard')
    expect(response.status).toBe(401)
    for (const role of ['admin', 'content_editor', 'reviewer'] as const) {
      const dashboard = await catalogue.request('/api/operator/dashboard?deadDays=7', { token: await operatorTokenFor(catalogue.app, [role]) })
      expect([role, dashboard.status]).toEqual([role, 200])
    }
    expect((await catalogue.request('/api/operator/dashboard', { token: await operatorTokenFor(catalogue.app, []) })).status).toBe(403)
  })

  test('the cookie login sets opens the stream (EventSource sends no Authorization header); logout clears it', async () => {
    const operator = await createTestOperator(catalogue.app, ['reviewer'])
    const login = await operatorLogin(catalogue.app, operator.username, operator.password)
    const cookie = String(login.headers['set-cookie'])
    expect(cookie).toMatch(new RegExp(`^${LIVE_COOKIE}=op\\.[^;]+; Path=/api/operator/live; HttpOnly; SameSite=Strict$`))
    const client = await live({ cookie: cookie.split(';')[0]! })
    expect(client.status).toBe(200)
    await client.next((event) => event.event === 'snapshot')
    // Any other route ignores the cookie: it can never be used to change anything.
    expect((await catalogue.request('/api/operator/dashboard', { headers: { cookie: cookie.split(';')[0]! } })).status).toBe(401)
    const logout = await catalogue.app.inject({ method: 'POST', url: '/api/operator/logout', headers: { authorization: `Bearer ${(login.json() as { token: string }).token}` } })
    expect(String(logout.headers['set-cookie'])).toMatch(new RegExp(`^${LIVE_COOKIE}=; .*Max-Age=0`))
    expect((await live({ cookie: cookie.split(';')[0]! })).status).toBe(401)
  })

  test('the dashboard counts what the feed showed', async () => {
    const dashboard = (await catalogue.request('/api/operator/dashboard', { token })).body as Dashboard
    expect(dashboard.totals.views).toBeGreaterThanOrEqual(1)
    expect(dashboard.perMinute.reduce((sum, minute) => sum + minute.searches, 0)).toBeGreaterThanOrEqual(2)
    expect(dashboard.topServices[0]).toMatchObject({ code, views: expect.any(Number) })
    expect(dashboard.zeroResultSearches.map((search) => search.query).join()).toContain('火星签证')
    expect(JSON.stringify(dashboard)).not.toContain('13812345678')
  })

  test('closing the app ends open streams with a bye event', async () => {
    const client = await live({ authorization: `Bearer ${token}` })
    await client.next((event) => event.event === 'snapshot')
    await catalogue.app.close()
    await client.next((event) => event.event === 'bye')
    await client.ended
  })
})
