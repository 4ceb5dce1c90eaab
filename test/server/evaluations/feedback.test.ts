import { FIXTURE_ITEM, ensureFixtureItem } from '../../support/applications-fixture'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditOf, count, post, startEvaluationsApp } from '../../support/evaluations'
import { MINUTE } from '../../support/identity'
import { operatorFor, operatorTokenFor } from '../../support/operators'
import { demoCitizen, sessionFor } from '../../support/sessions'

/** Feedback (投诉 / 建议 / 咨询): written by citizens, replied to once by content editors. */
describe.each(dialects())('feedback on $name', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) => startEvaluationsApp(testDb, { RATE_LIMIT_FEEDBACK: `${WRITE_LIMIT}/1m` }))
  let zhang: string
  let liNa: string
  let editor: string
  let editorId: string

  const WRITE_LIMIT = 12

  beforeAll(async () => {
    zhang = await sessionFor(app.app, 'zhang-wei')
    liNa = await sessionFor(app.app, 'li-na')
    ;({ token: editor, id: editorId } = await operatorFor(app.app, ['content_editor']))
    await ensureFixtureItem(app.app)
  })

  const write = (payload: unknown, token = zhang) => {
    app.clock.advance(1000)
    return app.request('/api/feedback', post(payload, token))
  }
  /** `as` undefined: without any session. */
  const reply = (id: string, text: string, as: { token?: string } = { token: editor }) =>
    app.request(`/api/operator/feedback/${id}/reply`, post({ reply: text }, as.token))

  test('a citizen writes feedback about a service: 201, open, with the words for kind, category and status', async () => {
    const response = await write({ kind: 'suggestion', category: 'service_guide', text: '  建议在指南里写明复印件需要几份。 ', itemCode: FIXTURE_ITEM.code })
    expect(response.status).toBe(201)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      kind: 'suggestion',
      kindName: '建议',
      category: 'service_guide',
      categoryName: '办事指南',
      text: '建议在指南里写明复印件需要几份。',
      itemCode: FIXTURE_ITEM.code,
      itemName: FIXTURE_ITEM.name,
      searchQuery: null,
      status: 'open',
      statusName: '待回复',
      reply: null,
      repliedAt: null,
      closingNote: null,
      closedAt: null,
      createdAt: app.clock().toISOString(),
    })
  })

  test('a login is enough: a level-1 account writes from the no-result search page and follows it', async () => {
    const guest = await sessionFor(app.app, 'wang-xiaoming', 1)
    const response = await write({ kind: 'consultation', category: 'missing_service', text: '搜不到新生儿医保参保，在哪里办？', searchQuery: ' 新生儿医保 ' }, guest)
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ kind: 'consultation', kindName: '咨询', categoryName: '找不到事项', searchQuery: '新生儿医保', itemCode: null, itemName: null })
    const mine = await app.request('/api/feedback', { token: guest })
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([response.body.id])
    const queued = (await app.request('/api/operator/feedback', { token: editor })).body.items.find((item: { id: string }) => item.id === response.body.id)
    // Written before real-name verification: there is no name to show.
    expect(queued.citizenName).toBeNull()
  })

  test('mine lists only my own feedback, newest first; another citizen’s is 404 on read and close', async () => {
    const first = await write({ kind: 'complaint', category: 'staff', text: '窗口工作人员让我回去补材料。' })
    const second = await write({ kind: 'suggestion', category: 'app_usage', text: '希望字体可以再大一些。' })
    const theirs = await write({ kind: 'consultation', category: 'other', text: '李娜的咨询内容在这里。' }, liNa)
    const mine = await app.request('/api/feedback', { token: zhang })
    const ids = mine.body.items.map((item: { id: string }) => item.id) as string[]
    expect(ids).not.toContain(theirs.body.id)
    expect(ids.indexOf(second.body.id)).toBeLessThan(ids.indexOf(first.body.id))
    expect(mine.text).not.toContain('李娜的咨询内容')

    const own = await app.request(`/api/feedback/${first.body.id}`, { token: zhang })
    expect(own.body).toEqual(first.body)
    for (const path of [`/api/feedback/${theirs.body.id}`, '/api/feedback/AAAAAAAAAAAAAAAAAAAAAA']) {
      const read = await app.request(path, { token: zhang })
      expect(read.status).toBe(404)
      expect(read.body.error.code).toBe('NOT_FOUND')
    }
    expect((await app.request(`/api/feedback/${theirs.body.id}/close`, post(undefined, zhang))).status).toBe(404)
    expect((await app.request('/api/feedback', {})).status).toBe(401)
  })

  test('the editor replies once: the citizen sees status 已回复 and the reply, then confirms it settled', async () => {
    const written = await write({ kind: 'complaint', category: 'application_progress', text: '办件超过承诺时限还没有办结。' })
    const queue = await app.request('/api/operator/feedback?status=open', { token: editor })
    expect(queue.status).toBe(200)
    const queued = queue.body.items.find((item: { id: string }) => item.id === written.body.id)
    expect(queued).toEqual({ ...written.body, citizenName: '张*' })
    const openedAt = queue.body.items.map((item: { createdAt: string }) => item.createdAt)
    expect(openedAt).toEqual([...openedAt].sort())

    app.clock.advance(5 * MINUTE)
    const replied = await reply(written.body.id, ' 已督促承办部门加快办理，预计两个工作日内办结。 ')
    expect(replied.status).toBe(200)
    expect(replied.body).toMatchObject({ status: 'answered', statusName: '已回复', reply: '已督促承办部门加快办理，预计两个工作日内办结。', repliedAt: app.clock().toISOString() })
    const stored = await app.db.selectFrom('feedback').select('replied_by').where('id', '=', written.body.id).executeTakeFirstOrThrow()
    expect(stored.replied_by).toBe(editorId)
    expect((await auditOf(app.db, 'feedback.reply')).at(-1)).toMatchObject({ operator_id: editorId, detail: { feedbackId: written.body.id, kind: 'complaint' } })
    expect((await auditOf(app.db, 'feedback.list')).at(-1)).toMatchObject({ operator_id: editorId, detail: { status: 'open' } })

    const again = await reply(written.body.id, '第二次回复想要覆盖第一次。')
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('ALREADY_ANSWERED')

    const seen = await app.request(`/api/feedback/${written.body.id}`, { token: zhang })
    expect(seen.body).toMatchObject({ status: 'answered', statusName: '已回复', reply: '已督促承办部门加快办理，预计两个工作日内办结。' })
    expect(seen.text).not.toContain(editorId)
    const answeredQueue = await app.request('/api/operator/feedback?status=answered', { token: editor })
    expect(answeredQueue.body.items.map((item: { id: string }) => item.id)).toContain(written.body.id)

    const closed = await app.request(`/api/feedback/${written.body.id}/close`, post(undefined, zhang))
    expect(closed.status).toBe(200)
    expect(closed.body).toMatchObject({ status: 'closed', statusName: '已办结', reply: '已督促承办部门加快办理，预计两个工作日内办结。' })
    const closedAgain = await app.request(`/api/feedback/${written.body.id}/close`, post(undefined, zhang))
    expect(closedAgain.status).toBe(409)
    expect(closedAgain.body.error.code).toBe('FEEDBACK_NOT_CLOSABLE')
  })

  test('an ID number or phone typed into the text is stored as written but masked in every response', async () => {
    const { idNumber, phone } = demoCitizen('zhang-wei')
    const text = `请回电 ${phone!}，身份证 ${idNumber}，谢谢。`
    const written = await write({ kind: 'consultation', category: 'other', text })
    expect(written.status).toBe(201)
    expect(written.body.text).toBe(`请回电 ${phone!.slice(0, 3)}****${phone!.slice(-4)}，身份证 ${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}，谢谢。`)
    const queued = (await app.request('/api/operator/feedback', { token: editor })).body.items.find((item: { id: string }) => item.id === written.body.id)
    expect(queued.text).toBe(written.body.text)
    const stored = await app.db.selectFrom('feedback').select('text').where('id', '=', written.body.id).executeTakeFirstOrThrow()
    expect(stored.text).toBe(text)
  })

  test('unanswered feedback cannot be closed; an unknown id is 404 for the editor', async () => {
    const written = await write({ kind: 'suggestion', category: 'other', text: '希望增加夜间办理时段。' })
    const closed = await app.request(`/api/feedback/${written.body.id}/close`, post(undefined, zhang))
    expect(closed.status).toBe(409)
    expect(closed.body.error.code).toBe('FEEDBACK_NOT_CLOSABLE')
    expect((await app.request(`/api/feedback/${written.body.id}`, { token: zhang })).body.status).toBe('open')
    expect((await reply('AAAAAAAAAAAAAAAAAAAAAA', '回复不存在的留言。')).status).toBe(404)
  })

  test('texts: 5–1000 characters counted as a person counts them, trimmed, no control characters; a search query is one line', async () => {
    const ouyang = await sessionFor(app.app, 'ouyang-mingyue', 1)
    const before = await count(app.db, 'feedback')
    const cases: [Record<string, unknown>, string, string][] = [
      [{ text: '太慢了' }, 'body.text', 'minLength 5'],
      [{ text: '   太慢了啊   ' }, 'body.text', 'minLength 5'],
      [{ text: '字'.repeat(1001) }, 'body.text', 'maxLength 1000'],
      [{ text: '内容里有控制字符\u0000' }, 'body.text', 'no control characters'],
      [{ text: '内容里有转义\u001b[2J字符' }, 'body.text', 'no control characters'],
      [{ text: '正常的留言内容。', searchQuery: '两行\n搜索' }, 'body.searchQuery', 'no control characters'],
      [{ text: '正常的留言内容。', searchQuery: '搜'.repeat(101) }, 'body.searchQuery', 'maxLength 100'],
      [{ text: '正常的留言内容。', itemCode: 'NO-SUCH-ITEM' }, 'body.itemCode', 'a published service item'],
      [{ text: '正常的留言内容。', kind: 'praise' }, 'body.kind', ''],
      [{ text: '正常的留言内容。', category: 'weather' }, 'body.category', ''],
      [{ text: '正常的留言内容。', citizenId: 'x' }, 'body.citizenId', 'additionalProperties false'],
    ]
    for (const [overrides, field, rule] of cases) {
      const response = await write({ kind: 'suggestion', category: 'other', ...overrides }, ouyang)
      expect({ overrides, status: response.status, field: response.body.error?.field }).toEqual({ overrides, status: 400, field })
      if (rule) expect(response.body.error.rule).toBe(rule)
    }
    expect(await count(app.db, 'feedback')).toBe(before)
    const longest = await write({ kind: 'suggestion', category: 'other', text: '字'.repeat(999) + '😀' }, ouyang)
    expect(longest.status).toBe(201)
    const multiline = await write({ kind: 'suggestion', category: 'other', text: '第一点：字体\r\n第二点：颜色' }, ouyang)
    expect(multiline.body.text).toBe('第一点：字体\n第二点：颜色')
  })

  test('replies are 2–1000 characters; a refused reply leaves the feedback open', async () => {
    const written = await write({ kind: 'consultation', category: 'other', text: '请问周末可以办理吗？' })
    for (const [text, rule] of [
      ['好', 'minLength 2'],
      ['回'.repeat(1001), 'maxLength 1000'],
      ['可以\u0007', 'no control characters'],
    ]) {
      const response = await reply(written.body.id, text!)
      expect(response.status).toBe(400)
      expect(response.body.error).toMatchObject({ field: 'body.reply', rule })
    }
    expect((await app.request(`/api/feedback/${written.body.id}`, { token: zhang })).body).toMatchObject({ status: 'open', reply: null })
    expect((await reply(written.body.id, '可以')).status).toBe(200)
  })

  test('operator routes: 401 without an operator session (a citizen token is none), 403 for other roles', async () => {
    const written = await write({ kind: 'complaint', category: 'other', text: '用于权限测试的留言。' })
    const reviewerOnly = await operatorTokenFor(app.app, ['reviewer'])
    for (const [token, status] of [
      [undefined, 401],
      [zhang, 401],
      [reviewerOnly, 403],
    ] as const) {
      expect((await app.request('/api/operator/feedback', { token })).status).toBe(status)
      expect((await reply(written.body.id, '无权回复的人写的回复。', { token })).status).toBe(status)
    }
    expect((await app.request(`/api/feedback/${written.body.id}`, { token: zhang })).body.status).toBe('open')
  })

  test(`writing is limited per account (RATE_LIMIT_FEEDBACK, here ${WRITE_LIMIT}/1m): then 429 with retry-after`, async () => {
    const token = await sessionFor(app.app, 'zhao-lihua', 1)
    for (let index = 0; index < WRITE_LIMIT; index += 1) {
      expect((await write({ kind: 'suggestion', category: 'other', text: `第 ${index + 1} 条建议内容` }, token)).status).toBe(201)
    }
    const limited = await write({ kind: 'suggestion', category: 'other', text: '超出限制的一条建议' }, token)
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('RATE_LIMITED')
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    // Others are not affected.
    expect((await write({ kind: 'suggestion', category: 'other', text: '别的账号照常可以留言' }, liNa)).status).toBe(201)
  })
})
