import { dashboardOf } from '../../../server/live/dashboard'
import { sampleItem, startCatalogueApp, type CatalogueApp } from '../../support/catalogue'
import { dialects, type TestDatabase } from '../../support/dialects'

/** 12:30 China time on 6 Dec 2026. */
const NOW = new Date('2026-12-06T04:30:00.000Z')

describe.each(dialects())('dashboard counts ($name)', (dialect) => {
  let testDb: TestDatabase
  let catalogue: CatalogueApp

  beforeAll(async () => {
    testDb = await dialect.setup()
    catalogue = await startCatalogueApp(testDb, { seed: false })
    expect((await catalogue.importItems([sampleItem({ code: 'DASH-A', name: '看板事项' })])).status).toBe(200)
    const view = (at: string) => ({ item_code: 'DASH-A', account_id: null, viewed_at: at })
    await catalogue.db
      .insertInto('service_views')
      .values([
        view('2026-12-06T04:29:30.000Z'), // this minute: the last of the hour
        view('2026-12-06T03:31:05.000Z'), // the hour's first minute
        view('2026-12-06T03:30:59.999Z'), // before the hour, still today
        view('2026-12-05T16:00:00.000Z'), // 00:00 China time: today
        view('2026-12-05T15:59:59.999Z'), // 23:59 yesterday China time: not today
      ])
      .execute()
    await catalogue.db
      .insertInto('service_searches')
      .values({ query: '看板', result_count: 1, top_code: 'DASH-A', account_id: null, platform: null, searched_at: '2026-12-06T04:00:10.000Z' })
      .execute()
  })
  afterAll(async () => {
    await catalogue.close()
    await testDb.cleanup()
  })

  test('per minute over the last hour and today in China time, counted in the database', async () => {
    const dashboard = await dashboardOf(catalogue.db, NOW)
    expect(dashboard.perMinute).toHaveLength(60)
    expect(dashboard.perMinute[0]).toEqual({ minute: '2026-12-06T03:31:00.000Z', views: 1, searches: 0, starts: 0, submissions: 0 })
    expect(dashboard.perMinute[29]).toMatchObject({ minute: '2026-12-06T04:00:00.000Z', searches: 1 })
    expect(dashboard.perMinute[59]).toEqual({ minute: '2026-12-06T04:30:00.000Z', views: 0, searches: 0, starts: 0, submissions: 0 })
    expect(dashboard.perMinute[58]).toMatchObject({ minute: '2026-12-06T04:29:00.000Z', views: 1 })
    expect(dashboard.perMinute.reduce((sum, minute) => sum + minute.views, 0)).toBe(2)
    expect(dashboard.totals).toEqual({ today: '2026-12-06', views: 4, searches: 1, starts: 0, submissions: 0 })
    expect(dashboard.topServices).toEqual([{ code: 'DASH-A', name: '看板事项', views: 5 }])
  })
})
