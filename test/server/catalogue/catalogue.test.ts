import { CERTIFICATE_TYPES } from '../../../src/contract/certificates/data'
import { PREFILL_SOURCES } from '../../../src/contract/services/data'
import { CATEGORIES, LIFE_EVENTS, ONLINE_LEVELS } from '../../../src/contract/services/data'
import type { ServiceGuide, ServiceSummary } from '../../../src/contract/services/schemas'
import { seedDemoServices } from '../../../server/catalogue/seed'
import { demoServices } from '../../../server/seed-data/demo-services'
import { startCatalogueApp } from '../../support/catalogue'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { sessionFor } from '../../support/sessions'

const published = demoServices.filter((item) => item.status === 'published')
const hidden = demoServices.filter((item) => item.status !== 'published')

describe('the demo catalogue', () => {
  test('has at least 60 items across at least 8 departments, some draft and some retired', () => {
    expect(demoServices.length).toBeGreaterThanOrEqual(60)
    expect(new Set(demoServices.map((item) => item.department)).size).toBeGreaterThanOrEqual(8)
    expect(new Set(demoServices.map((item) => item.code)).size).toBe(demoServices.length)
    expect(hidden.map((item) => item.status)).toEqual(expect.arrayContaining(['draft', 'retired']))
  })

  test('at least 8 published 全程网办 items have a form: name and ID number locked from the registry, phone editable', () => {
    const online = published.filter((item) => item.onlineLevel === 'full_online')
    expect(online.length).toBeGreaterThanOrEqual(8)
    for (const item of online) {
      const fields = item.formSchema!.fields
      expect({ code: item.code, name: fields.find((field) => field.prefill?.source === 'population.name')?.prefill }).toEqual({ code: item.code, name: { source: 'population.name', locked: true } })
      expect(fields.find((field) => field.prefill?.source === 'population.id_number')?.prefill).toEqual({ source: 'population.id_number', locked: true })
      expect(fields.find((field) => field.prefill?.source === 'population.phone')?.prefill).toEqual({ source: 'population.phone', locked: false })
    }
    expect(online.filter((item) => item.formSchema!.fields.some((field) => field.prefill?.source === 'population.address' && !field.prefill.locked)).length).toBeGreaterThan(0)
    // The end-to-end journey searches 身份证 and applies.
    expect(online.some((item) => item.name.includes('身份证'))).toBe(true)
  })
})

describe.each(dialects())('service catalogue on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startCatalogueApp)

  async function allListed(query = ''): Promise<ServiceSummary[]> {
    const items: ServiceSummary[] = []
    for (let offset = 0; ; offset += 50) {
      const page = await app.request(`/api/services?limit=50&offset=${offset}${query}`)
      expect(page.status).toBe(200)
      items.push(...page.body.items)
      if (offset + 50 >= page.body.total) return items
    }
  }

  test('the list shows every published item and nothing else, paged, in words, cacheable', async () => {
    const first = await app.request('/api/services?limit=5')
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('public, max-age=60')
    expect(first.body).toMatchObject({ total: published.length, limit: 5, offset: 0 })
    expect(first.body.items).toHaveLength(5)
    const all = await allListed()
    expect(all.map((item) => item.code).sort()).toEqual(published.map((item) => item.code).sort())
    const renewal = all.find((item) => item.code === 'SF-GA-0001')
    expect(renewal).toEqual({
      code: 'SF-GA-0001',
      name: '居民身份证换领',
      department: '市公安局',
      category: '证件办理',
      onlineLevel: 'appointment',
      onlineLevelName: '在线预约',
      timeLimitDays: 20,
      timeLimitText: '20个工作日',
      audiences: [{ key: 'personal', name: '个人' }],
    })
  })

  test('filters by category, life event, department, audience and online level; unknown values are a 400', async () => {
    const births = await allListed('&lifeEvent=birth')
    expect(births.map((item) => item.code).sort()).toEqual(published.filter((item) => item.lifeEvents.includes('birth')).map((item) => item.code).sort())
    expect(births.map((item) => item.name)).toEqual(expect.arrayContaining(['新生儿入户', '生育津贴申领', '出生医学证明首次签发']))

    const police = await allListed(`&department=${encodeURIComponent('市公安局')}&category=${encodeURIComponent('证件办理')}`)
    expect(police.map((item) => item.code).sort()).toEqual(
      published.filter((item) => item.department === '市公安局' && item.category === '证件办理').map((item) => item.code).sort(),
    )
    const companies = await allListed('&audience=legal_person&onlineLevel=pre_review')
    expect(companies.length).toBeGreaterThan(0)
    for (const item of companies) {
      expect(item.onlineLevel).toBe('pre_review')
      expect(item.audiences.map((audience) => audience.key)).toContain('legal_person')
    }
    const bad = await app.request('/api/services?lifeEvent=graduation')
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'query.lifeEvent' })
    expect((await app.request('/api/services?limit=51')).body.error).toMatchObject({ field: 'query.limit', rule: 'maximum 50' })
  })

  test('facets count published items only, in display order with words', async () => {
    const response = await app.request('/api/services/facets')
    expect(response.status).toBe(200)
    const facets = response.body
    expect(facets.total).toBe(published.length)
    const expectedCategories = CATEGORIES.map((key) => ({ key, name: key, count: published.filter((item) => item.category === key).length })).filter((facet) => facet.count > 0)
    expect(facets.categories).toEqual(expectedCategories)
    expect(facets.lifeEvents).toContainEqual({ key: 'birth', name: LIFE_EVENTS.birth, count: published.filter((item) => item.lifeEvents.includes('birth')).length })
    const departments = facets.departments as { name: string; count: number }[]
    expect(departments.reduce((sum, facet) => sum + facet.count, 0)).toBe(published.length)
    expect(departments.map((facet) => facet.count)).toEqual([...departments.map((facet) => facet.count)].sort((a, b) => b - a))
    expect(facets.onlineLevels).toContainEqual({ key: 'full_online', name: ONLINE_LEVELS.full_online, count: published.filter((item) => item.onlineLevel === 'full_online').length })
    // 市民政局 has a retired item, 市市场监督管理局 a draft: neither counts.
    expect(departments.find((facet) => facet.name === '市市场监督管理局')!.count).toBe(published.filter((item) => item.department === '市市场监督管理局').length)
  })

  test('every published guide is complete: legal basis, conditions, materials, fees, time limit, counter, phone, at least 2 FAQ', async () => {
    for (const item of published) {
      const response = await app.request(`/api/services/${item.code}`)
      expect({ code: item.code, status: response.status }).toEqual({ code: item.code, status: 200 })
      const guide = response.body as ServiceGuide
      expect(guide.legalBasis).toMatch(/《.+》/)
      expect(guide.conditions.length).toBeGreaterThan(0)
      expect(guide.materials.length).toBeGreaterThan(0)
      expect(guide.fees.trim()).not.toBe('')
      expect(Number.isInteger(guide.timeLimitDays)).toBe(true)
      expect(guide.counter.address.trim()).not.toBe('')
      expect(guide.counter.hours.trim()).not.toBe('')
      expect(guide.counter.phone).toMatch(/^0999-\d{5,8}$/)
      expect(guide.faq.length).toBeGreaterThanOrEqual(2)
      expect(guide.region).toBe('示范市')
      expect(guide.canApplyOnline).toBe(item.onlineLevel === 'full_online')
      for (const field of guide.formSchema?.fields ?? []) if (field.prefill) expect(PREFILL_SOURCES[field.prefill.source]).toBeDefined()
    }
  })

  test('a guide marks the materials the citizen can take from their e-certificates', async () => {
    const response = await app.request('/api/services/SF-GA-0006')
    expect(response.headers.get('cache-control')).toBe('no-cache')
    const guide = response.body as ServiceGuide
    expect(guide).toMatchObject({ name: '新生儿入户', onlineLevelName: '在线预审', timeLimitText: '1个工作日', lifeEvents: [{ key: 'birth', name: '出生' }] })
    expect(guide.materials).toEqual([
      { name: '出生医学证明', copies: 1, form: '原件', fromCertificate: false },
      { name: '居民户口簿', copies: 1, form: '原件', certificateType: 'household_register', certificateTypeName: CERTIFICATE_TYPES.household_register.name, fromCertificate: true, fromCertificateLabel: '可用电子证照，免提交' },
      { name: '结婚证', copies: 1, form: '原件', certificateType: 'marriage_certificate', certificateTypeName: '结婚证', fromCertificate: true, fromCertificateLabel: '可用电子证照，免提交' },
      { name: '居民身份证', copies: 1, form: '原件', certificateType: 'resident_id_card', certificateTypeName: '居民身份证', fromCertificate: true, fromCertificateLabel: '可用电子证照，免提交' },
    ])
    const instant = await app.request('/api/services/SF-GA-0003')
    expect(instant.body).toMatchObject({ timeLimitText: '即办', canApplyOnline: true, formSchema: { fields: expect.any(Array) } })
  })

  test('draft, retired and unknown items are 404 and not counted as views; a bad code is a 400', async () => {
    for (const code of [...hidden.map((item) => item.code), 'SF-NONE-0001']) {
      const response = await app.request(`/api/services/${code}`)
      expect({ code, status: response.status, error: response.body.error.code }).toEqual({ code, status: 404, error: 'NOT_FOUND' })
    }
    const views = await app.db.selectFrom('service_views').select('item_code').where('item_code', 'in', hidden.map((item) => item.code)).execute()
    expect(views).toEqual([])
    expect((await app.request('/api/services/bad%20code')).body.error).toMatchObject({ field: 'params.code' })
  })

  test('opening a guide records a view (with the account when logged in) and raises the popularity', async () => {
    const code = 'SF-YB-0001'
    const before = await app.db.selectFrom('service_items').select('popularity').where('code', '=', code).executeTakeFirstOrThrow()
    const countBefore = (await app.db.selectFrom('service_views').select('id').where('item_code', '=', code).execute()).length
    const token = await sessionFor(app.app, 'li-na', 1)
    expect((await app.request(`/api/services/${code}`, { token })).status).toBe(200)
    expect((await app.request(`/api/services/${code}`)).status).toBe(200)
    // A token that is not valid is simply anonymous on a public route.
    const stale = await app.request(`/api/services/${code}`, { token: 'not-a-real-token' })
    expect(stale.status).toBe(200)
    expect(stale.headers.get('www-authenticate')).toBeNull()

    const views = await app.db.selectFrom('service_views').select(['account_id', 'viewed_at']).where('item_code', '=', code).orderBy('id').execute()
    expect(views).toHaveLength(countBefore + 3)
    const account = await app.db.selectFrom('platform_accounts').select('id').where('subject', '=', 'li-na').executeTakeFirstOrThrow()
    expect(views.slice(-3).map((view) => view.account_id)).toEqual([account.id, null, null])
    const after = await app.db.selectFrom('service_items').select('popularity').where('code', '=', code).executeTakeFirstOrThrow()
    expect(after.popularity).toBe(before.popularity + 3)
    // The list puts the most used first.
    const list = await app.request('/api/services?limit=1')
    expect(list.body.items[0].code).toBe(code)
  })

  test('seeding again changes nothing: missing items come back, edited or retired ones keep the edits', async () => {
    const again = await seedDemoServices(app.db, new Date())
    expect(again).toEqual({ inserted: [], alreadyPresent: demoServices.length })
    await app.db.updateTable('service_items').set({ fees: '运营人员修改过的收费说明' }).where('code', '=', 'SF-GA-0001').execute()
    await app.db.updateTable('service_items').set({ status: 'retired' }).where('code', '=', 'SF-GA-0002').execute()
    await app.db.deleteFrom('service_items').where('code', '=', 'SF-JT-0003').execute()

    expect(await seedDemoServices(app.db, new Date())).toEqual({ inserted: ['SF-JT-0003'], alreadyPresent: demoServices.length - 1 })
    const rows = await app.db.selectFrom('service_items').select(['code', 'fees', 'status']).where('code', 'in', ['SF-GA-0001', 'SF-GA-0002', 'SF-JT-0003']).orderBy('code').execute()
    expect(rows).toEqual([
      { code: 'SF-GA-0001', fees: '运营人员修改过的收费说明', status: 'published' },
      { code: 'SF-GA-0002', fees: '工本费20元', status: 'retired' },
      { code: 'SF-JT-0003', fees: '不收费（卡押金已取消）', status: 'published' },
    ])
    expect((await app.request('/api/services/SF-GA-0002')).status).toBe(404)
    expect((await app.request('/api/services/SF-JT-0003')).status).toBe(200)
  })
})
