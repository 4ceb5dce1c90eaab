import { CompiledQuery, sql } from 'kysely'
import type { SearchHit } from '../../../src/contract/services'
import { candidateQuery, zeroResultQueries } from '../../../server/catalogue/search'
import { guideColumns } from '../../../server/catalogue/views'
import { demoServices } from '../../../server/seed-data/demo-services'
import { sampleItem, startCatalogueApp, type CatalogueApp } from '../../support/catalogue'
import { dialects, type TestDatabase } from '../../support/dialects'
import { sessionFor } from '../../support/sessions'

/**
 * The ranking fixture: codes sort the opposite way to the expected rank, so an order that
 * merely followed the code would fail. Draft and retired items match too but must not show.
 */
const FIXTURE = [
  sampleItem({ code: 'R-Z-EXACT', name: '驾驶证' }),
  sampleItem({ code: 'R-Y-PREFIX', name: '驾驶证换证' }),
  sampleItem({ code: 'R-X-CONTAINS', name: '机动车驾驶证补领' }),
  sampleItem({ code: 'R-W-CONTAINS', name: '网约车驾驶证申请' }),
  sampleItem({ code: 'R-V-ALIAS', name: '机动车检验标志核发', aliases: ['年检', '驾驶证年审'] }),
  sampleItem({ code: 'R-U-DEPARTMENT', name: '车辆购置税申报', department: '驾驶证管理所' }),
  sampleItem({ code: 'R-T-DRAFT', name: '驾驶证草稿事项', status: 'draft' }),
  sampleItem({ code: 'R-S-RETIRED', name: '驾驶证旧事项', status: 'retired' }),
  sampleItem({ code: 'R-Q-SYMBOLS', name: '示范"引号"事项', aliases: ['50%_折扣*', 'C++ 编程 OR 培训'] }),
  sampleItem({ code: 'R-P-WIDE', name: 'ＥＭＳ邮寄服务' }),
]

describe.each(dialects())('catalogue search on $name', (dialect) => {
  let testDb: TestDatabase
  let app: CatalogueApp

  beforeAll(async () => {
    testDb = await dialect.setup()
    app = await startCatalogueApp(testDb, { seed: false })
    const imported = await app.importItems(FIXTURE)
    expect(imported.status).toBe(200)
  })
  afterAll(async () => {
    await app.close()
    await testDb.cleanup()
  })

  const search = (q: string, extra = '', token?: string) => app.request(`/api/services/search?q=${encodeURIComponent(q)}${extra}`, { token })
  const codesFor = async (q: string) => {
    const response = await search(q)
    expect({ q, status: response.status }).toEqual({ q, status: 200 })
    return (response.body.items as SearchHit[]).map((item) => item.code)
  }

  test('ranks exact name > name prefix > name contains > alias > department, ties by code; draft and retired never show', async () => {
    const response = await search('驾驶证')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.body.total).toBe(6)
    expect(response.body.items.map((item: SearchHit) => [item.code, item.matchedField])).toEqual([
      ['R-Z-EXACT', 'name'],
      ['R-Y-PREFIX', 'name'],
      ['R-W-CONTAINS', 'name'],
      ['R-X-CONTAINS', 'name'],
      ['R-V-ALIAS', 'alias'],
      ['R-U-DEPARTMENT', 'department'],
    ])
  })

  test('each hit says what matched and where, ready to highlight', async () => {
    const items = (await search('驾驶证')).body.items as SearchHit[]
    expect(items.find((item) => item.code === 'R-X-CONTAINS')).toMatchObject({
      name: '机动车驾驶证补领',
      matchedText: '机动车驾驶证补领',
      highlight: [
        { text: '机动车', hit: false },
        { text: '驾驶证', hit: true },
        { text: '补领', hit: false },
      ],
      onlineLevelName: '在线预约',
      timeLimitText: '5个工作日',
    })
    expect(items.find((item) => item.code === 'R-V-ALIAS')).toMatchObject({
      matchedField: 'alias',
      matchedText: '驾驶证年审',
      highlight: [
        { text: '驾驶证', hit: true },
        { text: '年审', hit: false },
      ],
    })
    expect(items.find((item) => item.code === 'R-U-DEPARTMENT')).toMatchObject({ matchedField: 'department', matchedText: '驾驶证管理所' })
  })

  test('1- and 2-character queries find substrings too, ranked the same way', async () => {
    // 驾驶 is a prefix of both 驾驶证 and 驾驶证换证: a tie, broken by code.
    expect(await codesFor('驾驶')).toEqual(['R-Y-PREFIX', 'R-Z-EXACT', 'R-W-CONTAINS', 'R-X-CONTAINS', 'R-V-ALIAS', 'R-U-DEPARTMENT'])
    expect(await codesFor('证')).toEqual(['R-W-CONTAINS', 'R-X-CONTAINS', 'R-Y-PREFIX', 'R-Z-EXACT', 'R-V-ALIAS', 'R-U-DEPARTMENT'])
    expect(await codesFor('年检')).toEqual(['R-V-ALIAS'])
  })

  test('full-width and upper-case letters match their plain forms; the highlight keeps the original text', async () => {
    for (const q of ['ems', 'EMS', 'ＥＭＳ', ' ems邮寄 ']) {
      const response = await search(q)
      expect({ q, codes: response.body.items.map((item: SearchHit) => item.code) }).toEqual({ q, codes: ['R-P-WIDE'] })
    }
    const response = await search('ＥＭＳ')
    expect(response.body.query).toBe('ems')
    expect(response.body.items[0].highlight).toEqual([
      { text: 'ＥＭＳ', hit: true },
      { text: '邮寄服务', hit: false },
    ])
  })

  test('quotes, wildcards, operators and SQL are searched for as plain text', async () => {
    const plain: [string, string[]][] = [
      ['"', ['R-Q-SYMBOLS']],
      ['"引号"', ['R-Q-SYMBOLS']],
      ['%', ['R-Q-SYMBOLS']],
      ['_', ['R-Q-SYMBOLS']],
      ['%_折扣*', ['R-Q-SYMBOLS']],
      ['*', ['R-Q-SYMBOLS']],
      ['OR', ['R-Q-SYMBOLS']],
      ['C++', ['R-Q-SYMBOLS']],
      ['驾驶证 OR 护照', []],
      ['驾驶证*', []],
      ['NEAR(驾驶 证)', []],
      ['驾驶证 NOT 换证', []],
      ["'; drop table service_items; --", []],
      ['\\', []],
      ['a"b', []],
      ['%%%', []],
    ]
    for (const [q, expected] of plain) expect({ q, codes: await codesFor(q) }).toEqual({ q, codes: expected })
    expect(await codesFor('驾驶证')).toHaveLength(6)
  })

  test('blank, empty and over-long queries are a 400 naming query.q', async () => {
    expect((await search('   ')).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'query.q', rule: 'not blank' })
    expect((await app.request('/api/services/search?q=')).body.error).toMatchObject({ field: 'query.q', rule: 'minLength 1' })
    expect((await app.request('/api/services/search')).body.error).toMatchObject({ field: 'query.q' })
    expect((await search('驾'.repeat(41))).body.error).toMatchObject({ field: 'query.q', rule: 'maxLength 40' })
    expect((await search('驾驶证', '&limit=0')).body.error).toMatchObject({ field: 'query.limit', rule: 'minimum 1' })
  })

  test('limit cuts the list but total counts every match', async () => {
    const response = await search('驾驶证', '&limit=2')
    expect(response.body.total).toBe(6)
    expect(response.body.items.map((item: SearchHit) => item.code)).toEqual(['R-Z-EXACT', 'R-Y-PREFIX'])
  })

  test('popularity breaks ties within a match rank: the more opened item comes first', async () => {
    for (let view = 0; view < 2; view += 1) expect((await app.request('/api/services/R-X-CONTAINS')).status).toBe(200)
    expect(await codesFor('驾驶证')).toEqual(['R-Z-EXACT', 'R-Y-PREFIX', 'R-X-CONTAINS', 'R-W-CONTAINS', 'R-V-ALIAS', 'R-U-DEPARTMENT'])
    // Popularity never lifts an item above a better match.
    for (let view = 0; view < 5; view += 1) await app.request('/api/services/R-U-DEPARTMENT')
    expect((await codesFor('驾驶证')).at(-1)).toBe('R-U-DEPARTMENT')
  })

  test('every query is recorded, normalised, with its result count, top item, account and platform; zero-result ones feed the demand report', async () => {
    const since = new Date(Date.now() - 60_000)
    await app.db.deleteFrom('service_searches').execute()
    const token = await sessionFor(app.app, 'zhao-lihua', 1)
    expect((await search('  无人办理的事项  ', '', token)).body).toEqual({ query: '无人办理的事项', total: 0, items: [] })
    expect((await search('无人办理的事项', '&platform=alipay')).body.total).toBe(0)
    expect((await search('驾驶证换证', '&platform=weapp')).body.total).toBe(1)

    const rows = await app.db.selectFrom('service_searches').select(['query', 'result_count', 'top_code', 'account_id', 'platform']).orderBy('id').execute()
    const account = await app.db.selectFrom('platform_accounts').select('id').where('subject', '=', 'zhao-lihua').executeTakeFirstOrThrow()
    expect(rows).toEqual([
      { query: '无人办理的事项', result_count: 0, top_code: null, account_id: account.id, platform: 'h5dev' },
      { query: '无人办理的事项', result_count: 0, top_code: null, account_id: null, platform: 'alipay' },
      { query: '驾驶证换证', result_count: 1, top_code: 'R-Y-PREFIX', account_id: null, platform: 'weapp' },
    ])
    expect(await zeroResultQueries(app.db, since)).toEqual([{ query: '无人办理的事项', searches: 2, lastAt: expect.any(String) }])
    // Refused queries (400) are not searches.
    await search('   ')
    expect(await app.db.selectFrom('service_searches').select('id').execute()).toHaveLength(3)
  })

  test('a search of 3 or more characters is answered from the trigram index (at catalogue scale)', async () => {
    // A city-sized catalogue, all published (so the status index narrows nothing), then fresh statistics.
    const kinds = ['登记', '证明', '备案', '许可', '核准', '补贴', '年检', '换发']
    const bulk = Array.from({ length: 3000 }, (_, index) => {
      const item = sampleItem({ code: `BULK-${String(index).padStart(4, '0')}`, name: `第${index}号${kinds[index % kinds.length]}事项` })
      return { ...guideColumns(item), created_at: '2026-11-27T00:00:00.000Z', updated_at: '2026-11-27T00:00:00.000Z', published_at: null }
    })
    for (let from = 0; from < bulk.length; from += 300) await app.db.insertInto('service_items').values(bulk.slice(from, from + 300)).execute()
    const compiled = candidateQuery(app.db, '驾驶证').compile()
    const explain = dialect.name === 'postgres' ? 'explain' : 'explain query plan'
    if (dialect.name === 'postgres') await sql`analyze service_items`.execute(app.db)
    const plan = await app.db.executeQuery<Record<string, string>>(CompiledQuery.raw(`${explain} ${compiled.sql}`, [...compiled.parameters]))
    const text = plan.rows.map((row) => row['QUERY PLAN'] ?? row.detail).join('\n')
    if (dialect.name === 'postgres') expect(text).toContain('service_items_search_trgm_idx')
    else expect(text).toMatch(/service_items_fts VIRTUAL TABLE INDEX/)
    expect(await codesFor('驾驶证')).toHaveLength(6)
  })
})

// --- the seeded catalogue: the same answers on every database -----------------------------------

const fold = (text: string) => Array.from(text, (character) => character.normalize('NFKC').toLowerCase()).join('')

/** The ranking rules written out plainly over the seed data (every popularity is still 0). */
function expectedCodes(query: string): string[] {
  const q = fold(query)
  const tierOf = (item: (typeof demoServices)[number]) => {
    const name = fold(item.name)
    if (name === q) return 0
    if (name.startsWith(q)) return 1
    if (name.includes(q)) return 2
    if (item.aliases.some((alias) => fold(alias).includes(q))) return 3
    if (fold(item.department).includes(q)) return 4
    return undefined
  }
  return demoServices
    .filter((item) => item.status === 'published')
    .map((item) => ({ code: item.code, tier: tierOf(item) }))
    .filter((entry): entry is { code: string; tier: number } => entry.tier !== undefined)
    .sort((a, b) => a.tier - b.tier || (a.code < b.code ? -1 : 1))
    .map((entry) => entry.code)
}

const SEEDED_QUERIES = ['身份证', '居民身份证换领', '身份', '证', '证明', '公积金', '提取', '医保', '婚', '结婚登记', '税', '驾驶', '登记', '市公安局', '出生', '社保', '暂住证', '户籍证明开具']

describe.each(dialects())('search over the demo catalogue on $name', (dialect) => {
  let testDb: TestDatabase
  let app: CatalogueApp

  beforeAll(async () => {
    testDb = await dialect.setup()
    app = await startCatalogueApp(testDb)
  })
  afterAll(async () => {
    await app.close()
    await testDb.cleanup()
  })

  test.each(SEEDED_QUERIES)('%s: the ranking rules, in the same order on every database', async (query) => {
    const response = await app.request(`/api/services/search?q=${encodeURIComponent(query)}&limit=50`)
    expect(response.status).toBe(200)
    const expected = expectedCodes(query)
    expect(response.body.total).toBe(expected.length)
    expect(response.body.items.map((item: SearchHit) => item.code)).toEqual(expected.slice(0, 50))
  })

  test('身份证 finds the 全程网办 挂失 item whose guide offers the online application', async () => {
    const response = await app.request(`/api/services/search?q=${encodeURIComponent('身份证')}`)
    const hits = response.body.items as SearchHit[]
    expect(hits.map((hit) => hit.name)).toEqual(expect.arrayContaining(['居民身份证换领', '居民身份证挂失申报', '临时居民身份证办理']))
    const online = hits.find((hit) => hit.onlineLevel === 'full_online' && hit.name.includes('身份证'))!
    expect(online).toMatchObject({ code: 'SF-GA-0003', onlineLevelName: '全程网办' })
    const guide = await app.request(`/api/services/${online.code}`)
    expect(guide.body).toMatchObject({ canApplyOnline: true, formSchema: { fields: expect.arrayContaining([expect.objectContaining({ key: 'applicantName', prefill: { source: 'population.name', locked: true } })]) } })
  })

  test('a retired item is not found by its name: a zero-result search', async () => {
    const response = await app.request(`/api/services/search?q=${encodeURIComponent('暂住证办理')}`)
    expect(response.body).toEqual({ query: '暂住证办理', total: 0, items: [] })
    const recorded = await app.db.selectFrom('service_searches').select(['result_count']).where('query', '=', '暂住证办理').execute()
    expect(recorded).toEqual([{ result_count: 0 }])
  })
})
