/** The dashboard folds each live citizen action into the snapshot it started from (console/src/ui/liveFeed.ts). */
import { apply } from '../../console/src/ui/liveFeed'
import type { Dashboard } from '../../src/contract/console/schemas'

const minute = (iso: string) => ({ minute: iso, views: 0, searches: 0, starts: 0, submissions: 0 })
const snapshot: Dashboard = {
  generatedAt: '2026-12-06T04:30:10.000Z',
  perMinute: [minute('2026-12-06T04:29:00.000Z'), minute('2026-12-06T04:30:00.000Z')],
  totals: { today: '2026-12-06', views: 5, searches: 2, starts: 0, submissions: 0 },
  topServices: [{ code: 'A', name: '甲', views: 3 }],
  zeroResultSearches: [],
  deadServices: [],
  abandonment: [],
  timeToFinish: [],
  satisfaction: [],
  calendarWarnings: [],
}

test('a view counts in its minute, today, and the top services (new ones join, order by views)', () => {
  let next = apply(snapshot, { kind: 'view', at: '2026-12-06T04:30:20.000Z', serviceCode: 'B', serviceName: '乙' })
  next = apply(next, { kind: 'view', at: '2026-12-06T04:30:21.000Z', serviceCode: 'B', serviceName: '乙' })
  next = apply(next, { kind: 'view', at: '2026-12-06T04:30:22.000Z', serviceCode: 'B', serviceName: '乙' })
  next = apply(next, { kind: 'view', at: '2026-12-06T04:30:23.000Z', serviceCode: 'B', serviceName: '乙' })
  expect(next.perMinute[1]!.views).toBe(4)
  expect(next.totals.views).toBe(9)
  expect(next.topServices).toEqual([
    { code: 'B', name: '乙', views: 4 },
    { code: 'A', name: '甲', views: 3 },
  ])
  expect(snapshot.topServices).toHaveLength(1)
})

test('a search with no result is a search and a zero-result row; a new minute is appended, keeping 60', () => {
  const full = { ...snapshot, perMinute: Array.from({ length: 60 }, (_, i) => minute(new Date(Date.UTC(2026, 11, 6, 3, 31 + i)).toISOString())) }
  let next = apply(full, { kind: 'search_zero', at: '2026-12-06T04:31:05.000Z', query: '龘靐' })
  next = apply(next, { kind: 'search_zero', at: '2026-12-06T04:31:06.000Z', query: '龘靐' })
  expect(next.perMinute).toHaveLength(60)
  expect(next.perMinute.at(-1)).toEqual({ ...minute('2026-12-06T04:31:00.000Z'), searches: 2 })
  expect(next.totals.searches).toBe(4)
  expect(next.zeroResultSearches).toEqual([{ query: '龘靐', count: 2, lastAt: '2026-12-06T04:31:06.000Z' }])
})
