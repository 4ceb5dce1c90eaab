/**
 * 办事公开 on every dialect: the public figures of a service, the department ranking and the
 * open data, each checked against figures this test works out itself from the events it
 * seeds (its own working-day count, medians, shares), not from the server's code.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../server/db/database'
import { PERFORMANCE_CACHE_SECONDS, PERFORMANCE_MIN_SAMPLE } from '@/contract/performance/data'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { startEvaluationsApp } from '../../support/evaluations'
import { APPLY_ITEM, insertTestItems } from '../../support/service-items'
import { sessionFor } from '../../support/sessions'

const NOW = new Date('2026-11-27T02:00:00.000Z')
const DEPARTMENT = '测试公开局'
const BIG = { code: 'TESTPERF00000000000BIG', name: '公开测试事项（样本足）', timeLimitDays: 5 }
const SMALL = { code: 'TESTPERF0000000000SMALL', name: '公开测试事项（样本少）', timeLimitDays: 3 }

/** [accepted on, finished on, due on, counter visit, status], China dates; all in November 2026 (no public holiday). */
type Finished = [string, string, string, boolean, 'completed' | 'denied']
const BIG_FINISHED: Finished[] = [
  ['2026-11-02', '2026-11-03', '2026-11-09', false, 'completed'],
  ['2026-11-02', '2026-11-06', '2026-11-09', false, 'completed'],
  ['2026-11-03', '2026-11-10', '2026-11-10', true, 'completed'],
  ['2026-11-04', '2026-11-09', '2026-11-11', false, 'completed'],
  ['2026-11-05', '2026-11-13', '2026-11-12', false, 'completed'],
  ['2026-11-06', '2026-11-09', '2026-11-13', true, 'completed'],
  ['2026-11-09', '2026-11-20', '2026-11-16', false, 'completed'],
  ['2026-11-10', '2026-11-12', '2026-11-17', false, 'denied'],
  ['2026-11-11', '2026-11-18', '2026-11-18', false, 'completed'],
  ['2026-11-12', '2026-11-13', '2026-11-19', true, 'completed'],
  ['2026-11-13', '2026-11-24', '2026-11-20', false, 'completed'],
  ['2026-11-16', '2026-11-17', '2026-11-23', false, 'completed'],
]
const SMALL_FINISHED: Finished[] = [
  ['2026-11-02', '2026-11-04', '2026-11-05', false, 'completed'],
  ['2026-11-09', '2026-11-12', '2026-11-12', true, 'completed'],
  ['2026-11-16', '2026-11-18', '2026-11-19', false, 'completed'],
]
/** Ratings of BIG's finished applications, by index; the 2nd round replaces the 1st. */
const RATINGS: { index: number; round: 1 | 2; rating: number; reason?: string; day: string }[] = [
  { index: 0, round: 1, rating: 5, day: '2026-11-04' },
  { index: 1, round: 1, rating: 4, day: '2026-11-07' },
  { index: 2, round: 1, rating: 2, reason: '窗口让我跑了两趟，\n电话13812345678一直没人接', day: '2026-11-11' },
  { index: 2, round: 2, rating: 4, day: '2026-11-16' },
  { index: 3, round: 1, rating: 3, day: '2026-11-10' },
  { index: 4, round: 1, rating: 1, reason: '超过承诺时限还没办完', day: '2026-11-14' },
  { index: 5, round: 1, rating: 5, day: '2026-11-10' },
  { index: 6, round: 1, rating: 4, day: '2026-11-21' },
  { index: 7, round: 1, rating: 2, reason: '不予许可的理由没说清楚', day: '2026-11-13' },
  { index: 8, round: 1, rating: 5, day: '2026-11-19' },
  { index: 9, round: 1, rating: 4, day: '2026-11-14' },
  { index: 10, round: 1, rating: 3, day: '2026-11-25' },
]
const REPLY = '已约谈窗口负责人，\n已改为一次办结。咨询请拨 13900001111'

// --- the test's own arithmetic ----------------------------------------------------------------

function workingDaysAfter(from: string, to: string): number {
  let count = 0
  for (let day = new Date(`${from}T00:00:00Z`).getTime() + 86_400_000; day <= new Date(`${to}T00:00:00Z`).getTime(); day += 86_400_000) {
    const weekday = new Date(day).getUTCDay()
    if (weekday !== 0 && weekday !== 6) count += 1
  }
  return count
}
const sorted = (values: number[]) => [...values].sort((a, b) => a - b)
const medianOf = (values: number[]) => {
  const s = sorted(values)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const p90Of = (values: number[]) => sorted(values)[Math.ceil(0.9 * values.length) - 1]!
const share = (count: number, of: number) => Math.round((count / of) * 10_000) / 10_000

function expectedTimes(cases: Finished[]) {
  const days = cases.map(([accepted, finished]) => workingDaysAfter(accepted, finished))
  return {
    finished: cases.length,
    medianWorkingDays: medianOf(days),
    p90WorkingDays: p90Of(days),
    withinLimitRate: share(cases.filter(([, finished, due]) => finished <= due).length, cases.length),
    digitalTakeUp: share(cases.filter(([, , , visit]) => !visit).length, cases.length),
  }
}
const latestRatings = () => {
  const latest = new Map<number, number>()
  for (const rating of RATINGS) if (rating.round === 2 || !latest.has(rating.index)) latest.set(rating.index, rating.rating)
  return [...latest.values()]
}

// --- seeding ------------------------------------------------------------------------------------

async function seed(db: Kysely<Database>): Promise<void> {
  await insertTestItems(db)
  const template = await db.selectFrom('service_items').selectAll().where('code', '=', APPLY_ITEM.code).executeTakeFirstOrThrow()
  for (const item of [BIG, SMALL]) {
    const { search_text: _ignored, popularity: _popularity, ...row } = template as typeof template & { search_text?: string; popularity?: number }
    await db.insertInto('service_items').values({ ...row, code: item.code, name: item.name, department: DEPARTMENT, time_limit_days: item.timeLimitDays }).execute()
  }
  const citizen = (await db.selectFrom('citizens').select('id').orderBy('id').executeTakeFirstOrThrow()).id
  const account = (await db.selectFrom('platform_accounts').select('id').orderBy('id').executeTakeFirstOrThrow()).id
  const other = (await db.selectFrom('citizens').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id

  let serial = 0
  const insertApplication = async (code: string, [accepted, finished, due, visit, status]: Finished, submittedAt: string) => {
    serial += 1
    const id = `perf-${String(serial).padStart(3, '0')}`
    await db
      .insertInto('applications')
      .values({
        id,
        number: `PERF${serial}`,
        citizen_id: citizen,
        account_id: account,
        item_code: code,
        idempotency_key: id,
        status,
        form_encrypted: '',
        materials: '[]',
        time_limit_days: 5,
        submitted_at: submittedAt,
        accepted_at: `${accepted}T02:00:00.000Z`,
        due_on: due,
        supplement_items: null,
        supplement_from: null,
        supplement_requested_at: null,
        finished_at: `${finished}T06:00:00.000Z`,
        updated_at: `${finished}T06:00:00.000Z`,
        request_hash: null,
      })
      .execute()
    if (visit) await db.insertInto('application_events').values({ application_id: id, status: 'visited', reason: null, actor: 'op', at: `${accepted}T02:00:00.000Z` }).execute()
    return id
  }
  // BIG: each submitted an hour after a start on the day before its acceptance.
  const bigIds: string[] = []
  for (const entry of BIG_FINISHED) {
    const startedAt = new Date(Date.parse(`${entry[0]}T00:00:00.000Z`) - 86_400_000).toISOString()
    await db.insertInto('application_starts').values({ item_code: BIG.code, citizen_id: citizen, account_id: account, started_at: startedAt }).execute()
    bigIds.push(await insertApplication(BIG.code, entry, new Date(Date.parse(startedAt) + 3_600_000).toISOString()))
  }
  // Abandoned starts (no submission within 24 hours), another citizen; and one still within its 24 hours.
  for (const day of ['2026-10-05', '2026-10-12', '2026-10-19']) {
    await db.insertInto('application_starts').values({ item_code: BIG.code, citizen_id: other, account_id: account, started_at: `${day}T03:00:00.000Z` }).execute()
  }
  await db.insertInto('application_starts').values({ item_code: BIG.code, citizen_id: other, account_id: account, started_at: '2026-11-26T20:00:00.000Z' }).execute()
  // Outside the window or not finished: not counted.
  await insertApplication(BIG.code, ['2026-08-03', '2026-08-10', '2026-08-10', false, 'completed'], '2026-08-02T01:00:00.000Z')
  const open = await insertApplication(BIG.code, ['2026-11-20', '2026-11-20', '2026-11-27', false, 'completed'], '2026-11-19T01:00:00.000Z')
  await db.updateTable('applications').set({ status: 'reviewing', finished_at: null }).where('id', '=', open).execute()
  for (const entry of SMALL_FINISHED) await insertApplication(SMALL.code, entry, `${entry[0]}T01:00:00.000Z`)

  for (const rating of RATINGS) {
    const inserted = await db
      .insertInto('evaluations')
      .values({ application_id: bigIds[rating.index]!, citizen_id: citizen, account_id: account, round: rating.round, rating: rating.rating, tags: JSON.stringify(rating.rating <= 2 ? ['办理慢'] : []), comment: null, reason: rating.reason ?? null, created_at: `${rating.day}T04:00:00.000Z` })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (rating.reason?.startsWith('窗口')) {
      await db
        .insertInto('rectifications')
        .values({ evaluation_id: Number(inserted.id), application_id: bigIds[rating.index]!, item_code: BIG.code, department: DEPARTMENT, status: 'answered', answer: REPLY, answered_by: account, answered_at: '2026-11-12T08:00:00.000Z', created_at: `${rating.day}T04:00:00.000Z` })
        .execute()
    }
  }
}

describe.each(dialects())('办事公开 on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startEvaluationsApp)

  beforeAll(async () => {
    app.clock.set(NOW)
    await sessionFor(app.app, 'zhang-wei')
    await seed(app.db)
  }, 120_000)

  test('a service with enough cases: every figure as worked out from the events', async () => {
    const response = await app.request(`/api/services/${BIG.code}/performance`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe(`public, max-age=${PERFORMANCE_CACHE_SECONDS}`)
    const ratings = latestRatings()
    const times = expectedTimes(BIG_FINISHED)
    expect(response.body).toMatchObject({ code: BIG.code, name: BIG.name, department: DEPARTMENT, timeLimitDays: 5, windowDays: 90, minSample: PERFORMANCE_MIN_SAMPLE, computedAt: NOW.toISOString() })
    expect(response.body.figures).toEqual({
      ...times,
      started: BIG_FINISHED.length + 3,
      completionRate: share(BIG_FINISHED.length, BIG_FINISHED.length + 3),
      ratings: ratings.length,
      satisfiedRate: share(ratings.filter((rating) => rating >= 4).length, ratings.length),
    })
    // The numbers this test expects, spelled out once, so a change in the arithmetic shows.
    expect(times).toEqual({ finished: 12, medianWorkingDays: 3.5, p90WorkingDays: 7, withinLimitRate: 0.75, digitalTakeUp: 0.75 })
  })

  test('the latest bad reviews, newest first, masked and cleaned, with the department\'s reply', async () => {
    const { body } = await app.request(`/api/services/${BIG.code}/performance`)
    expect(body.badReviews).toEqual([
      { rating: 1, ratingName: '非常不满意', ratedOn: '2026-11-14', tags: ['办理慢'], text: '超过承诺时限还没办完', reply: null, repliedOn: null },
      { rating: 2, ratingName: '不满意', ratedOn: '2026-11-13', tags: ['办理慢'], text: '不予许可的理由没说清楚', reply: null, repliedOn: null },
      { rating: 2, ratingName: '不满意', ratedOn: '2026-11-11', tags: ['办理慢'], text: '窗口让我跑了两趟， 电话138****5678一直没人接', reply: '已约谈窗口负责人， 已改为一次办结。咨询请拨 139****1111', repliedOn: '2026-11-12' },
    ])
    expect(JSON.stringify(body)).not.toMatch(/13812345678|13900001111/)
  })

  test('below the minimum sample a figure is hidden (null), its count still given', async () => {
    const { body } = await app.request(`/api/services/${SMALL.code}/performance`)
    expect(body.figures).toEqual({ finished: 3, medianWorkingDays: null, p90WorkingDays: null, withinLimitRate: null, started: 0, completionRate: null, digitalTakeUp: null, ratings: 0, satisfiedRate: null })
    expect(body.badReviews).toEqual([])
  })

  test('an unknown or unpublished item is a 404, a malformed code a 400 naming the field', async () => {
    expect((await app.request('/api/services/NOSUCHCODE/performance')).status).toBe(404)
    expect((await app.request('/api/services/TEST000000000000DRAFT01/performance')).status).toBe(404)
    const bad = await app.request('/api/services/bad%20code!/performance')
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('params.code')
  })

  test('departments ranked by the same figures: ours is the merge of its two items', async () => {
    const { body } = await app.request('/api/performance/departments')
    const ours = body.departments.find((row: { department: string }) => row.department === DEPARTMENT)
    const all = [...BIG_FINISHED, ...SMALL_FINISHED]
    const ratings = latestRatings()
    expect(ours).toMatchObject({
      department: DEPARTMENT,
      items: 2,
      figures: { ...expectedTimes(all), started: BIG_FINISHED.length + 3, completionRate: share(BIG_FINISHED.length, BIG_FINISHED.length + 3), ratings: ratings.length, satisfiedRate: share(ratings.filter((rating) => rating >= 4).length, ratings.length) },
    })
    // Departments with a published within-limit share are ranked 1..k, best share first; the others follow, unranked.
    const rows = body.departments as { rank: number | null; figures: { withinLimitRate: number | null } }[]
    const ranked = rows.filter((row) => row.figures.withinLimitRate !== null)
    expect(ranked.length).toBeGreaterThan(0)
    expect(rows.slice(0, ranked.length)).toEqual(ranked)
    expect(ranked.map((row) => row.rank)).toEqual(ranked.map((_row, index) => index + 1))
    expect(rows.slice(ranked.length).every((row) => row.rank === null)).toBe(true)
    const shares = ranked.map((row) => row.figures.withinLimitRate!)
    expect(shares).toEqual([...shares].sort((a, b) => b - a))
    expect(ours.rank).toBe(ranked.findIndex((row) => row === ours) + 1)
  })

  test('open data: JSON and CSV carry the same rows in the documented columns', async () => {
    const json = await app.request('/api/performance/open-data.json')
    expect(json.status).toBe(200)
    const row = json.body.services.find((service: { code: string }) => service.code === BIG.code)
    const figures = (await app.request(`/api/services/${BIG.code}/performance`)).body.figures
    expect(row).toEqual({ code: BIG.code, name: BIG.name, department: DEPARTMENT, timeLimitDays: 5, ...figures })
    const csv = await app.request('/api/performance/open-data.csv')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe('code,name,department,timeLimitDays,finished,medianWorkingDays,p90WorkingDays,withinLimitRate,started,completionRate,digitalTakeUp,ratings,satisfiedRate')
    expect(lines.length).toBe(json.body.services.length + 1)
    expect(lines).toContain(`${BIG.code},${BIG.name},${DEPARTMENT},5,12,3.5,7,0.75,15,0.8,0.75,11,${figures.satisfiedRate}`)
    expect(lines).toContain(`${SMALL.code},${SMALL.name},${DEPARTMENT},3,3,,,,0,,,0,`)
  })

  test('figures are cached: a new case shows only once the cache time has passed', async () => {
    const before = (await app.request(`/api/services/${SMALL.code}/performance`)).body.figures.finished
    const citizen = (await app.db.selectFrom('citizens').select('id').orderBy('id').executeTakeFirstOrThrow()).id
    const account = (await app.db.selectFrom('platform_accounts').select('id').orderBy('id').executeTakeFirstOrThrow()).id
    await app.db
      .insertInto('applications')
      .values({ id: 'perf-late', number: 'PERFLATE', citizen_id: citizen, account_id: account, item_code: SMALL.code, idempotency_key: 'perf-late', status: 'completed', form_encrypted: '', materials: '[]', time_limit_days: 3, submitted_at: '2026-11-25T01:00:00.000Z', accepted_at: '2026-11-25T02:00:00.000Z', due_on: '2026-11-30', supplement_items: null, supplement_from: null, supplement_requested_at: null, finished_at: '2026-11-26T06:00:00.000Z', updated_at: '2026-11-26T06:00:00.000Z', request_hash: null })
      .execute()
    expect((await app.request(`/api/services/${SMALL.code}/performance`)).body.figures.finished).toBe(before)
    app.clock.advance(PERFORMANCE_CACHE_SECONDS * 1000 + 1)
    expect((await app.request(`/api/services/${SMALL.code}/performance`)).body.figures.finished).toBe(before + 1)
  })
})
