import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditOf, post, startEvaluationsApp } from '../../support/evaluations'
import { MINUTE } from '../../support/identity'
import { operatorFor, operatorTokenFor } from '../../support/operators'
import { demoCitizen, sessionFor } from '../../support/sessions'

/** The console's 诉求 page closes feedback with a note; its 公告 page lists retired notices too. */
describe.each(dialects())('department closes feedback; the editors list every notice ($name)', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) => startEvaluationsApp(testDb))
  let zhang: string
  let editor: Awaited<ReturnType<typeof operatorFor>>

  beforeAll(async () => {
    zhang = await sessionFor(app.app, 'zhang-wei')
    editor = await operatorFor(app.app, ['content_editor'])
  })

  const write = async (text: string) => {
    app.clock.advance(1000)
    const response = await app.request('/api/feedback', post({ kind: 'complaint', category: 'other', text }, zhang))
    expect(response.status).toBe(201)
    return response.body.id as string
  }
  const close = (id: string, payload: unknown, token = editor.token) => app.request(`/api/operator/feedback/${id}/close`, post(payload, token))

  test('open feedback closed with a note: the citizen sees 已办结 and the note (numbers masked); audited; never twice', async () => {
    const id = await write('窗口工作人员态度不好，希望改进。')
    app.clock.advance(MINUTE)
    const { phone } = demoCitizen('zhang-wei')
    const closed = await close(id, { note: ` 已电话联系您（${phone!}）核实，已对窗口人员批评教育。 ` })
    expect(closed.status).toBe(200)
    expect(closed.body).toMatchObject({ id, status: 'closed', statusName: '已办结', closedAt: app.clock().toISOString(), reply: null })
    expect(closed.body.closingNote).toBe(`已电话联系您（${phone!.slice(0, 3)}****${phone!.slice(-4)}）核实，已对窗口人员批评教育。`)

    const seen = await app.request(`/api/feedback/${id}`, { token: zhang })
    expect(seen.body).toMatchObject({ status: 'closed', statusName: '已办结', closingNote: closed.body.closingNote })
    expect(seen.text).not.toContain(phone!)
    expect(seen.text).not.toContain(editor.id)
    const stored = await app.db.selectFrom('feedback').select(['closed_by', 'closing_note']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(stored.closed_by).toBe(editor.id)
    expect((await auditOf(app.db, 'feedback.close')).at(-1)).toMatchObject({ operator_id: editor.id, detail: { feedbackId: id, kind: 'complaint' } })

    const again = await close(id, { note: '再次办结想要覆盖。' })
    expect([again.status, again.body.error.code]).toEqual([409, 'CONFLICT'])
    const closedList = await app.request('/api/operator/feedback?status=closed', { token: editor.token })
    expect(closedList.body.items.find((item: { id: string }) => item.id === id).closingNote).toBe(closed.body.closingNote)
  })

  test('answered feedback the citizen did not confirm is closed too, keeping the reply', async () => {
    const id = await write('办件进度查询不到，请帮忙看看。')
    await app.request(`/api/operator/feedback/${id}/reply`, post({ reply: '已查询，正在审核中。' }, editor.token))
    const closed = await close(id, { note: '已答复，群众未再反馈，予以办结。' })
    expect(closed.body).toMatchObject({ status: 'closed', reply: '已查询，正在审核中。', closingNote: '已答复，群众未再反馈，予以办结。' })
  })

  test('bad notes are 400 naming body.note and change nothing; unknown id 404; other roles 403, no session 401', async () => {
    const id = await write('建议增加周末办理时段。')
    for (const note of ['', ' 好', 'x'.repeat(1001), '含有\u0007控制字符的说明']) {
      const refused = await close(id, { note })
      expect([refused.status, refused.body.error.field]).toEqual([400, 'body.note'])
    }
    expect((await close(id, {})).body.error.field).toBe('body.note')
    expect((await app.request(`/api/feedback/${id}`, { token: zhang })).body).toMatchObject({ status: 'open', closingNote: null, closedAt: null })
    expect((await close('AAAAAAAAAAAAAAAAAAAAAA', { note: '办结不存在的留言。' })).status).toBe(404)
    expect((await close(id, { note: '审核员想要办结。' }, await operatorTokenFor(app.app, ['reviewer']))).status).toBe(403)
    expect((await app.request(`/api/operator/feedback/${id}/close`, post({ note: '没有登录想要办结。' }))).status).toBe(401)
    expect((await close(id, { note: '市民想要办结。' }, zhang)).status).toBe(401)
  })

  test('GET /api/operator/notices: published and retired, newest first, narrowed by status; editors only', async () => {
    const notice = { summary: '摘要', body: '正文', department: '市政务服务管理局' }
    const first = (await app.request('/api/operator/notices', post({ ...notice, title: '第一条通知' }, editor.token))).body
    app.clock.advance(MINUTE)
    const second = (await app.request('/api/operator/notices', post({ ...notice, title: '第二条通知' }, editor.token))).body
    await app.request(`/api/operator/notices/${first.id}/retire`, post(undefined, editor.token))

    const all = await app.request('/api/operator/notices', { token: editor.token })
    expect(all.status).toBe(200)
    const mine = all.body.items.filter((item: { id: number }) => [first.id, second.id].includes(item.id))
    expect(mine).toEqual([
      { ...second, status: 'published' },
      { ...first, status: 'retired' },
    ])
    const retired = await app.request('/api/operator/notices?status=retired', { token: editor.token })
    expect(retired.body.items.every((item: { status: string }) => item.status === 'retired')).toBe(true)
    expect(retired.body.items.map((item: { id: number }) => item.id)).toContain(first.id)
    const published = await app.request('/api/operator/notices?status=published&limit=1', { token: editor.token })
    expect(published.body.items).toHaveLength(1)
    expect(published.body.items[0].status).toBe('published')
    // The public list still shows only published ones.
    expect((await app.request('/api/notices?limit=50')).body.items.map((item: { id: number }) => item.id)).not.toContain(first.id)

    const bad = await app.request('/api/operator/notices?status=deleted', { token: editor.token })
    expect([bad.status, bad.body.error.field]).toEqual([400, 'query.status'])
    expect((await app.request('/api/operator/notices', { token: await operatorTokenFor(app.app, ['reviewer']) })).status).toBe(403)
    expect((await app.request('/api/operator/notices')).status).toBe(401)
  })
})
