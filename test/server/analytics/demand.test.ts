import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditOf, startEvaluationsApp } from '../../support/evaluations'
import { operatorFor, operatorTokenFor } from '../../support/operators'
import { COUNTER_ITEM, INSTANT_ITEM } from '../../support/service-items'
import { sessionFor } from '../../support/sessions'
import { BAD_REASON, EXPECTED, FOLDED_QUERY, FORMULA_QUERY, NOT_FOUND_QUERY, recordActivity, SEEDED_ITEM, WINDOW } from './activity'

const demandUrl = (query: Record<string, string | number> = WINDOW) => `/api/operator/analytics/demand?${new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]))}`

describe.each(dialects())('demand report on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startEvaluationsApp)
  let editor: string

  beforeAll(async () => {
    await recordActivity(app)
    editor = await operatorTokenFor(app.app, ['content_editor'])
  }, 120_000)

  const report = async (query: Record<string, string | number> = WINDOW) => {
    const response = await app.request(demandUrl(query), { token: editor })
    expect(response.status).toBe(200)
    return response.body
  }

  test('every form opening is recorded as a start', async () => {
    const starts = await app.db.selectFrom('application_starts').select(['item_code', 'started_at']).orderBy('started_at').execute()
    expect(starts.map((start) => start.started_at)).toEqual(['2026-11-16T01:00:00.000Z', '2026-11-16T02:00:00.000Z', '2026-11-16T03:00:00.000Z', '2026-11-26T22:00:00.000Z'])
    expect(new Set(starts.map((start) => start.item_code))).toEqual(new Set([EXPECTED.apply.code]))
  })

  test('per service: views, searches, started/submitted/abandoned, median time to finish, satisfaction', async () => {
    const body = await report()
    expect(body.window).toEqual(WINDOW)
    const byCode = new Map((body.services as { code: string }[]).map((service) => [service.code, service]))
    expect(byCode.get(EXPECTED.apply.code)).toEqual(EXPECTED.apply)
    expect(byCode.get(SEEDED_ITEM.code)).toMatchObject({ name: SEEDED_ITEM.name, ...EXPECTED.seeded })
    expect(byCode.get(COUNTER_ITEM.code)).toMatchObject(EXPECTED.counter)
    // Published items without activity are listed with zeros; drafts without activity are not.
    expect(byCode.get(INSTANT_ITEM.code)).toMatchObject({ views: 0, searches: 0, applicationsStarted: 0, ratings: 0 })
    expect(byCode.has('TEST000000000000DRAFT01')).toBe(false)
    // Most demand first.
    expect((body.services as { code: string }[]).slice(0, 3).map((service) => service.code)).toEqual([EXPECTED.apply.code, SEEDED_ITEM.code, COUNTER_ITEM.code])
    expect(body.totals).toEqual({
      views: 6,
      searches: 3,
      applicationsStarted: 4,
      applicationsSubmitted: 3,
      applicationsAbandoned: 1,
      abandonmentRate: 0.3333,
      finished: 3,
      medianHoursToFinish: 20,
      ratings: 2,
      meanRating: 2.5,
      satisfiedRate: 0.5,
    })
  })

  test('per department: the same figures summed over its items', async () => {
    const body = await report()
    const published = await app.db.selectFrom('service_items').select('code').where('department', '=', '市公安局').where('status', '=', 'published').execute()
    const police = (body.departments as { department: string }[]).find((row) => row.department === '市公安局')
    expect(police).toEqual({
      department: '市公安局',
      items: published.length,
      views: EXPECTED.apply.views + EXPECTED.seeded.views,
      searches: EXPECTED.apply.searches + EXPECTED.seeded.searches,
      applicationsStarted: 4,
      applicationsSubmitted: 3,
      applicationsAbandoned: 1,
      abandonmentRate: 0.3333,
      finished: 3,
      medianHoursToFinish: 20,
      ratings: 2,
      meanRating: 2.5,
      satisfiedRate: 0.5,
    })
    expect((body.departments as { department: string }[])[0]!.department).toBe('市公安局')
  })

  test('most wanted, dead services, zero-result searches and bad-rating tags and reasons', async () => {
    const body = await report()
    expect(body.mostWanted).toEqual([
      { code: EXPECTED.apply.code, name: EXPECTED.apply.name, department: '市公安局', demand: 7, views: 2, searches: 2, applicationsSubmitted: 3 },
      { code: SEEDED_ITEM.code, name: SEEDED_ITEM.name, department: '市公安局', demand: 4, views: 3, searches: 1, applicationsSubmitted: 0 },
      { code: COUNTER_ITEM.code, name: COUNTER_ITEM.name, department: COUNTER_ITEM.department, demand: 1, views: 1, searches: 0, applicationsSubmitted: 0 },
    ])
    expect(body.dead).toEqual([
      { code: COUNTER_ITEM.code, name: COUNTER_ITEM.name, department: COUNTER_ITEM.department, publishedAt: '2026-11-01T00:00:00.000Z', lastViewedAt: '2026-11-03T02:00:00.000Z' },
      { code: INSTANT_ITEM.code, name: INSTANT_ITEM.name, department: INSTANT_ITEM.department, publishedAt: '2026-11-01T00:00:00.000Z', lastViewedAt: null },
    ])
    expect(body.zeroResultSearches).toEqual([
      { query: NOT_FOUND_QUERY, count: 2, lastSeen: '2026-11-10T02:00:00.000Z' },
      { query: FORMULA_QUERY, count: 1, lastSeen: '2026-11-12T03:00:00.000Z' },
      { query: FOLDED_QUERY, count: 1, lastSeen: '2026-11-12T02:00:00.000Z' },
    ])
    // Both bad ratings count, although A was re-rated 满意 afterwards.
    expect(body.badRatingTags).toEqual([
      { text: '时限超期', count: 2 },
      { text: '指引不清', count: 1 },
    ])
    expect(body.badRatingReasons).toEqual([{ text: BAD_REASON, count: 2 }])
  })

  test('the window decides what counts: top, dead days and an earlier end', async () => {
    // Ending on 17 Nov 12:00: all three submits (B at 08:00), zhang's second opening not yet;
    // li-na's opening (16 Nov 02:00) has had its 24 hours without a submit; only C finished.
    const early = await report({ from: WINDOW.from, to: '2026-11-17T12:00:00.000Z', top: 1, deadDays: 5 })
    const apply = (early.services as { code: string }[]).find((service) => service.code === EXPECTED.apply.code)
    expect(apply).toMatchObject({ applicationsStarted: 3, applicationsSubmitted: 3, applicationsAbandoned: 1, abandonmentRate: 0.3333, finished: 1, medianHoursToFinish: 20, ratings: 0 })
    expect(early.mostWanted).toHaveLength(1)
    expect(early.zeroResultSearches).toEqual([{ query: NOT_FOUND_QUERY, count: 2, lastSeen: '2026-11-10T02:00:00.000Z' }])
    // Every item was published on 20 Nov except the three test items (1 Nov): only those are
    // judged, and none was viewed in the 5 days before 17 Nov 12:00 (APPLY last on 10 Nov).
    expect((early.dead as { code: string }[]).map((item) => item.code)).toEqual([EXPECTED.apply.code, COUNTER_ITEM.code, INSTANT_ITEM.code])
    // The default window is the 30 days before now (the app's clock: 27 Nov 02:00).
    const byDefault = await report({})
    expect(byDefault.window).toEqual({ from: '2026-10-28T02:00:00.000Z', to: '2026-11-27T02:00:00.000Z', deadDays: 30, top: 10 })
    expect(byDefault.totals.views).toBe(6)
  })

  test('needs an operator with admin, content_editor or reviewer: 401 without, 403 for other roles', async () => {
    expect((await app.request(demandUrl())).status).toBe(401)
    const citizen = await sessionFor(app.app, 'zhang-wei')
    expect((await app.request(demandUrl(), { token: citizen })).status).toBe(401)
    for (const roles of [['health_officer'], ['verifier'], []] as const) {
      const response = await app.request(demandUrl(), { token: await operatorTokenFor(app.app, [...roles]) })
      expect([roles, response.status, response.body.error?.code]).toEqual([roles, 403, 'FORBIDDEN'])
    }
    for (const role of ['admin', 'content_editor', 'reviewer'] as const) {
      const response = await app.request(demandUrl(), { token: await operatorTokenFor(app.app, [role]) })
      expect([role, response.status]).toEqual([role, 200])
    }
  })

  test('every read is audited with the operator and the window', async () => {
    const operator = await operatorFor(app.app, ['reviewer'])
    expect((await app.request(demandUrl(), { token: operator.token })).status).toBe(200)
    const rows = await auditOf(app.db, 'analytics.demand')
    expect(rows.at(-1)).toMatchObject({ operator_id: operator.id, detail: { from: WINDOW.from, to: WINDOW.to, deadDays: 20, top: 5 } })
  })

  test.each([
    [{ from: '2026-11-27T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'query.from', 'before to'],
    [{ from: '2025-01-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'query.from', 'window at most 366 days'],
    [{ deadDays: 0 }, 'query.deadDays', 'minimum 1'],
    [{ top: 101 }, 'query.top', 'maximum 100'],
    [{ from: 'yesterday' }, 'query.from', 'format date-time'],
  ] as [Record<string, string | number>, string, string][])('bad input %j is 400 naming %s', async (query, field, rule) => {
    const response = await app.request(demandUrl(query), { token: editor })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
    expect(response.body.error.rule).toContain(rule.split(' ')[0])
  })
})
