import type { EditorService, EditorServiceList } from '../../../src/contract/console/schemas'
import type { ImportRejected, SearchResult } from '../../../src/contract/services/schemas'
import { sampleItem, startCatalogueApp } from '../../support/catalogue'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { operatorTokenFor } from '../../support/operators'

describe.each(dialects())('console catalogue editor ($name)', (dialect) => {
  const { app: catalogue } = useDialectApp(dialect, (testDb) => startCatalogueApp(testDb, { seed: false }))
  let editor: string

  beforeAll(async () => {
    editor = await catalogue.editorToken()
    const imported = await catalogue.importItems([
      sampleItem({ code: 'EDIT-PASSPORT', name: '出入境证件补领', aliases: [] }),
      sampleItem({ code: 'EDIT-DRAFT', status: 'draft' }),
      sampleItem({ code: 'EDIT-OLD', status: 'retired' }),
    ])
    expect(imported.status).toBe(200)
  })

  const auditEvents = (event: string) => catalogue.db.selectFrom('audit_log').select(['operator_id', 'detail']).where('event', '=', event).execute()

  test('a zero-result query added as an alias makes the same search find the item', async () => {
    const query = '护照丢了怎么办'
    const before = (await catalogue.request(`/api/services/search?q=${encodeURIComponent(query)}`)).body as SearchResult
    expect(before.total).toBe(0)

    const added = await catalogue.request('/api/operator/services/EDIT-PASSPORT/aliases', { method: 'POST', payload: { alias: query }, token: editor })
    expect(added.status).toBe(200)
    expect((added.body as EditorService).guide).toMatchObject({ code: 'EDIT-PASSPORT', aliases: [query] })

    const after = (await catalogue.request(`/api/services/search?q=${encodeURIComponent(query)}`)).body as SearchResult
    expect(after.total).toBeGreaterThan(0)
    expect(after.items[0]!.code).toBe('EDIT-PASSPORT')
    expect(await auditEvents('catalogue.alias')).toEqual([expect.objectContaining({ operator_id: expect.any(String) })])

    // The same alias again changes nothing and is not audited twice.
    expect((await catalogue.request('/api/operator/services/EDIT-PASSPORT/aliases', { method: 'POST', payload: { alias: query }, token: editor })).status).toBe(200)
    expect(await auditEvents('catalogue.alias')).toHaveLength(1)
  })

  test('bad alias input is a 400 or 422 naming the field; unknown item 404', async () => {
    const blank = await catalogue.request('/api/operator/services/EDIT-PASSPORT/aliases', { method: 'POST', payload: { alias: '   ' }, token: editor })
    expect(blank.status).toBe(400)
    expect(blank.body.error.field).toBe('body.alias')
    const long = await catalogue.request('/api/operator/services/EDIT-PASSPORT/aliases', { method: 'POST', payload: { alias: '长'.repeat(41) }, token: editor })
    expect(long.status).toBe(400)
    expect(long.body.error.field).toMatch(/alias/)
    const unknown = await catalogue.request('/api/operator/services/NO-SUCH/aliases', { method: 'POST', payload: { alias: '别名' }, token: editor })
    expect(unknown.status).toBe(404)
  })

  test('the list shows every status with the content audit findings on each item', async () => {
    await catalogue.db.updateTable('service_items').set({ fees: ' ' }).where('code', '=', 'EDIT-DRAFT').execute()
    const list = (await catalogue.request('/api/operator/services', { token: editor })).body as EditorServiceList
    expect(list.items.map((item) => [item.code, item.status])).toEqual([
      ['EDIT-DRAFT', 'draft'],
      ['EDIT-OLD', 'retired'],
      ['EDIT-PASSPORT', 'published'],
    ])
    expect(list.items[0]!.findings).toEqual([{ rule: 'empty_section', message: expect.stringContaining('fees') }])
    expect(list.items[2]!.findings).toEqual([])
  })

  test('fixing a finding through PUT makes it disappear; a bad guide lists every bad field and writes nothing', async () => {
    const current = (await catalogue.request('/api/operator/services/EDIT-DRAFT', { token: editor })).body as EditorService
    expect(current.findings).toHaveLength(1)

    const bad = await catalogue.request('/api/operator/services/EDIT-DRAFT', { method: 'PUT', payload: { ...current.guide, fees: '', timeLimitDays: 999 }, token: editor })
    expect(bad.status).toBe(422)
    expect((bad.body as ImportRejected).errors.map((error) => error.field).sort()).toEqual(['fees', 'timeLimitDays'])
    expect((await catalogue.request('/api/operator/services/EDIT-DRAFT', { token: editor })).body.guide.timeLimitDays).toBe(5)

    const renamed = await catalogue.request('/api/operator/services/EDIT-DRAFT', { method: 'PUT', payload: { ...current.guide, code: 'OTHER' }, token: editor })
    expect(renamed.status).toBe(400)
    expect(renamed.body.error.field).toBe('body.code')

    const fixed = await catalogue.request('/api/operator/services/EDIT-DRAFT', { method: 'PUT', payload: { ...current.guide, fees: '不收费' }, token: editor })
    expect(fixed.status).toBe(200)
    expect((fixed.body as EditorService).findings).toEqual([])
    expect(await auditEvents('catalogue.edit')).toHaveLength(1)
  })

  test('only content editors (and admins) may edit', async () => {
    const reviewer = await operatorTokenFor(catalogue.app, ['reviewer'])
    expect((await catalogue.request('/api/operator/services', { token: reviewer })).status).toBe(403)
    expect((await catalogue.request('/api/operator/services/EDIT-OLD')).status).toBe(401)
    const admin = await operatorTokenFor(catalogue.app, ['admin'])
    expect((await catalogue.request('/api/operator/services/EDIT-OLD', { token: admin })).status).toBe(200)
  })
})
