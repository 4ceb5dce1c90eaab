import { TAGS } from '../../../src/contract/evaluations/data'
import { citizenIdFor, FIXTURE_ITEM, insertApplication } from '../../support/applications-fixture'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditOf, breakRectificationInserts, count, post, startEvaluationsApp } from '../../support/evaluations'
import { sessionFor } from '../../support/sessions'

/** 好差评 rules for the citizen: when, how often, and what a rating must carry. */
describe.each(dialects())('rating an application on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startEvaluationsApp)
  let zhang: string
  let zhangCitizen: string
  let liNaCitizen: string

  beforeAll(async () => {
    zhang = await sessionFor(app.app, 'zhang-wei')
    zhangCitizen = await citizenIdFor(app.app, 'zhang-wei')
    await sessionFor(app.app, 'li-na')
    liNaCitizen = await citizenIdFor(app.app, 'li-na')
  })

  const completed = () => insertApplication(app.app, app.config, zhangCitizen)
  const rate = (id: string, payload: unknown, token = zhang) => app.request(`/api/applications/${id}/evaluation`, post(payload, token))

  test('a completed application can be rated: 201 with the rating in words, no rectification for a good rating, audited', async () => {
    const { id } = await completed()
    const before = await app.request(`/api/applications/${id}/evaluation`, { token: zhang })
    expect(before.status).toBe(200)
    expect(before.headers.get('cache-control')).toBe('no-store')
    expect(before.body).toEqual({ applicationId: id, canRate: true, canReRate: false, evaluations: [] })

    const response = await rate(id, { rating: 5, tags: ['办事效率高', '一次办成'], comment: '  很快就办好了  ' })
    expect(response.status).toBe(201)
    expect(response.body).toEqual({
      applicationId: id,
      canRate: false,
      canReRate: false,
      evaluations: [
        {
          round: 1,
          rating: 5,
          ratingName: '非常满意',
          tags: ['办事效率高', '一次办成'],
          comment: '很快就办好了',
          reason: null,
          createdAt: '2026-11-27T02:00:00.000Z',
          rectification: null,
        },
      ],
    })
    expect(await count(app.db, 'rectifications', id)).toBe(0)
    const audit = (await auditOf(app.db, 'evaluation.rate')).find((row) => row.detail.applicationId === id)
    expect(audit).toMatchObject({ citizen_id: zhangCitizen, detail: { round: 1, rating: 5, rectificationId: null } })
  })

  test('only once: a second rating is 409 ALREADY_RATED and the first stays as it was', async () => {
    const { id } = await completed()
    expect((await rate(id, { rating: 4 })).status).toBe(201)
    const again = await rate(id, { rating: 1, reason: '改主意了' })
    expect(again.status).toBe(409)
    expect(again.body.error).toMatchObject({ code: 'ALREADY_RATED', message: '您已评价过该办件，每个办件只能评价一次' })
    expect(await count(app.db, 'evaluations', id)).toBe(1)
    expect(await count(app.db, 'rectifications', id)).toBe(0)
  })

  test('two submits racing: exactly one rating is recorded, the other is 409', async () => {
    const { id } = await completed()
    const responses = await Promise.all([rate(id, { rating: 3 }), rate(id, { rating: 3 }), rate(id, { rating: 2, reason: '等太久' })])
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409])
    for (const response of responses.filter((response) => response.status === 409)) expect(response.body.error.code).toBe('ALREADY_RATED')
    expect(await count(app.db, 'evaluations', id)).toBe(1)
  })

  test.each(['submitted', 'accepted', 'reviewing', 'rejected', 'denied', 'withdrawn'] as const)(
    'an application that is %s cannot be rated: 409 EVALUATION_NOT_OPEN, nothing written',
    async (status) => {
      const { id } = await insertApplication(app.app, app.config, zhangCitizen, { status })
      const state = await app.request(`/api/applications/${id}/evaluation`, { token: zhang })
      expect(state.body).toMatchObject({ canRate: false, canReRate: false, evaluations: [] })
      const response = await rate(id, { rating: 5 })
      expect(response.status).toBe(409)
      expect(response.body.error).toEqual({ code: 'EVALUATION_NOT_OPEN', message: '该办件尚未办结，办结后才能评价' })
      expect(await count(app.db, 'evaluations', id)).toBe(0)
    },
  )

  test("another citizen's application is 404 on every route, exactly like one that does not exist", async () => {
    const theirs = await insertApplication(app.app, app.config, liNaCitizen)
    for (const id of [theirs.id, 'NoSuchApplication0000A']) {
      const read = await app.request(`/api/applications/${id}/evaluation`, { token: zhang })
      const written = await rate(id, { rating: 5 })
      const reRated = await app.request(`/api/applications/${id}/evaluation/re-rate`, post({ rating: 5 }, zhang))
      for (const response of [read, written, reRated]) {
        expect(response.status).toBe(404)
        expect(response.body.error.code).toBe('NOT_FOUND')
      }
      expect(written.body).toEqual(read.body)
    }
    expect(await count(app.db, 'evaluations', theirs.id)).toBe(0)
  })

  test('a rating ≤ 2 without a reason is 400 on body.reason and leaves no evaluation and no rectification', async () => {
    const { id } = await completed()
    for (const payload of [{ rating: 2 }, { rating: 1, reason: '   ' }, { rating: 2, tags: ['时限超期'], comment: '太慢了' }]) {
      const response = await rate(id, payload)
      expect(response.status).toBe(400)
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.reason', rule: 'required when rating ≤ 2' })
      expect(response.body.error.message).toMatch(/请填写不满意的原因/)
    }
    expect(await count(app.db, 'evaluations', id)).toBe(0)
    expect(await count(app.db, 'rectifications', id)).toBe(0)
    // The refusals did not use up the one rating.
    expect((await app.request(`/api/applications/${id}/evaluation`, { token: zhang })).body.canRate).toBe(true)
  })

  test('a reason with a rating above 2 is refused rather than kept unseen', async () => {
    const { id } = await completed()
    const response = await rate(id, { rating: 4, reason: '本来想给差评' })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ field: 'body.reason', rule: 'only when rating ≤ 2' })
    expect(await count(app.db, 'evaluations', id)).toBe(0)
  })

  test('tags must belong to the rating’s group: 400 naming body.tags', async () => {
    const { id } = await completed()
    const cases = [
      { payload: { rating: 5, tags: ['办事效率高', '态度差'] }, stray: '态度差' },
      { payload: { rating: 1, tags: ['一次办成'], reason: '材料被退回三次' }, stray: '一次办成' },
      { payload: { rating: 3, tags: ['材料精简'] }, stray: '材料精简' },
      { payload: { rating: 4, tags: ['不存在的标签'] }, stray: '不存在的标签' },
    ]
    for (const { payload, stray } of cases) {
      const response = await rate(id, payload)
      expect(response.status).toBe(400)
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.tags' })
      expect(response.body.error.message).toContain(stray)
    }
    const repeated = await rate(id, { rating: 5, tags: ['态度好', '态度好'] })
    expect(repeated.status).toBe(400)
    expect(repeated.body.error.field).toMatch(/^body\.tags/)
    expect(await count(app.db, 'evaluations', id)).toBe(0)
    expect((await rate(id, { rating: 3, tags: [...TAGS.neutral.slice(0, 2)] })).status).toBe(201)
  })

  test('the comment is at most 500 characters counted as a person counts them: 500 Chinese characters pass, 501 do not', async () => {
    const exact = await completed()
    const fiveHundred = '办'.repeat(498) + '😀' + '。'
    const accepted = await rate(exact.id, { rating: 4, comment: fiveHundred })
    expect(accepted.status).toBe(201)
    expect(accepted.body.evaluations[0].comment).toBe(fiveHundred)

    const over = await completed()
    const refused = await rate(over.id, { rating: 4, comment: '办'.repeat(501) })
    expect(refused.status).toBe(400)
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.comment', rule: 'maxLength 500' })
    expect(await count(app.db, 'evaluations', over.id)).toBe(0)
  })

  test('texts are trimmed and control characters are refused; a blank comment counts as none', async () => {
    const { id } = await completed()
    for (const comment of ['很好\u0000', '很好\u001b[31m', '很\u202e好']) {
      const response = await rate(id, { rating: 5, comment })
      expect(response.status).toBe(400)
      expect(response.body.error).toMatchObject({ field: 'body.comment', rule: 'no control characters' })
    }
    const badReason = await rate(id, { rating: 1, reason: '原因\u0007' })
    expect(badReason.body.error).toMatchObject({ field: 'body.reason', rule: 'no control characters' })
    const shortReason = await rate(id, { rating: 1, reason: ' 慢 ' })
    expect(shortReason.body.error).toMatchObject({ field: 'body.reason', rule: 'minLength 2' })
    expect(await count(app.db, 'evaluations', id)).toBe(0)

    const blank = await rate(id, { rating: 5, comment: '   \n ' })
    expect(blank.status).toBe(201)
    expect(blank.body.evaluations[0].comment).toBeNull()
    const multiline = await completed()
    const kept = await rate(multiline.id, { rating: 5, comment: '第一行\r\n第二行\t完' })
    expect(kept.body.evaluations[0].comment).toBe('第一行\n第二行\t完')
  })

  test('the schema refuses what is not a rating: out of range, not an integer, unknown fields', async () => {
    const { id } = await completed()
    const cases: [unknown, string][] = [
      [{ rating: 6 }, 'body.rating'],
      [{ rating: 0 }, 'body.rating'],
      [{ rating: 4.5 }, 'body.rating'],
      [{}, 'body.rating'],
      [{ rating: 5, stars: 5 }, 'body.stars'],
    ]
    for (const [payload, field] of cases) {
      const response = await rate(id, payload)
      expect(response.status).toBe(400)
      expect(response.body.error.field).toBe(field)
    }
    expect(await count(app.db, 'evaluations', id)).toBe(0)
  })

  test('a rating ≤ 2 opens a rectification for the item’s department, in the same transaction', async () => {
    const { id } = await completed()
    const response = await rate(id, { rating: 1, tags: ['多次跑腿', '材料重复提交'], reason: '户口本复印件交了三次', comment: '希望改进' })
    expect(response.status).toBe(201)
    expect(response.body.canReRate).toBe(false)
    expect(response.body.evaluations[0]).toMatchObject({
      rating: 1,
      ratingName: '非常不满意',
      reason: '户口本复印件交了三次',
      rectification: { status: 'open', statusName: '待整改', repeat: false, department: FIXTURE_ITEM.department, answer: null, answeredAt: null },
    })
    const rectification = await app.db.selectFrom('rectifications').selectAll().where('application_id', '=', id).executeTakeFirstOrThrow()
    expect(rectification).toMatchObject({ item_code: FIXTURE_ITEM.code, department: FIXTURE_ITEM.department, status: 'open', answer: null })
  })

  test('when opening the rectification fails, the bad rating is not written either, and can be made afterwards', async () => {
    const { id } = await completed()
    const undo = await breakRectificationInserts(app.db)
    try {
      const failed = await rate(id, { rating: 2, reason: '指引和实际要求不一致' })
      expect(failed.status).toBe(500)
      expect(failed.body.error.code).toBe('INTERNAL')
      expect(await count(app.db, 'evaluations', id)).toBe(0)
      expect(await count(app.db, 'rectifications', id)).toBe(0)
    } finally {
      await undo()
    }
    const retried = await rate(id, { rating: 2, reason: '指引和实际要求不一致' })
    expect(retried.status).toBe(201)
    expect(await count(app.db, 'evaluations', id)).toBe(1)
    expect(await count(app.db, 'rectifications', id)).toBe(1)
  })

  test('rating needs a proven identity (level 4): no session is 401, a level-1 session is 403 REAL_NAME_REQUIRED', async () => {
    const { id } = await completed()
    const anonymous = await app.request(`/api/applications/${id}/evaluation`, post({ rating: 5 }))
    expect(anonymous.status).toBe(401)
    const levelOne = await sessionFor(app.app, 'zhao-lihua', 1)
    const low = await rate(id, { rating: 5 }, levelOne)
    expect(low.status).toBe(403)
    expect(low.body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4, currentLevel: 1 })
    expect(await count(app.db, 'evaluations', id)).toBe(0)
  })
})
