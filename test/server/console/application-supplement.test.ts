import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, liNa, zhangWei } from '../../support/identity'
import { startApplicationsApp, submitBody } from '../applications/harness'

/** Monday 23 Nov 2026, 09:00 in China. */
const MONDAY = new Date('2026-11-23T01:00:00Z')
const DAY = 24 * 60 * 60 * 1000

/** 补正: the reviewer names what is missing, the time limit waits, the citizen's 已补正 returns it to where it was. */
describe.each(dialects())('applications: 补正 (supplement requested) on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startApplicationsApp)

  const zhang = () => app.citizen('h5dev', zhangWei.key)
  const submitted = async () => {
    const response = await app.submit(await zhang(), submitBody())
    if (response.status !== 201) throw new Error(response.text)
    return response.body.id as string
  }
  const move = async (id: string, to: string, extra: Record<string, unknown> = {}) =>
    app.request(`/api/operator/applications/${id}/transition`, { method: 'POST', token: await app.reviewerToken(), payload: { to, ...extra } })
  const answer = async (id: string, note: unknown, token?: string) =>
    app.request(`/api/applications/${id}/supplement`, { method: 'POST', token: token ?? (await zhang()), payload: { note } })
  const detail = async (id: string) => (await app.request(`/api/applications/${id}`, { token: await zhang() })).body

  test('from submitted: the citizen sees 待补正 with the items, answers 已补正 and it is back in the queue as submitted; timeline shows both; audited', async () => {
    app.clock.set(MONDAY)
    const id = await submitted()
    const asked = await move(id, 'supplement_requested', { missingItems: [' 户口簿首页复印件 ', '单位证明（加盖公章）', '户口簿首页复印件'] })
    expect(asked.status).toBe(200)
    expect(asked.body).toMatchObject({ status: 'supplement_requested', statusName: '待补正', supplementItems: ['户口簿首页复印件', '单位证明（加盖公章）'] })

    const seen = await detail(id)
    expect(seen).toMatchObject({ status: 'supplement_requested', supplementItems: ['户口簿首页复印件', '单位证明（加盖公章）'], workingDaysLeft: null, dueOn: null })
    expect(seen.deadlineText).toContain('补正期间不计算办理时限')
    expect(seen.timeline.at(-1)).toMatchObject({ status: 'supplement_requested', reason: '需要补正：户口簿首页复印件；单位证明（加盖公章）' })
    const queued = await app.request('/api/operator/applications?status=supplement_requested', { token: await app.reviewerToken() })
    expect(queued.body.items.map((item: { id: string }) => item.id)).toContain(id)
    // The citizen is told (subscription message) what is missing.
    const outbox = await app.db.selectFrom('notification_outbox').select('payload').where('application_id', '=', id).execute()
    expect(outbox.map((row) => JSON.parse(row.payload).note)).toContain('需要补正：户口簿首页复印件；单位证明（加盖公章）')

    const answered = await answer(id, ' 已上传户口簿首页，单位证明明天送到窗口。 ')
    expect(answered.status).toBe(200)
    expect(answered.body).toMatchObject({ status: 'submitted', canWithdraw: true })
    expect(answered.body.supplementItems).toBeUndefined()
    expect(answered.body.timeline.map((event: { status: string }) => event.status)).toEqual(['submitted', 'supplement_requested', 'submitted'])
    expect(answered.body.timeline.at(-1).reason).toBe('已补正：已上传户口簿首页，单位证明明天送到窗口。')
    const back = await app.request('/api/operator/applications?status=submitted', { token: await app.reviewerToken() })
    expect(back.body.items.map((item: { id: string }) => item.id)).toContain(id)
    expect((await auditRows(app.db, 'application.supplement')).at(-1)).toMatchObject({ detail: { applicationId: id, to: 'submitted' } })

    const again = await answer(id, '再补正一次。')
    expect([again.status, again.body.error.code]).toEqual([409, 'APPLICATION_STATUS_CONFLICT'])
  })

  test('the time limit does not run while it waits: accepted Monday (due next Monday), 补正 Tuesday, answered Thursday → due two working days later', async () => {
    app.clock.set(MONDAY)
    const id = await submitted()
    await move(id, 'accepted')
    expect((await detail(id)).dueOn).toBe('2026-11-30')
    app.clock.set(new Date(MONDAY.getTime() + DAY)) // Tuesday
    expect((await move(id, 'supplement_requested', { missingItems: ['申请人签字页'] })).status).toBe(200)
    app.clock.set(new Date(MONDAY.getTime() + 8 * DAY)) // Tuesday a week later: would be overdue, but paused
    expect(await detail(id)).toMatchObject({ overdue: false, workingDaysLeft: null })
    const overdue = await app.request('/api/operator/applications?due=overdue', { token: await app.reviewerToken() })
    expect(overdue.body.items.map((item: { id: string }) => item.id)).not.toContain(id)
    app.clock.set(new Date(MONDAY.getTime() + 3 * DAY)) // back to Thursday of the first week for the answer
    const answered = await answer(id, '签字页已补充上传。')
    expect(answered.body).toMatchObject({ status: 'accepted', dueOn: '2026-12-02', acceptedAt: MONDAY.toISOString() })
  })

  test('from reviewing it returns to reviewing; from a final status it is refused', async () => {
    app.clock.set(MONDAY)
    const id = await submitted()
    await move(id, 'accepted')
    await move(id, 'reviewing')
    await move(id, 'supplement_requested', { missingItems: ['补充说明'] })
    expect((await answer(id, '说明已补充。')).body.status).toBe('reviewing')
    await move(id, 'completed', { reason: '证明已出具' })
    const late = await move(id, 'supplement_requested', { missingItems: ['补充说明'] })
    expect([late.status, late.body.error.code]).toEqual([409, 'APPLICATION_STATUS_CONFLICT'])
  })

  test('bad input: missing items required and only for 补正; the note 2-500 characters; someone else’s is 404; nothing changes', async () => {
    app.clock.set(MONDAY)
    const id = await submitted()
    for (const [extra, field] of [
      [{}, 'body.missingItems'],
      [{ missingItems: [] }, 'body.missingItems'],
      [{ missingItems: ['  '] }, 'body.missingItems'],
      [{ missingItems: ['x'.repeat(101)] }, 'body.missingItems/0'],
      [{ missingItems: ['含\u0007控制字符'] }, 'body.missingItems/0'],
      [{ missingItems: Array.from({ length: 21 }, (_, index) => `材料${index}`) }, 'body.missingItems'],
    ] as [Record<string, unknown>, string][]) {
      const refused = await move(id, 'supplement_requested', extra)
      expect([JSON.stringify(extra).slice(0, 40), refused.status, refused.body.error.field.replace(/\.(\d+)$/, '/$1')]).toEqual([JSON.stringify(extra).slice(0, 40), 400, field])
    }
    const wrongUse = await move(id, 'accepted', { missingItems: ['户口簿'] })
    expect([wrongUse.status, wrongUse.body.error.field]).toEqual([400, 'body.missingItems'])
    expect((await detail(id)).status).toBe('submitted')

    await move(id, 'supplement_requested', { missingItems: ['户口簿'] })
    for (const note of ['', '好', 'x'.repeat(501)]) {
      const refused = await answer(id, note)
      expect([refused.status, refused.body.error.field]).toEqual([400, 'body.note'])
    }
    const other = await answer(id, '别人想替我补正。', await app.citizen('h5dev', liNa.key, liNa))
    expect(other.status).toBe(404)
    expect((await detail(id)).status).toBe('supplement_requested')
  })
})
