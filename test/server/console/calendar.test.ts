import type { CalendarYear, Dashboard } from '../../../src/contract/console/schemas'
import { addWorkingDays } from '../../../server/applications/working-days'
import { startCatalogueApp } from '../../support/catalogue'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { operatorTokenFor } from '../../support/operators'

describe.each(dialects())('working calendar ($name)', (dialect) => {
  const { app: catalogue } = useDialectApp(dialect, (testDb) => startCatalogueApp(testDb, { seed: false }))
  let admin: string

  beforeAll(async () => {
    admin = await operatorTokenFor(catalogue.app, ['admin'])
  })

  const put = (year: number | string, entries: unknown[], token = admin) => catalogue.request(`/api/operator/calendar/${year}`, { method: 'PUT', payload: { entries }, token })

  test('the migration seeds the years the code table held: 2026 complete, 2027 statutory days only', async () => {
    const y2026 = (await catalogue.request('/api/operator/calendar?year=2026', { token: admin })).body as CalendarYear
    expect(y2026.complete).toBe(true)
    expect(y2026.entries).toContainEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' })
    expect(y2026.entries.filter((entry) => entry.kind === 'holiday')).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7)
    const y2027 = (await catalogue.request('/api/operator/calendar?year=2027', { token: admin })).body as CalendarYear
    expect(y2027).toMatchObject({ complete: false, entries: expect.arrayContaining([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]) })
    const y2031 = (await catalogue.request('/api/operator/calendar?year=2031', { token: admin })).body as CalendarYear
    expect(y2031).toEqual({ year: 2031, entries: [], complete: false, updatedAt: null })
  })

  test('counting reads the database calendar: a PUT changes due dates at once, atomically, audited', async () => {
    // 2027-02-09 (Tuesday) is a working day in the seeded statutory-only 2027.
    expect(addWorkingDays('2027-02-08', 1)).toBe('2027-02-09')
    const entries = [
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      { date: '2027-02-07', kind: 'holiday', name: '春节' },
      { date: '2027-02-08', kind: 'holiday', name: '春节' },
      { date: '2027-02-09', kind: 'holiday', name: '春节' },
      { date: '2027-02-20', kind: 'workday', name: '春节调休上班' },
    ]
    const response = await put(2027, entries)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ year: 2027, complete: true, entries })
    expect(addWorkingDays('2027-02-08', 1)).toBe('2027-02-10')
    // The previous 2027 rows are gone (replaced, not merged).
    expect(addWorkingDays('2027-01-01', 0)).toBe('2027-01-01')
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-01')
    const audit = await catalogue.db.selectFrom('audit_log').select(['detail']).where('event', '=', 'calendar.replace').execute()
    expect(audit.map((row) => JSON.parse(row.detail!))).toEqual([{ year: 2027, holidays: 4, workdays: 1 }])
  })

  test('bad entries are a 400 naming the entry and field, and nothing changes', async () => {
    const cases: [unknown[], string][] = [
      [[{ date: '2028-02-30', kind: 'holiday', name: '春节' }], 'body.entries[0].date'],
      [[{ date: '2029-01-01', kind: 'holiday', name: '元旦' }], 'body.entries[0].date'],
      [[{ date: '2028-01-01', kind: 'holiday', name: '元旦' }, { date: '2028-01-01', kind: 'holiday', name: '元旦' }], 'body.entries[1].date'],
      [[{ date: '2028-01-03', kind: 'workday', name: '调休' }], 'body.entries[0].kind'],
      [[{ date: '2028-01-01', kind: 'vacation', name: '元旦' }], 'body.entries/0/kind'],
    ]
    for (const [entries, field] of cases) {
      const response = await put(2028, entries)
      expect([field, response.status]).toEqual([field, 400])
      expect(response.body.error.field.replace(/\//g, '.')).toContain(field.replace(/\//g, '.').replace('body.', ''))
    }
    expect((await catalogue.request('/api/operator/calendar?year=2028', { token: admin })).body).toMatchObject({ entries: [], complete: false })
    expect((await put(1999, [])).status).toBe(400)
  })

  test('admins only; the dashboard warns about years not entered', async () => {
    const reviewer = await operatorTokenFor(catalogue.app, ['reviewer'])
    expect((await catalogue.request('/api/operator/calendar', { token: reviewer })).status).toBe(403)
    expect((await put(2028, [], reviewer)).status).toBe(403)
    expect((await catalogue.request('/api/operator/calendar')).status).toBe(401)
    const dashboard = (await catalogue.request('/api/operator/dashboard', { token: reviewer })).body as Dashboard
    const thisYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
    const years = dashboard.calendarWarnings.map((warning) => warning.year)
    // 2026 is complete, 2027 was completed above; any other year this test runs in is not entered.
    for (const year of [thisYear, thisYear + 1]) expect(years.includes(year)).toBe(year !== 2026 && year !== 2027)
  })
})
