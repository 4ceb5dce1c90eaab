import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, startIdentityApp } from '../../support/identity'
import { operatorFor } from '../../support/operators'

describe.each(dialects())('notices by content editors on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startIdentityApp)
  let editor: Awaited<ReturnType<typeof operatorFor>>
  const notice = { title: '关于春节期间政务服务安排的通知', summary: '春节期间窗口暂停办理，网上办照常', body: '各位市民：\n春节期间……', department: '市政务服务管理局' }
  const publish = (payload: unknown) => app.request('/api/operator/notices', { method: 'POST', token: editor.token, payload })
  const retire = (id: number | string) => app.request(`/api/operator/notices/${id}/retire`, { method: 'POST', token: editor.token })

  beforeAll(async () => {
    editor = await operatorFor(app.server.app, ['content_editor'])
  })

  test('publishing makes a notice public at once, first in the list; audited with the editor and notice id', async () => {
    const response = await publish({ ...notice, title: `  ${notice.title} ` })
    expect(response.status).toBe(201)
    expect(response.body).toEqual({ id: expect.any(Number), title: notice.title, summary: notice.summary, department: notice.department, publishedAt: app.clock().toISOString(), status: 'published' })
    const list = await app.request('/api/notices')
    expect(list.body.items[0]).toMatchObject({ id: response.body.id, title: notice.title })
    expect((await app.request(`/api/notices/${response.body.id}`)).body.body).toBe(notice.body)
    const [entry] = (await auditRows(app.db, 'notice.publish')).slice(-1)
    expect(entry).toMatchObject({ operator_id: editor.id, account_id: null, detail: { noticeId: response.body.id, title: notice.title } })
  })

  test('retiring takes it off the list and its page (404), keeps the row; retiring again is harmless; both audited', async () => {
    const { body: published } = await publish({ ...notice, title: '临时通知' })
    const retired = await retire(published.id)
    expect(retired.status).toBe(200)
    expect(retired.body).toMatchObject({ id: published.id, status: 'retired' })
    expect((await app.request('/api/notices?limit=50')).body.items.map((item: { id: number }) => item.id)).not.toContain(published.id)
    expect((await app.request(`/api/notices/${published.id}`)).status).toBe(404)
    expect(await app.db.selectFrom('notices').select('status').where('id', '=', published.id).executeTakeFirstOrThrow()).toEqual({ status: 'retired' })
    expect((await retire(published.id)).body.status).toBe('retired')
    const entries = (await auditRows(app.db, 'notice.retire')).filter((row) => row.detail?.noticeId === published.id)
    expect(entries.map((row) => [row.operator_id, row.detail?.previousStatus])).toEqual([
      [editor.id, 'published'],
      [editor.id, 'retired'],
    ])
  })

  test('an unknown notice is 404; a bad id 400', async () => {
    expect((await retire(999_999)).status).toBe(404)
    expect((await retire(99_999_999_999)).status).toBe(404)
    const bad = await retire('abc')
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('params.id')
  })

  test.each([
    [{ ...notice, title: undefined }, 'body.title'],
    [{ ...notice, title: '   ' }, 'body.title'],
    [{ ...notice, summary: '' }, 'body.summary'],
    [{ ...notice, body: 'x'.repeat(20_001) }, 'body.body'],
    [{ ...notice, department: 'd'.repeat(51) }, 'body.department'],
    [{ ...notice, status: 'draft' }, 'body'],
  ])('bad input is 400 naming the field (%#), nothing written', async (payload, field) => {
    const before = await app.db.selectFrom('notices').select('id').execute()
    const response = await publish(payload)
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: expect.stringContaining(field) })
    expect(await app.db.selectFrom('notices').select('id').execute()).toHaveLength(before.length)
  })
})
