import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, liNa, zhangWei } from '../../support/identity'
import { operatorTokenFor } from '../../support/operators'
import { INSTANT_ITEM } from '../../support/service-items'
import { startApplicationsApp, submitBody } from './harness'

/** Monday 23 Nov 2026, 09:00 in China. */
const MONDAY = new Date('2026-11-23T01:00:00Z')
const DAY = 24 * 60 * 60 * 1000

describe.each(dialects())('applications: review, withdraw and timeline on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startApplicationsApp)

  /** Sessions expire when the clock jumps days ahead: every step logs in afresh. */
  const zhang = () => app.citizen('h5dev', zhangWei.key)
  const submitted = async (body = submitBody()) => {
    const response = await app.submit(await zhang(), body)
    if (response.status !== 201) throw new Error(response.text)
    return response.body.id as string
  }
  const move = async (id: string, ...steps: [string, string?][]) => {
    for (const [to, reason] of steps) {
      const response = await app.transition(await app.reviewerToken(), id, to, reason)
      if (response.status !== 200) throw new Error(`${to}: ${response.text}`)
    }
  }
  const detail = async (id: string) => app.request(`/api/applications/${id}`, { token: await zhang() })

  describe('reviewer transitions', () => {
    test.each([
      [[], 'accepted', undefined],
      [[], 'rejected', '材料不齐全，请补充单位介绍信后重新申请'],
      [[['accepted']], 'reviewing', undefined],
      [[['accepted'], ['reviewing']], 'completed', '证明已出具'],
      [[['accepted'], ['reviewing']], 'denied', '不符合办理条件'],
    ] as [[string, string?][], string, string | undefined][])('after %j: → %s is allowed and recorded as one event', async (before, to, reason) => {
      app.clock.set(MONDAY)
      const id = await submitted()
      await move(id, ...before)
      const response = await app.transition(await app.reviewerToken(), id, to, reason)
      expect(response.status).toBe(200)
      expect(response.body).toMatchObject({ id, status: to, applicant: { name: '张*', idNumber: expect.stringMatching(/^110\*+\d{3}[\dX]$/) } })
      const events = await app.db.selectFrom('application_events').selectAll().where('application_id', '=', id).orderBy('id').execute()
      expect(events.map((event) => event.status)).toEqual(['submitted', ...before.map(([status]) => status), to])
      expect(events.at(-1)?.reason ?? null).toBe(reason ?? null)
      expect(events.at(-1)?.actor).not.toBe('citizen')
    })

    test.each([
      ['submitted', [], ['reviewing', 'completed', 'denied', 'withdrawn', 'submitted']],
      ['accepted', [['accepted']], ['submitted', 'accepted', 'rejected', 'completed', 'denied', 'withdrawn']],
      ['reviewing', [['accepted'], ['reviewing']], ['submitted', 'accepted', 'reviewing', 'rejected', 'withdrawn']],
      ['completed', [['accepted'], ['reviewing'], ['completed']], ['submitted', 'accepted', 'reviewing', 'completed', 'rejected', 'denied', 'withdrawn']],
      ['rejected', [['rejected', '材料不全']], ['submitted', 'accepted', 'reviewing', 'completed', 'denied']],
      ['denied', [['accepted'], ['reviewing'], ['denied', '不符合条件']], ['accepted', 'reviewing', 'completed']],
    ] as [string, [string, string?][], string[]][])('from %s every illegal target is refused with 409 naming from and to', async (from, path, targets) => {
      const id = await submitted()
      await move(id, ...path)
      const token = await app.reviewerToken()
      for (const to of targets) {
        const response = await app.transition(token, id, to, '理由充分的说明')
        expect([to, response.status, response.body.error?.code]).toEqual([to, 409, 'APPLICATION_STATUS_CONFLICT'])
        expect(response.body.error.rule).toBe(`${from} → ${to} not allowed`)
      }
      const status = await app.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()
      expect(status.status).toBe(from)
    })

    test('refusals need a reason of 2 to 500 characters', async () => {
      const id = await submitted()
      const token = await app.reviewerToken()
      expect((await app.transition(token, id, 'rejected')).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.reason', rule: 'required' })
      expect((await app.transition(token, id, 'rejected', '   ')).body.error).toMatchObject({ field: 'body.reason', rule: 'required' })
      expect((await app.transition(token, id, 'rejected', '缺')).body.error).toMatchObject({ field: 'body.reason', rule: 'minLength 2' })
      expect((await app.transition(token, id, 'rejected', '缺'.repeat(501))).body.error).toMatchObject({ field: 'body.reason', rule: 'maxLength 500' })
      await move(id, ['accepted'], ['reviewing'])
      expect((await app.transition(token, id, 'denied')).body.error).toMatchObject({ field: 'body.reason', rule: 'required' })
    })

    test('two reviewers acting at once: exactly one wins', async () => {
      const id = await submitted()
      const [a, b] = await Promise.all([app.reviewerToken(), app.reviewerToken()])
      const responses = await Promise.all([app.transition(a, id, 'accepted'), app.transition(b, id, 'rejected', '重复申请')])
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409])
      const events = await app.db.selectFrom('application_events').select('status').where('application_id', '=', id).execute()
      expect(events).toHaveLength(2)
    })

    test('an unknown application is 404', async () => {
      expect((await app.transition(await app.reviewerToken(), 'AAAAAAAAAAAAAAAAAAAAAA', 'accepted')).status).toBe(404)
    })
  })

  describe('operator routes', () => {
    test('need an operator token (401; a citizen token is not one) and the reviewer role (403)', async () => {
      const id = await submitted()
      expect((await app.request('/api/operator/applications')).status).toBe(401)
      expect((await app.request(`/api/operator/applications/${id}/transition`, { method: 'POST', payload: { to: 'accepted' } })).status).toBe(401)
      const citizen = await zhang()
      expect((await app.request('/api/operator/applications', { token: citizen })).status).toBe(401)
      expect((await app.transition(citizen, id, 'accepted')).status).toBe(401)
      const editor = await operatorTokenFor(app.server.app, ['content_editor'])
      expect((await app.request('/api/operator/applications', { token: editor })).body.error).toMatchObject({ code: 'FORBIDDEN', message: '只有审核人员可以办理申请' })
      expect((await app.transition(editor, id, 'accepted')).status).toBe(403)
      const status = await app.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()
      expect(status.status).toBe('submitted')
    })

    test('list by status, masked, oldest first; the list and each transition are audited', async () => {
      const id = await submitted()
      const token = await app.reviewerToken()
      const list = await app.request('/api/operator/applications?status=submitted&pageSize=50', { token })
      expect(list.status).toBe(200)
      expect(list.body.items.every((item: any) => item.status === 'submitted')).toBe(true)
      const mine = list.body.items.find((item: any) => item.id === id)
      expect(mine).toMatchObject({ applicant: { name: '张*' }, values: expect.arrayContaining([{ key: 'applicantName', label: '申请人姓名', value: '张*', sourceLabel: '公安人口库' }]) })
      const times = list.body.items.map((item: any) => item.submittedAt)
      expect([...times].sort()).toEqual(times)
      expect((await auditRows(app.db, 'application.operator_list')).at(-1)?.detail).toMatchObject({ status: 'submitted' })

      await app.transition(token, id, 'accepted')
      await app.transition(token, id, 'completed')
      const transitions = (await auditRows(app.db, 'application.transition')).filter((row) => row.detail?.applicationId === id)
      expect(transitions.map((row) => [row.outcome, row.detail?.to])).toEqual([
        ['success', 'accepted'],
        ['failure', 'completed'],
      ])
    })
  })

  describe('withdraw', () => {
    test('allowed while submitted, then no further change', async () => {
      const id = await submitted()
      const token = await zhang()
      const response = await app.request(`/api/applications/${id}/withdraw`, { method: 'POST', token })
      expect(response.status).toBe(200)
      expect(response.body).toMatchObject({ status: 'withdrawn', statusName: '已撤回', canWithdraw: false, finishedAt: expect.any(String) })
      expect(response.body.timeline.map((event: any) => event.status)).toEqual(['submitted', 'withdrawn'])
      expect((await app.transition(await app.reviewerToken(), id, 'accepted')).status).toBe(409)
      expect((await app.request(`/api/applications/${id}/withdraw`, { method: 'POST', token })).status).toBe(409)
      expect((await auditRows(app.db, 'application.withdraw')).at(-1)?.detail).toMatchObject({ applicationId: id })
    })

    test('refused once accepted, with a message that says why', async () => {
      const id = await submitted()
      await move(id, ['accepted'])
      const response = await app.request(`/api/applications/${id}/withdraw`, { method: 'POST', token: await zhang() })
      expect(response.status).toBe(409)
      expect(response.body.error).toMatchObject({ code: 'APPLICATION_STATUS_CONFLICT', message: expect.stringContaining('受理前') })
    })
  })

  describe("another citizen's application", () => {
    test('is 404 on every route with an id, and missing from their list', async () => {
      const id = await submitted()
      const li = await app.citizen('h5dev', liNa.key, liNa)
      expect((await app.request(`/api/applications/${id}`, { token: li })).status).toBe(404)
      expect((await app.request(`/api/applications/${id}/withdraw`, { method: 'POST', token: li })).status).toBe(404)
      const list = await app.request('/api/applications', { token: li })
      expect(list.body.items.map((item: any) => item.id)).not.toContain(id)
      const status = await app.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()
      expect(status.status).toBe('submitted')
    })

    test('a malformed id is a 400 naming params.id', async () => {
      expect((await app.request('/api/applications/not-an-id', { token: await zhang() })).body.error).toMatchObject({ field: 'params.id' })
    })
  })

  describe('timeline and working-day countdown', () => {
    test('counts down from acceptance in working days and says plainly when it is overdue', async () => {
      app.clock.set(MONDAY)
      const id = await submitted()
      expect((await detail(id)).body).toMatchObject({ dueOn: null, workingDaysLeft: null, deadlineText: '承诺 5 个工作日内办结，受理后开始计算' })

      await move(id, ['accepted'])
      let shown = (await detail(id)).body
      expect(shown).toMatchObject({ status: 'accepted', dueOn: '2026-11-30', workingDaysLeft: 5, overdue: false, deadlineText: '承诺 5 个工作日内办结，还剩 5 个工作日' })

      app.clock.set(new Date(MONDAY.getTime() + 2 * DAY)) // Wednesday
      expect((await detail(id)).body).toMatchObject({ workingDaysLeft: 3, deadlineText: '承诺 5 个工作日内办结，还剩 3 个工作日' })

      app.clock.set(new Date(MONDAY.getTime() + 5 * DAY)) // Saturday: still 1 (Monday) left
      expect((await detail(id)).body).toMatchObject({ workingDaysLeft: 1, overdue: false })

      app.clock.set(new Date(MONDAY.getTime() + 9 * DAY)) // Wednesday of the next week
      shown = (await detail(id)).body
      expect(shown).toMatchObject({ workingDaysLeft: -2, overdue: true, deadlineText: '已超过承诺时限 2 个工作日' })

      await move(id, ['reviewing'], ['completed', '证明已出具，请在小程序下载'])
      shown = (await detail(id)).body
      expect(shown).toMatchObject({ status: 'completed', statusName: '已办结', overdue: false, workingDaysLeft: null, deadlineText: '已于 2026年12月2日 办结（超过承诺时限 2 个工作日）' })
      expect(shown.timeline.map((event: any) => [event.status, event.statusName])).toEqual([
        ['submitted', '已提交'],
        ['accepted', '已受理'],
        ['reviewing', '审核中'],
        ['completed', '已办结'],
      ])
      expect(shown.timeline.at(-1)).toMatchObject({ reason: '证明已出具，请在小程序下载', at: new Date(MONDAY.getTime() + 9 * DAY).toISOString() })
      expect(shown.acceptedAt).toBe(MONDAY.toISOString())
      expect(shown.finishedAt).toBe(new Date(MONDAY.getTime() + 9 * DAY).toISOString())
    })

    test('skips public holidays: accepted before National Day, due after it', async () => {
      app.clock.set(new Date('2026-09-29T02:00:00Z')) // Tuesday 29 Sep
      const id = await submitted()
      await move(id, ['accepted'])
      expect((await detail(id)).body).toMatchObject({ dueOn: '2026-10-12' })
      app.clock.set(new Date('2026-10-05T02:00:00Z')) // in the holiday: 1 working day used (30 Sep)
      expect((await detail(id)).body).toMatchObject({ workingDaysLeft: 4, overdue: false })
    })

    test('即办 (0 days) is due the day it is accepted', async () => {
      app.clock.set(MONDAY)
      const id = await submitted(submitBody({ itemCode: INSTANT_ITEM.code }))
      await move(id, ['accepted'])
      expect((await detail(id)).body).toMatchObject({ dueOn: '2026-11-23', workingDaysLeft: 0, deadlineText: '即办件，承诺受理当日办结，今天是最后一天' })
      app.clock.set(new Date(MONDAY.getTime() + DAY))
      expect((await detail(id)).body).toMatchObject({ overdue: true, deadlineText: '已超过承诺时限 1 个工作日' })
    })

    test('a refusal shows its reason; my list is newest first and paged', async () => {
      app.clock.set(new Date('2026-12-01T02:00:00Z'))
      const first = await submitted()
      app.clock.set(new Date('2026-12-01T03:00:00Z'))
      const second = await submitted()
      await move(first, ['rejected', '申请人不属于本辖区，请向户籍所在地申请'])
      const shown = (await detail(first)).body
      expect(shown.timeline.at(-1)).toMatchObject({ status: 'rejected', statusName: '不予受理', reason: '申请人不属于本辖区，请向户籍所在地申请' })
      expect(shown.deadlineText).toBe('已于 2026年12月1日 作出不予受理决定')
      const token = await zhang()
      const page = await app.request('/api/applications?page=1&pageSize=2', { token })
      expect(page.body).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) })
      expect(page.body.items.map((item: any) => item.id)).toEqual([second, first])
      expect(page.body.total).toBeGreaterThan(2)
      expect((await app.request('/api/applications?pageSize=51', { token })).body.error).toMatchObject({ field: 'query.pageSize' })
    })
  })
})
