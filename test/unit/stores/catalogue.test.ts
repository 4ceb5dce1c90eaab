import type { SearchResult, ServiceFacets, ServiceGuide, ServiceList, ServiceSummary } from '@/contract/services/schemas'
import { ApiError } from '@/platform/api-error'
import type { RequestOptions } from '@/platform/types'
import { createApiClient } from '@/api/api-client'
import { CatalogueStore, HISTORY_KEY, HISTORY_LIMIT, LIST_PAGE_SIZE, SEARCH_DEBOUNCE_MS, SEARCH_LIMIT, catalogueStore } from '@/packages/services/catalogue-store'
import { RootStore } from '@/stores/root-store'
import { fakePlatform } from './fake-platform'

const summary = (code: string, name = `事项${code}`): ServiceSummary => ({
  code,
  name,
  department: '示范市公安局',
  category: '证件办理',
  onlineLevel: 'full_online',
  onlineLevelName: '全程网办',
  timeLimitDays: 5,
  timeLimitText: '5个工作日',
  audiences: [{ key: 'personal', name: '个人' }],
})

const hits = (query: string, ...names: string[]): SearchResult => ({
  query,
  total: names.length,
  relaxed: 'none',
  items: names.map((name, index) => ({ ...summary(`S${index}`, name), matchedField: 'name', matchedText: name, highlight: [{ text: name, hit: true }] })),
})

const guide = (code: string): ServiceGuide => ({
  code,
  name: '居民身份证换领',
  aliases: ['身份证换领'],
  department: '示范市公安局',
  category: '证件办理',
  audiences: [{ key: 'personal', name: '个人' }],
  lifeEvents: [],
  region: '示范市',
  legalBasis: '《中华人民共和国居民身份证法》',
  conditions: ['有效期满'],
  materials: [{ name: '居民户口簿', copies: 1, form: '原件', certificateType: 'household_register', certificateTypeName: '居民户口簿', fromCertificate: true, fromCertificateLabel: '可用电子证照，免提交' }],
  fees: '20元',
  timeLimitDays: 20,
  timeLimitText: '20个工作日',
  onlineLevel: 'full_online',
  onlineLevelName: '全程网办',
  canApplyOnline: true,
  counter: { address: '示范市政务服务中心', hours: '工作日 9:00-17:00', phone: '0000-12345678' },
  faq: [{ question: '要多久？', answer: '20个工作日' }],
  publishedAt: null,
  updatedAt: '2026-11-27T00:00:00.000Z',
})

/** A request whose answer the test hands over when it wants (to play out slow responses). */
interface Held {
  options: RequestOptions
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

function setup(initialStorage: Record<string, unknown> = {}, respond?: (options: RequestOptions) => Promise<unknown>) {
  const held: Held[] = []
  const fake = fakePlatform(
    respond ??
      ((options) =>
        new Promise((resolve, reject) => {
          held.push({ options, resolve, reject })
        })),
    initialStorage,
  )
  const api = createApiClient(fake.platform, { token: () => undefined, renew: async () => false })
  const store = new CatalogueStore(api, fake.platform)
  return { store, held, ...fake }
}

/** Lets the answered requests' continuations run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('CatalogueStore search', () => {
  test('a search asks the API with the query, the limit and the platform, and shows the hits', async () => {
    const { store, held } = setup()
    const searching = store.submit('  身份证 ')
    expect(held[0].options).toMatchObject({ method: 'GET', path: '/api/services/search', query: { q: '身份证', limit: SEARCH_LIMIT, platform: 'h5' } })
    expect(store.results.status).toBe('loading')
    held[0].resolve(hits('身份证', '居民身份证换领', '居民身份证挂失'))
    await searching
    expect(store.searchedFor).toBe('身份证')
    expect(store.results.data?.items.map((item) => item.name)).toEqual(['居民身份证换领', '居民身份证挂失'])
    expect(store.results.empty).toBe(false)
  })

  test('latest query wins: a slow answer to an earlier query never replaces the newer one', async () => {
    const { store, held } = setup()
    const first = store.search('身')
    const second = store.search('身份证')
    expect(held.map((request) => request.options.query?.q)).toEqual(['身', '身份证'])
    // The newer answer arrives first, then the older, slower one.
    held[1].resolve(hits('身份证', '居民身份证换领'))
    await second
    held[0].resolve(hits('身', '身后事一件事', '居民身份证换领', '身体检查'))
    await first
    expect(store.searchedFor).toBe('身份证')
    expect(store.results.data?.query).toBe('身份证')
    expect(store.results.data?.items.map((item) => item.name)).toEqual(['居民身份证换领'])
  })

  test('latest query wins for failures too: an older request failing late does not turn the results into an error', async () => {
    const { store, held } = setup()
    const first = store.search('社保')
    const second = store.search('社保卡')
    held[1].resolve(hits('社保卡', '社会保障卡申领'))
    await second
    held[0].reject(new ApiError('TIMEOUT'))
    await first
    expect(store.results.status).toBe('ready')
    expect(store.results.data?.items[0].name).toBe('社会保障卡申领')
  })

  test('emptying the box drops an answer still on its way and shows the history again', async () => {
    const { store, held } = setup()
    const pending = store.search('公积金')
    store.type('')
    held[0].resolve(hits('公积金', '住房公积金提取'))
    await pending
    expect(store.searchedFor).toBe('')
    expect(store.results.status).toBe('idle')
    expect(store.results.data).toBeUndefined()
  })

  test('typing searches once the citizen pauses: one request for the last text, none for a blank box', () => {
    jest.useFakeTimers()
    try {
      const { store, held } = setup()
      store.type('身')
      store.type('身份')
      store.type('身份证')
      expect(held).toHaveLength(0)
      jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS)
      // One pause: the suggestions (联想) and the search for the last text, nothing for the keys before.
      expect(held.map((request) => [request.options.path, request.options.query?.q])).toEqual([
        ['/api/services/suggest', '身份证'],
        ['/api/services/search', '身份证'],
      ])
      expect(store.suggesting).toBe(true)
      store.type('   ')
      jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS * 2)
      expect(held).toHaveLength(2)
      expect(store.suggesting).toBe(false)
      // Typing does not fill the history; only a search the citizen asks for does.
      expect(store.history).toEqual([])
    } finally {
      jest.useRealTimers()
    }
  })

  test('suggestions are shown while typing and put away by a search the citizen asks for', async () => {
    const { store } = setup({}, async (options) => {
      if (options.path === '/api/services/suggest') return { items: [{ code: 'SF-GJJ-0001', text: '住房公积金提取（租房）', highlight: [{ text: '住房', hit: false }, { text: '公积', hit: true }] }] }
      return hits(String(options.query?.q), '住房公积金提取（租房）')
    })
    jest.useFakeTimers()
    try {
      store.type('公积')
      jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS)
    } finally {
      jest.useRealTimers()
    }
    await flush()
    expect(store.suggesting).toBe(true)
    expect(store.suggestions.data?.items.map((item) => item.text)).toEqual(['住房公积金提取（租房）'])
    await store.submit('住房公积金提取（租房）')
    expect(store.suggesting).toBe(false)
    store.forget()
    expect(store.suggestions.data).toBeUndefined()
  })

  test('a fresh visit to the search page starts with an empty box, or searches the query from the link', async () => {
    const { store, held } = setup()
    const stale = store.submit('社保')
    await store.openSearch()
    expect(store.query).toBe('')
    expect(store.searchedFor).toBe('')
    held[0].resolve(hits('社保', '社会保障卡申领'))
    await stale
    expect(store.results.data).toBeUndefined()
    const linked = store.openSearch('公积金')
    expect(held[1].options.query?.q).toBe('公积金')
    held[1].resolve(hits('公积金', '住房公积金提取'))
    await linked
    expect(store.query).toBe('公积金')
    expect(store.results.data?.items[0].name).toBe('住房公积金提取')
  })

  test('no hit is an empty result (the page then offers feedback), not an error', async () => {
    const { store } = setup({}, async () => hits('zzzz'))
    await store.submit('zzzz')
    expect(store.results.empty).toBe(true)
    expect(store.results.error).toBeUndefined()
    expect(store.searchedFor).toBe('zzzz')
  })

  test('an offline search says so and keeps the query to retry', async () => {
    const { store } = setup({}, async () => {
      throw new ApiError('NETWORK_ERROR')
    })
    await store.submit('医保')
    expect(store.results.offline).toBe(true)
    expect(store.searchedFor).toBe('医保')
  })
})

describe('CatalogueStore history on the device', () => {
  const answer = async (options: RequestOptions) => hits(String(options.query?.q))

  test('a submitted query is remembered in platform storage, most recent first, without repeats', async () => {
    const { store, storage } = setup({}, answer)
    await store.submit('身份证')
    await store.submit('社保')
    await store.submit(' 身份证 ')
    expect(store.history).toEqual(['身份证', '社保'])
    expect(storage.get(HISTORY_KEY)).toEqual(['身份证', '社保'])
    await store.submit('   ')
    expect(store.history).toEqual(['身份证', '社保'])
  })

  test(`keeps at most ${HISTORY_LIMIT} queries, dropping the oldest`, async () => {
    const { store, storage } = setup({}, answer)
    for (let index = 1; index <= HISTORY_LIMIT + 3; index++) await store.submit(`查询${index}`)
    expect(store.history).toHaveLength(HISTORY_LIMIT)
    expect(store.history[0]).toBe(`查询${HISTORY_LIMIT + 3}`)
    expect(store.history).not.toContain('查询1')
    expect(store.history).not.toContain('查询3')
    expect((storage.get(HISTORY_KEY) as string[]).length).toBe(HISTORY_LIMIT)
  })

  test('the history survives a restart (read back from storage); anything malformed there is ignored', () => {
    expect(setup({ [HISTORY_KEY]: ['公积金', '身份证'] }).store.history).toEqual(['公积金', '身份证'])
    expect(setup({ [HISTORY_KEY]: 'not a list' }).store.history).toEqual([])
    expect(setup({ [HISTORY_KEY]: ['ok', 3, '', null] }).store.history).toEqual(['ok'])
  })

  test('clearing removes it from the device', async () => {
    const { store, storage } = setup({ [HISTORY_KEY]: ['公积金'] }, answer)
    store.clearHistory()
    expect(store.history).toEqual([])
    expect(storage.has(HISTORY_KEY)).toBe(false)
  })

  test('logout forgets the history and the results on screen (another person may pick up the phone)', async () => {
    const { platform, storage } = fakePlatform(async (options) => {
      if (options.path === '/api/auth/logout') return {}
      if (options.path.startsWith('/api/services/search')) return hits(String(options.query?.q))
      return guide('G1')
    })
    const root = new RootStore(platform)
    await catalogueStore(root).submit('离婚登记')
    await catalogueStore(root).loadGuide('G1')
    expect(storage.get(HISTORY_KEY)).toEqual(['离婚登记'])
    await root.logout()
    expect(catalogueStore(root).history).toEqual([])
    expect(storage.has(HISTORY_KEY)).toBe(false)
    expect(catalogueStore(root).results.data).toBeUndefined()
    expect(catalogueStore(root).searchedFor).toBe('')
  })
})

describe('CatalogueStore browsing', () => {
  const facets: ServiceFacets = {
    total: 3,
    categories: [{ key: '证件办理', name: '证件办理', count: 2 }, { key: '社会保险', name: '社会保险', count: 1 }],
    lifeEvents: [{ key: 'birth', name: '出生', count: 1 }],
    departments: [{ key: '示范市公安局', name: '示范市公安局', count: 2 }],
    onlineLevels: [],
  }

  test('the tab decides which facet entries are offered', async () => {
    const { store } = setup({}, async () => facets)
    await store.loadFacets()
    expect(store.facetChoices.map((facet) => facet.key)).toEqual(['证件办理', '社会保险'])
    store.browseBy = 'lifeEvent'
    expect(store.facetChoices.map((facet) => facet.name)).toEqual(['出生'])
    store.browseBy = 'department'
    expect(store.facetChoices.map((facet) => facet.key)).toEqual(['示范市公安局'])
  })

  test('a chosen facet filters the list by its own parameter; pages are appended until all are shown', async () => {
    const all = Array.from({ length: LIST_PAGE_SIZE + 5 }, (_, index) => summary(`C${index}`))
    const { store, requests } = setup({}, async (options) => {
      const offset = Number(options.query?.offset ?? 0)
      const limit = Number(options.query?.limit)
      const page: ServiceList = { items: all.slice(offset, offset + limit), total: all.length, limit, offset }
      return page
    })
    await store.browse('lifeEvent')
    await store.select('birth')
    expect(requests.at(-1)).toMatchObject({ path: '/api/services', query: { lifeEvent: 'birth', limit: LIST_PAGE_SIZE, offset: 0 } })
    expect(store.list.data?.items).toHaveLength(LIST_PAGE_SIZE)
    expect(store.hasMore).toBe(true)
    await store.loadMore()
    expect(requests.at(-1)).toMatchObject({ query: { lifeEvent: 'birth', offset: LIST_PAGE_SIZE } })
    expect(store.list.data?.items).toHaveLength(all.length)
    expect(store.hasMore).toBe(false)
    const asked = requests.length
    await store.loadMore()
    expect(requests).toHaveLength(asked)

    await store.browse('department')
    expect(requests.at(-1)?.query).toEqual({ limit: LIST_PAGE_SIZE, offset: 0 })
    await store.select('示范市公安局')
    expect(requests.at(-1)?.query).toMatchObject({ department: '示范市公安局' })
    await store.browse('category')
    await store.select('证件办理')
    expect(requests.at(-1)?.query).toMatchObject({ category: '证件办理' })
  })

  test('a page of the old filter arriving after a switch is not appended to the new list', async () => {
    const { store, held } = setup()
    const first = store.loadList()
    held[0].resolve({ items: [summary('A1')], total: 30, limit: LIST_PAGE_SIZE, offset: 0 } satisfies ServiceList)
    await first
    const more = store.loadMore()
    const switched = store.select('社会保险')
    held[2].resolve({ items: [summary('B1')], total: 1, limit: LIST_PAGE_SIZE, offset: 0 } satisfies ServiceList)
    await switched
    held[1].resolve({ items: [summary('A2')], total: 30, limit: LIST_PAGE_SIZE, offset: 1 } satisfies ServiceList)
    await more
    expect(store.list.data?.items.map((item) => item.code)).toEqual(['B1'])
  })

  test('a failed next page keeps what is shown and says what went wrong', async () => {
    let fail = false
    const { store } = setup({}, async () => {
      if (fail) throw new ApiError('NETWORK_ERROR')
      return { items: [summary('A1')], total: 2, limit: LIST_PAGE_SIZE, offset: 0 } satisfies ServiceList
    })
    await store.loadList()
    fail = true
    await store.loadMore()
    expect(store.list.data?.items).toHaveLength(1)
    expect(store.moreError?.code).toBe('NETWORK_ERROR')
    expect(store.loadingMore).toBe(false)
  })
})

describe('CatalogueStore guide', () => {
  test('is fetched once per code and kept; a refresh asks again', async () => {
    const { store, requests } = setup({}, async (options) => guide(decodeURIComponent(options.path.split('/').pop()!)))
    await store.loadGuide('11100000000013127D3440117000')
    await store.loadGuide('11100000000013127D3440117000')
    expect(requests.map((request) => request.path)).toEqual(['/api/services/11100000000013127D3440117000'])
    expect(store.guide('11100000000013127D3440117000').data?.materials[0].fromCertificate).toBe(true)
    await store.loadGuide('11100000000013127D3440117000', true)
    expect(requests).toHaveLength(2)
    await store.loadGuide('OTHER')
    expect(store.guide('OTHER').data?.code).toBe('OTHER')
    expect(store.guide('11100000000013127D3440117000').data?.code).toBe('11100000000013127D3440117000')
  })

  test('an unknown item is an error the page shows with the server’s words; a missing code never reaches the server', async () => {
    const { store, requests } = setup({}, async () => {
      throw new ApiError('NOT_FOUND', { message: '没有找到该事项，它可能已下线，请返回事项列表查看' })
    })
    await store.loadGuide('NOPE')
    expect(store.guide('NOPE').error?.message).toContain('没有找到该事项')
    await store.loadGuide('')
    expect(requests).toHaveLength(1)
    expect(store.guide('').error?.code).toBe('NOT_FOUND')
    await flush()
  })
})
