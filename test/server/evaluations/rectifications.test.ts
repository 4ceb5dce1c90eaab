import { citizenIdFor, FIXTURE_ITEM, insertApplication } from '../../support/applications-fixture'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditOf, count, post, startEvaluationsApp } from '../../support/evaluations'
import { MINUTE } from '../../support/identity'
import { operatorFor, operatorTokenFor } from '../../support/operators'
import { sessionFor } from '../../support/sessions'

/** 差评 → 整改 → answer → the one re-rate, from both sides. */
describe.each(dialects())('rectifications and re-rating on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startEvaluationsApp)
  let zhang: string
  let zhangCitizen: string
  let reviewer: string
  let reviewerId: string

  beforeAll(async () => {
    zhang = await sessionFor(app.app, 'zhang-wei')
    zhangCitizen = await citizenIdFor(app.app, 'zhang-wei')
    ;({ token: reviewer, id: reviewerId } = await operatorFor(app.app, ['reviewer']))
  })

  const evaluation = (id: string) => `/api/applications/${id}/evaluation`
  const openQueue = async () => (await app.request('/api/operator/rectifications?status=open', { token: reviewer })).body.items as Record<string, unknown>[]
  /** `as` undefined: without any session. */
  const answer = (rectificationId: unknown, text: string, as: { token?: string } = { token: reviewer }) =>
    app.request(`/api/operator/rectifications/${String(rectificationId)}/answer`, post({ answer: text }, as.token))

  /** A completed application rated badly; returns it with its rectification id. */
  async function badlyRated(reason = '材料要求与指南不一致，跑了两次') {
    const application = await insertApplication(app.app, app.config, zhangCitizen)
    const rated = await app.request(evaluation(application.id), post({ rating: 2, tags: ['指引不清', '多次跑腿'], reason, comment: '希望指南写清楚' }, zhang))
    expect(rated.status).toBe(201)
    const row = await app.db.selectFrom('rectifications').select('id').where('application_id', '=', application.id).executeTakeFirstOrThrow()
    app.clock.advance(MINUTE)
    return { ...application, rectificationId: row.id }
  }

  test('the queue lists open rectifications oldest first, with item, department, the rating and a masked name; audited', async () => {
    const first = await badlyRated('第一次的原因')
    const second = await badlyRated('第二次的原因')
    const items = await openQueue()
    const ids = items.map((item) => item.id)
    expect(ids.indexOf(first.rectificationId)).toBeLessThan(ids.indexOf(second.rectificationId))
    const openedAt = items.map((item) => item.openedAt as string)
    expect(openedAt).toEqual([...openedAt].sort())
    expect(items.find((item) => item.id === first.rectificationId)).toEqual({
      id: first.rectificationId,
      status: 'open',
      statusName: '待整改',
      repeat: false,
      openedAt: expect.any(String),
      applicationId: first.id,
      applicationNumber: first.number,
      itemCode: FIXTURE_ITEM.code,
      itemName: FIXTURE_ITEM.name,
      department: FIXTURE_ITEM.department,
      rating: 2,
      ratingName: '不满意',
      tags: ['指引不清', '多次跑腿'],
      reason: '第一次的原因',
      comment: '希望指南写清楚',
      citizenName: '张*',
      answer: null,
      answeredAt: null,
    })
    const audit = await auditOf(app.db, 'rectification.list')
    expect(audit.at(-1)).toMatchObject({ operator_id: reviewerId, detail: { status: 'open', count: items.length } })
  })

  test('answer → the citizen sees it and may re-rate exactly once; both ratings stay on record', async () => {
    const { id, rectificationId } = await badlyRated()
    const waiting = await app.request(evaluation(id), { token: zhang })
    expect(waiting.body).toMatchObject({ canRate: false, canReRate: false })
    const early = await app.request(`${evaluation(id)}/re-rate`, post({ rating: 5 }, zhang))
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe('RE_RATE_NOT_AVAILABLE')

    const answered = await answer(rectificationId, '  已更新办事指南，补充了复印件份数的说明，并对窗口人员进行了培训。  ')
    expect(answered.status).toBe(200)
    expect(answered.body).toMatchObject({
      id: rectificationId,
      status: 'answered',
      statusName: '已答复',
      answer: '已更新办事指南，补充了复印件份数的说明，并对窗口人员进行了培训。',
      answeredAt: app.clock().toISOString(),
    })
    expect((await openQueue()).map((item) => item.id)).not.toContain(rectificationId)
    const answeredQueue = await app.request('/api/operator/rectifications?status=answered', { token: reviewer })
    expect(answeredQueue.body.items.map((item: { id: number }) => item.id)).toContain(rectificationId)
    const stored = await app.db.selectFrom('rectifications').select('answered_by').where('id', '=', rectificationId).executeTakeFirstOrThrow()
    expect(stored.answered_by).toBe(reviewerId)
    expect((await auditOf(app.db, 'rectification.answer')).at(-1)).toMatchObject({
      operator_id: reviewerId,
      detail: { rectificationId, applicationId: id, itemCode: FIXTURE_ITEM.code },
    })

    const seen = await app.request(evaluation(id), { token: zhang })
    expect(seen.body.canReRate).toBe(true)
    expect(seen.body.evaluations[0].rectification).toEqual({
      status: 'answered',
      statusName: '已答复',
      repeat: false,
      department: FIXTURE_ITEM.department,
      openedAt: expect.any(String),
      answer: '已更新办事指南，补充了复印件份数的说明，并对窗口人员进行了培训。',
      answeredAt: app.clock().toISOString(),
    })
    // The citizen never learns which operator answered.
    expect(seen.text).not.toContain(reviewerId)

    const reRated = await app.request(`${evaluation(id)}/re-rate`, post({ rating: 4, tags: ['指引清晰'], comment: '整改后清楚多了' }, zhang))
    expect(reRated.status).toBe(201)
    expect(reRated.body.canReRate).toBe(false)
    expect(reRated.body.evaluations.map((item: { round: number; rating: number }) => [item.round, item.rating])).toEqual([
      [1, 2],
      [2, 4],
    ])
    expect(reRated.body.evaluations[1].rectification).toBeNull()

    const again = await app.request(`${evaluation(id)}/re-rate`, post({ rating: 5 }, zhang))
    expect(again.status).toBe(409)
    expect(again.body.error).toEqual({ code: 'ALREADY_RE_RATED', message: '您已重新评价过该办件，只能重新评价一次' })
    expect(await count(app.db, 'evaluations', id)).toBe(2)
    expect((await auditOf(app.db, 'evaluation.re_rate')).at(-1)).toMatchObject({ citizen_id: zhangCitizen, detail: { applicationId: id, round: 2, rating: 4 } })
  })

  test('answering twice is 409 and keeps the first answer; an unknown rectification is 404', async () => {
    const { rectificationId } = await badlyRated()
    expect((await answer(rectificationId, '已安排专人回访并致歉。')).status).toBe(200)
    const twice = await answer(rectificationId, '第二次答复想要覆盖第一次。')
    expect(twice.status).toBe(409)
    expect(twice.body.error.code).toBe('ALREADY_ANSWERED')
    const stored = await app.db.selectFrom('rectifications').select('answer').where('id', '=', rectificationId).executeTakeFirstOrThrow()
    expect(stored.answer).toBe('已安排专人回访并致歉。')
    const unknown = await answer(999999, '不存在的整改事项。')
    expect(unknown.status).toBe(404)
  })

  test('the answer is 5–1000 characters, without control characters', async () => {
    const { rectificationId } = await badlyRated()
    const cases: [string, string][] = [
      ['已处理', 'minLength 5'],
      ['  已处理  ', 'minLength 5'],
      ['已处理完毕\u0000', 'no control characters'],
      ['答'.repeat(1001), 'maxLength 1000'],
    ]
    for (const [text, rule] of cases) {
      const response = await answer(rectificationId, text)
      expect(response.status).toBe(400)
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.answer', rule })
    }
    expect((await answer(rectificationId, '答'.repeat(1000))).status).toBe(200)
  })

  test('a re-rate ≤ 2 needs a reason again and opens a new rectification flagged repeat; its answer allows no third rating', async () => {
    const { id, rectificationId } = await badlyRated()
    expect((await answer(rectificationId, '已更新办事指南的材料说明。')).status).toBe(200)
    const noReason = await app.request(`${evaluation(id)}/re-rate`, post({ rating: 1 }, zhang))
    expect(noReason.status).toBe(400)
    expect(noReason.body.error).toMatchObject({ field: 'body.reason', rule: 'required when rating ≤ 2' })
    expect(await count(app.db, 'evaluations', id)).toBe(1)

    const reRated = await app.request(`${evaluation(id)}/re-rate`, post({ rating: 1, tags: ['态度差'], reason: '答复没有解决问题' }, zhang))
    expect(reRated.status).toBe(201)
    expect(reRated.body.evaluations[1].rectification).toMatchObject({ status: 'open', repeat: true })
    const repeat = (await openQueue()).find((item) => item.applicationId === id)
    expect(repeat).toMatchObject({ repeat: true, rating: 1, reason: '答复没有解决问题', tags: ['态度差'] })

    expect((await answer(repeat!.id, '已由科室负责人电话回访。')).status).toBe(200)
    const state = await app.request(evaluation(id), { token: zhang })
    expect(state.body.canReRate).toBe(false)
    expect(state.body.evaluations[1].rectification).toMatchObject({ status: 'answered', answer: '已由科室负责人电话回访。' })
    const third = await app.request(`${evaluation(id)}/re-rate`, post({ rating: 5 }, zhang))
    expect(third.status).toBe(409)
    expect(third.body.error.code).toBe('ALREADY_RE_RATED')
  })

  test('a good rating opens nothing to answer, so there is no re-rate; nor before any rating', async () => {
    const rated = await insertApplication(app.app, app.config, zhangCitizen)
    expect((await app.request(evaluation(rated.id), post({ rating: 4 }, zhang))).status).toBe(201)
    const unrated = await insertApplication(app.app, app.config, zhangCitizen)
    for (const { id } of [rated, unrated]) {
      const response = await app.request(`${evaluation(id)}/re-rate`, post({ rating: 5 }, zhang))
      expect(response.status).toBe(409)
      expect(response.body.error.code).toBe('RE_RATE_NOT_AVAILABLE')
    }
    expect(await count(app.db, 'evaluations', unrated.id)).toBe(0)
  })

  test('operator routes: 401 without an operator session (a citizen token is none), 403 for other roles; refused attempts change nothing', async () => {
    const { rectificationId } = await badlyRated()
    const editor = await operatorTokenFor(app.app, ['content_editor'])
    for (const [token, status, code] of [
      [undefined, 401, 'UNAUTHENTICATED'],
      [zhang, 401, 'UNAUTHENTICATED'],
      [editor, 403, 'FORBIDDEN'],
    ] as const) {
      const list = await app.request('/api/operator/rectifications', { token })
      const answered = await answer(rectificationId, '无权答复的人写的答复。', { token })
      expect({ token, statuses: [list.status, answered.status] }).toEqual({ token, statuses: [status, status] })
      expect(answered.body.error.code).toBe(code)
    }
    const stored = await app.db.selectFrom('rectifications').select(['status', 'answer']).where('id', '=', rectificationId).executeTakeFirstOrThrow()
    expect(stored).toEqual({ status: 'open', answer: null })
  })

  test('the query is validated: unknown status or parameter is 400', async () => {
    for (const [query, field] of [
      ['status=closed', 'query.status'],
      ['limit=0', 'query.limit'],
      ['sort=newest', 'query.sort'],
    ]) {
      const response = await app.request(`/api/operator/rectifications?${query}`, { token: reviewer })
      expect(response.status).toBe(400)
      expect(response.body.error.field).toBe(field)
    }
    const badId = await answer('abc', '答复内容足够长。')
    expect(badId.status).toBe(400)
    expect(badId.body.error.field).toBe('params.id')
  })
})
