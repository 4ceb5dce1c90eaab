import { randomUUID } from 'node:crypto'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { zhangWei } from '../../support/identity'
import { APPLY_ITEM, insertTestItems, VALID_VALUES } from '../../support/service-items'
import { MONDAY, startAppointmentsApp } from './harness'

/** 新生儿入户: labelled 在线预审, served by the demo halls. */
const PRE_REVIEW_ITEM = 'SF-GA-0006'
const HALL = 'chengdong-police'

describe.each(dialects())('在线预审: submit, 补正, 预审通过, the hall visit recorded on the application on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startAppointmentsApp)
  const zhang = () => app.proven('h5dev', zhangWei.key, zhangWei)
  const move = async (id: string, payload: Record<string, unknown>) => app.request(`/api/operator/applications/${id}/transition`, { method: 'POST', token: await app.reviewerToken(), payload })
  const submit = async (itemCode: string) =>
    app.request('/api/applications', { method: 'POST', token: await zhang(), headers: { 'idempotency-key': randomUUID() }, payload: { itemCode, values: {} } })

  beforeEach(() => app.clock.set(MONDAY))

  test('the citizen goes once: 补正 named, answered; 预审通过 tells them to book; the hall scan accepts the application on the spot', async () => {
    const form = await app.request(`/api/services/${PRE_REVIEW_ITEM}/application-form`, { token: await zhang() })
    expect(form.status).toBe(200)
    expect(form.body.item.name).toBe('新生儿入户')

    const submitted = await submit(PRE_REVIEW_ITEM)
    expect(submitted.status).toBe(201)
    const id = submitted.body.id as string

    // 补正 naming the material, answered by the citizen: back to the reviewer, as for any application.
    expect((await move(id, { to: 'supplement_requested', missingItems: ['出生医学证明'] })).status).toBe(200)
    const answered = await app.request(`/api/applications/${id}/supplement`, { method: 'POST', token: await zhang(), payload: { note: '已重新上传出生医学证明照片' } })
    expect(answered.body.status).toBe('submitted')

    const passed = await move(id, { to: 'pre_review_passed' })
    expect(passed.status).toBe(200)
    const detail = await app.request(`/api/applications/${id}`, { token: await zhang() })
    expect(detail.body).toMatchObject({ status: 'pre_review_passed', statusName: '预审通过', dueOn: null })
    expect(detail.body.deadlineText).toMatch(/^预审已通过，请预约到大厅提交原件，一次办好；到场受理后开始计算/)
    expect(detail.body.timeline.at(-1)).toMatchObject({ statusName: '预审通过', reason: expect.stringMatching(/请在“预约办理”中预约到大厅的时段/) })

    // The booking for the item, the day comes, the hall scans it.
    const booked = await app.book(await zhang(), { itemCode: PRE_REVIEW_ITEM, hallId: HALL, date: '2026-09-15', start: '10:30' })
    expect(booked.status).toBe(201)
    app.clock.set(new Date('2026-09-15T02:20:00Z'))
    const code = (await app.request(`/api/appointments/${booked.body.id}/code`, { token: await zhang() })).body.code as string
    const scan = await app.request('/api/operator/appointments/check-in', { method: 'POST', token: await app.reviewerToken(), payload: { code } })
    expect(scan.body).toMatchObject({ valid: true, preReview: { applicationNumber: submitted.body.number, note: expect.stringMatching(/现场受理/) } })

    const visited = await app.request(`/api/applications/${id}`, { token: await zhang() })
    expect(visited.body).toMatchObject({ status: 'visited', statusName: '已到大厅', dueOn: '2026-09-16' })
    expect(visited.body.timeline.map((event: { status: string }) => event.status)).toEqual(['submitted', 'supplement_requested', 'submitted', 'pre_review_passed', 'visited'])
    expect(visited.body.timeline.at(-1).reason).toBe('已按预约到城东派出所户籍窗口提交原件，现场受理')
    expect(visited.body.deadlineText).toMatch(/还剩 1 个工作日/)

    // The department finishes it; a second scan moves nothing.
    expect((await move(id, { to: 'completed' })).body.status).toBe('completed')
    expect((await app.request('/api/operator/appointments/check-in', { method: 'POST', token: await app.reviewerToken(), payload: { code } })).body).toMatchObject({ valid: false, reason: 'already_checked_in' })
  })

  test('预审通过 is refused for an item not labelled 在线预审, and 已到大厅 is not a reviewer step', async () => {
    await insertTestItems(app.db)
    const online = await app.request('/api/applications', { method: 'POST', token: await zhang(), headers: { 'idempotency-key': randomUUID() }, payload: { itemCode: APPLY_ITEM.code, values: { ...VALID_VALUES } } })
    expect(online.status).toBe(201)
    const id = online.body.id as string
    const refused = await move(id, { to: 'pre_review_passed' })
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toMatch(/不是在线预审事项/)
    const pre = await submit(PRE_REVIEW_ITEM)
    const skip = await move(pre.body.id, { to: 'visited' })
    expect(skip.status).toBe(409)
  })
})
