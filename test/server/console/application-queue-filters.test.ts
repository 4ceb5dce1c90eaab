import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, zhangWei } from '../../support/identity'
import { APPLY_ITEM, INSTANT_ITEM } from '../../support/service-items'
import { startApplicationsApp, submitBody } from '../applications/harness'

/** Monday 23 Nov 2026, 09:00 in China. */
const MONDAY = new Date('2026-11-23T01:00:00Z')
const DAY = 24 * 60 * 60 * 1000

/** The console's 办件 filters run on the server, over every page: service, department, overdue / due within 1 working day. */
describe.each(dialects())('reviewer queue filters ($name)', (dialect) => {
  const { app } = useDialectApp(dialect, startApplicationsApp)
  const ids: Record<string, string> = {}

  const submitted = async (itemCode: string) => {
    const response = await app.submit(await app.citizen('h5dev', zhangWei.key), submitBody({ itemCode }))
    if (response.status !== 201) throw new Error(response.text)
    return response.body.id as string
  }
  const move = async (id: string, ...steps: [string, string?][]) => {
    for (const [to, reason] of steps) {
      const response = await app.transition(await app.reviewerToken(), id, to, reason)
      if (response.status !== 200) throw new Error(`${to}: ${response.text}`)
    }
  }
  const queue = async (query: string) => {
    const response = await app.request(`/api/operator/applications?pageSize=50&${query}`, { token: await app.reviewerToken() })
    if (response.status !== 200) throw new Error(response.text)
    const shown = (response.body.items as { id: string }[]).map((item) => Object.entries(ids).find(([, id]) => id === item.id)?.[0] ?? item.id)
    return { shown: shown.sort(), total: response.body.total as number }
  }

  beforeAll(async () => {
    app.clock.set(MONDAY)
    ids.fiveDays = await submitted(APPLY_ITEM.code) // accepted Monday: due Monday 30 Nov
    await move(ids.fiveDays, ['accepted'])
    ids.instant = await submitted(INSTANT_ITEM.code) // 即办 accepted Monday: due that day
    await move(ids.instant, ['accepted'])
    ids.waiting = await submitted(APPLY_ITEM.code) // not accepted: no countdown
    ids.finishedLate = await submitted(INSTANT_ITEM.code) // due Monday, finished later: no longer counting
    await move(ids.finishedLate, ['accepted'])
  })

  test('overdue: countdowns still running whose due day has passed (the due day itself is still in time)', async () => {
    app.clock.set(MONDAY)
    expect((await queue('due=overdue')).shown).toEqual([])
    app.clock.set(new Date(MONDAY.getTime() + DAY)) // Tuesday
    await move(ids.finishedLate, ['reviewing'], ['completed', '证明已出具'])
    expect(await queue('due=overdue')).toEqual({ shown: ['instant'], total: 1 })
  })

  test('within1: due today or on the next working day, counted on the working calendar (Friday → Monday)', async () => {
    app.clock.set(new Date(MONDAY.getTime() + DAY)) // Tuesday: the five-day one is due next Monday
    expect((await queue('due=within1')).shown).toEqual([])
    app.clock.set(new Date(MONDAY.getTime() + 4 * DAY)) // Friday: Monday is the next working day
    expect((await queue('due=within1')).shown).toEqual(['fiveDays'])
    app.clock.set(new Date(MONDAY.getTime() + 7 * DAY)) // that Monday: due today
    expect((await queue('due=within1')).shown).toEqual(['fiveDays'])
    app.clock.set(new Date(MONDAY.getTime() + 8 * DAY)) // Tuesday: overdue now, not "within 1"
    expect((await queue('due=within1')).shown).toEqual([])
    expect((await queue('due=overdue')).shown).toEqual(['fiveDays', 'instant'])
  })

  test('service, department and status narrow together; total counts every page', async () => {
    app.clock.set(new Date(MONDAY.getTime() + 8 * DAY))
    expect((await queue(`service=${INSTANT_ITEM.code}`)).shown).toEqual(['finishedLate', 'instant'])
    expect((await queue(`department=${encodeURIComponent(APPLY_ITEM.department)}`)).shown).toEqual(['fiveDays', 'waiting'])
    expect((await queue(`department=${encodeURIComponent(APPLY_ITEM.department)}&status=submitted`)).shown).toEqual(['waiting'])
    expect((await queue(`service=${INSTANT_ITEM.code}&due=overdue`)).shown).toEqual(['instant'])
    expect((await queue(`department=${encodeURIComponent('没有这个部门')}`)).total).toBe(0)
    const paged = await app.request(`/api/operator/applications?pageSize=1&service=${INSTANT_ITEM.code}`, { token: await app.reviewerToken() })
    expect([paged.body.items.length, paged.body.total]).toEqual([1, 2])
    const audited = (await auditRows(app.db, 'application.operator_list')).at(-1)
    expect(audited?.detail).toMatchObject({ service: INSTANT_ITEM.code, status: 'all' })
  })

  test('bad filters are 400 naming the parameter', async () => {
    const token = await app.reviewerToken()
    for (const [query, field] of [
      ['due=soon', 'query.due'],
      ['service=not%20a%20code', 'query.service'],
      [`department=${'局'.repeat(51)}`, 'query.department'],
      ['department=%07', 'query.department'],
    ]) {
      const response = await app.request(`/api/operator/applications?${query}`, { token })
      expect([query, response.status, response.body.error.field]).toEqual([query, 400, field])
    }
  })
})
