/**
 * Recorded activity for the demand-report suites, made through the real routes with a
 * movable clock: guide views, searches (some finding nothing), application forms opened,
 * submits, reviewer transitions to 办结 / 不予许可, ratings (bad ones with reasons), a
 * rectification answered and a re-rate. `EXPECTED` is what the report must say about it,
 * worked out by hand from the timeline below (window 2026-11-01 … 2026-11-27, dead after 20 days).
 */
import { randomUUID } from 'node:crypto'
import { searchTextOf } from '../../../server/catalogue/search-text'
import type { EvaluationsApp } from '../../support/evaluations'
import { operatorTokenFor } from '../../support/operators'
import { APPLY_ITEM, COUNTER_ITEM, INSTANT_ITEM, insertTestItems, VALID_VALUES } from '../../support/service-items'
import { sessionFor } from '../../support/sessions'

export const WINDOW = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z', deadDays: 20, top: 5 }
export const SEEDED_ITEM = { code: 'SF-GA-0005', name: '户籍证明开具' }
/** With an ASCII comma and quotes: CSV must quote it and double the quotes. */
export const BAD_REASON = '办理时间太长, 超过了"承诺时限"'
export const NOT_FOUND_QUERY = '不存在的事项'
/** Searched as ＺＺＱＱ (full width) and recorded folded. */
export const FOLDED_QUERY = 'zzqq'
/** A zero-result query a spreadsheet would run as a formula. */
export const FORMULA_QUERY = '=1+1'

const at = (iso: string) => new Date(iso)
const HOUR = 60 * 60 * 1000

export async function recordActivity(app: EvaluationsApp): Promise<{ applications: Record<'a' | 'b' | 'c', string> }> {
  await insertTestItems(app.db)
  // insertTestItems writes rows as the applications suites need them, without the search text an import writes.
  for (const item of [APPLY_ITEM, INSTANT_ITEM, COUNTER_ITEM]) {
    await app.db.updateTable('service_items').set({ search_text: searchTextOf({ name: item.name, aliases: [], department: item.department }) }).where('code', '=', item.code).execute()
  }
  // Every item counts as published on 20 Nov (too recent to be judged dead), except the
  // three test items published on 1 Nov: INSTANT never viewed, COUNTER viewed only before
  // the 20-day cut-off (7 Nov), APPLY viewed after it.
  await app.db.updateTable('service_items').set({ published_at: '2026-11-20T00:00:00.000Z' }).where('status', '=', 'published').execute()
  await app.db
    .updateTable('service_items')
    .set({ published_at: '2026-11-01T00:00:00.000Z' })
    .where('code', 'in', [APPLY_ITEM.code, INSTANT_ITEM.code, COUNTER_ITEM.code])
    .execute()

  const get = async (path: string, token?: string) => {
    const response = await app.request(path, { token })
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`)
    return response.body as Record<string, unknown>
  }
  const search = async (q: string) => get(`/api/services/search?q=${encodeURIComponent(q)}`)
  const view = (code: string) => get(`/api/services/${code}`)
  // Sessions end after 30 idle minutes: every step logs in afresh at the clock's time.
  const citizen = (key: string) => sessionFor(app.app, key)
  const openForm = async (key: string) => get(`/api/services/${APPLY_ITEM.code}/application-form`, await citizen(key))
  const submit = async (key: string) => {
    const response = await app.request('/api/applications', {
      method: 'POST',
      token: await citizen(key),
      headers: { 'idempotency-key': randomUUID() },
      payload: { itemCode: APPLY_ITEM.code, values: { ...VALID_VALUES } },
    })
    if (response.status !== 201) throw new Error(`submit: ${response.status} ${response.text}`)
    return response.body.id as string
  }
  const move = async (id: string, to: string, when: Date, reason?: string) => {
    app.clock.set(when)
    const token = await operatorTokenFor(app.app, ['reviewer'])
    const response = await app.request(`/api/operator/applications/${id}/transition`, { method: 'POST', token, payload: reason ? { to, reason } : { to } })
    if (response.status !== 200) throw new Error(`${to}: ${response.status} ${response.text}`)
  }
  const rate = async (key: string, id: string, body: Record<string, unknown>, path = 'evaluation') => {
    const response = await app.request(`/api/applications/${id}/${path}`, { method: 'POST', token: await citizen(key), payload: body })
    if (response.status !== 201) throw new Error(`rate: ${response.status} ${response.text}`)
  }

  // Before the window: counted nowhere (but a view before the window still is a last view).
  app.clock.set(at('2026-10-20T02:00:00.000Z'))
  await search(NOT_FOUND_QUERY)
  await view(SEEDED_ITEM.code)

  // Guide views and searches.
  app.clock.set(at('2026-11-03T02:00:00.000Z'))
  await view(COUNTER_ITEM.code)
  app.clock.set(at('2026-11-05T02:00:00.000Z'))
  await search(NOT_FOUND_QUERY)
  app.clock.set(at('2026-11-10T02:00:00.000Z'))
  await search(NOT_FOUND_QUERY)
  app.clock.set(at('2026-11-10T03:00:00.000Z'))
  for (let index = 0; index < 3; index += 1) await view(SEEDED_ITEM.code)
  for (let index = 0; index < 2; index += 1) await view(APPLY_ITEM.code)
  for (let index = 0; index < 2; index += 1) {
    const hits = (await search(APPLY_ITEM.name)).items as { code: string }[]
    if (hits[0]?.code !== APPLY_ITEM.code) throw new Error(`searching its name should find ${APPLY_ITEM.code} first`)
  }
  const seededHits = (await search(SEEDED_ITEM.name)).items as { code: string }[]
  if (seededHits[0]?.code !== SEEDED_ITEM.code) throw new Error(`searching its name should find ${SEEDED_ITEM.code} first`)
  app.clock.set(at('2026-11-12T02:00:00.000Z'))
  await search('ＺＺＱＱ')
  app.clock.set(at('2026-11-12T03:00:00.000Z'))
  await search(FORMULA_QUERY)

  // Forms opened (Monday 16 Nov) and applications submitted: zhang submits 10 minutes after
  // opening, wang 5 minutes after, li-na 30 hours after (too late: her opening was abandoned).
  app.clock.set(at('2026-11-16T01:00:00.000Z'))
  await openForm('zhang-wei')
  app.clock.set(at('2026-11-16T01:10:00.000Z'))
  const a = await submit('zhang-wei')
  app.clock.set(at('2026-11-16T02:00:00.000Z'))
  await openForm('li-na')
  app.clock.set(at('2026-11-16T03:00:00.000Z'))
  await openForm('wang-xiaoming')
  app.clock.set(at('2026-11-16T03:05:00.000Z'))
  const c = await submit('wang-xiaoming')
  app.clock.set(at('2026-11-17T08:00:00.000Z'))
  const b = await submit('li-na')

  // Review: A completed 50 h after submission, C completed after 20 h, B denied after 10 h.
  const submittedA = at('2026-11-16T01:10:00.000Z').getTime()
  await move(a, 'accepted', new Date(submittedA + 1 * HOUR))
  await move(a, 'reviewing', new Date(submittedA + 2 * HOUR))
  await move(a, 'completed', new Date(submittedA + 50 * HOUR))
  const submittedC = at('2026-11-16T03:05:00.000Z').getTime()
  await move(c, 'accepted', new Date(submittedC + 1 * HOUR))
  await move(c, 'reviewing', new Date(submittedC + 2 * HOUR))
  await move(c, 'completed', new Date(submittedC + 20 * HOUR))
  const submittedB = at('2026-11-17T08:00:00.000Z').getTime()
  await move(b, 'accepted', new Date(submittedB + 1 * HOUR))
  await move(b, 'reviewing', new Date(submittedB + 2 * HOUR))
  await move(b, 'denied', new Date(submittedB + 10 * HOUR), '不符合办理条件')

  // Ratings: C 非常不满意, A 不满意 (same reason), then A's rectification is answered and
  // zhang re-rates it 满意: A's latest rating is 4, C's is 1.
  app.clock.set(at('2026-11-19T02:00:00.000Z'))
  await rate('wang-xiaoming', c, { rating: 1, tags: ['时限超期'], reason: BAD_REASON })
  app.clock.set(at('2026-11-19T03:00:00.000Z'))
  await rate('zhang-wei', a, { rating: 2, tags: ['时限超期', '指引不清'], reason: BAD_REASON })
  app.clock.set(at('2026-11-20T02:00:00.000Z'))
  const rectification = await app.db.selectFrom('rectifications').select('id').where('application_id', '=', a).executeTakeFirstOrThrow()
  const answered = await app.request(`/api/operator/rectifications/${rectification.id}/answer`, {
    method: 'POST',
    token: await operatorTokenFor(app.app, ['reviewer']),
    payload: { answer: '已督促窗口按时限办结，并致歉' },
  })
  if (answered.status !== 200) throw new Error(`answer: ${answered.status} ${answered.text}`)
  app.clock.set(at('2026-11-21T02:00:00.000Z'))
  await rate('zhang-wei', a, { rating: 4, tags: ['态度好'] }, 'evaluation/re-rate')

  // Two hours before the window ends zhang opens the form again: its 24 hours are not over.
  app.clock.set(at('2026-11-26T22:00:00.000Z'))
  await openForm('zhang-wei')

  app.clock.set(at('2026-11-27T02:00:00.000Z'))
  return { applications: { a, b, c } }
}

/** What the report says about the activity above (window WINDOW). */
export const EXPECTED = {
  apply: {
    code: APPLY_ITEM.code,
    name: APPLY_ITEM.name,
    department: APPLY_ITEM.department,
    status: 'published',
    views: 2,
    searches: 2,
    applicationsStarted: 4,
    applicationsSubmitted: 3,
    // li-na's opening; zhang's last opening is still within its 24 hours.
    applicationsAbandoned: 1,
    abandonmentRate: 0.3333,
    finished: 3,
    // 10, 20 and 50 hours.
    medianHoursToFinish: 20,
    ratings: 2,
    meanRating: 2.5,
    satisfiedRate: 0.5,
  },
  seeded: { views: 3, searches: 1, applicationsStarted: 0, applicationsSubmitted: 0, abandonmentRate: null, finished: 0, medianHoursToFinish: null, ratings: 0, meanRating: null, satisfiedRate: null },
  counter: { views: 1, searches: 0 },
}
