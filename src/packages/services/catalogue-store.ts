import { makeAutoObservable, runInAction } from 'mobx'
import type { SearchResult, ServiceFacets, ServiceGuide, ServiceListQuery, ServiceSummary, SuggestResult } from '@/contract/services/schemas'
import { SEARCH_QUERY_MAX_LENGTH } from '@/contract/services/data'
import { ApiError } from '@/platform/api-error'
import type { Platform } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'
import { catalogueService } from './api'
import { LoadState } from '@/stores/load-state'
import { PERSONAL_STORAGE_KEYS } from '@/stores/personal-keys'
import type { RootStore } from '@/stores/root-store'
import { forgetAll } from '@/stores/forget'
import { Mutation } from '@/stores/mutation'

/** Items per page of the catalogue list; more on demand. */
export const LIST_PAGE_SIZE = 20
/** Search hits asked for at once: enough for one query, small enough for one setData. */
export const SEARCH_LIMIT = 20
/** Typing pauses this long before the search goes out (one request per pause, not per key). */
export const SEARCH_DEBOUNCE_MS = 300
/** Recent queries kept on the device. */
export const HISTORY_LIMIT = 10
export const HISTORY_KEY = PERSONAL_STORAGE_KEYS.catalogueHistory
/** Guides kept in memory; the oldest is dropped beyond this. */
export const GUIDE_CACHE_SIZE = 20

/** The three ways to browse the catalogue, each a facet of GET /api/services/facets. */
export type BrowseBy = 'category' | 'lifeEvent' | 'department'
export const BROWSE_WORDS: Record<BrowseBy, string> = { category: '分类', lifeEvent: '人生事件', department: '部门' }

/** One filter's list, grown page by page. */
export interface BrowseList {
  by: BrowseBy
  /** The facet key chosen; undefined = every published item. */
  value: string | undefined
  items: ServiceSummary[]
  total: number
}

const clean = (text: string) => text.trim().slice(0, SEARCH_QUERY_MAX_LENGTH)

function readHistory(storage: Platform['storage']): string[] {
  const kept = storage.get<unknown>(HISTORY_KEY)
  if (!Array.isArray(kept)) return []
  return kept.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').slice(0, HISTORY_LIMIT)
}

/**
 * 办事服务: the catalogue's facets and a paged list per filter, the search (latest query
 * wins: a slow earlier answer never replaces a newer one), the 办事指南 cached by item code,
 * and the recent queries kept on the device through platform storage.
 */
export class CatalogueStore {
  readonly facets = new LoadState<ServiceFacets>((facets) => facets.total === 0)
  readonly list = new LoadState<BrowseList>((list) => list.items.length === 0)
  browseBy: BrowseBy = 'category'
  selected: string | undefined = undefined
  /** The next page of the list (加载更多). */
  readonly moreCall = new Mutation()

  /** The text in the search box. */
  query = ''
  /** Hits for the latest query sent; LoadState drops any answer but the latest. */
  readonly results = new LoadState<SearchResult>((result) => result.items.length === 0)
  /** Names and aliases for what is being typed; shown until the citizen searches. */
  readonly suggestions = new LoadState<SuggestResult>((result) => result.items.length === 0)
  /** The citizen is typing (suggestions are wanted), not looking at a submitted search. */
  suggesting = false
  /** The query (as typed, trimmed) the shown results belong to. */
  searchedFor = ''
  history: string[]

  private readonly guides = new Map<string, LoadState<ServiceGuide>>()
  private pendingSearch: ReturnType<typeof setTimeout> | undefined = undefined

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'storage' | 'name' | 'makePhoneCall'>,
  ) {
    this.history = readHistory(platform.storage)
    makeAutoObservable<CatalogueStore, 'api' | 'platform' | 'guides' | 'pendingSearch'>(this, {
      api: false,
      platform: false,
      guides: false,
      pendingSearch: false,
      facets: false,
      list: false,
      moreCall: false,
      results: false,
    })
  }

  // --- browse ----------------------------------------------------------------------------------

  loadFacets(): Promise<void> {
    return this.facets.run(() => catalogueService.facets(this.api))
  }

  /** The facet entries of the current tab. */
  get facetChoices(): ServiceFacets['categories'] {
    const facets = this.facets.data
    if (!facets) return []
    return this.browseBy === 'category' ? facets.categories : this.browseBy === 'lifeEvent' ? facets.lifeEvents : facets.departments
  }

  /** Switches the tab; the list goes back to every item until a facet is chosen. */
  browse(by: BrowseBy): Promise<void> {
    if (by === this.browseBy) return Promise.resolve()
    this.browseBy = by
    return this.select(undefined)
  }

  select(value: string | undefined): Promise<void> {
    this.selected = value
    return this.loadList()
  }

  /** The first page of the current filter (again, on refresh). */
  loadList(): Promise<void> {
    const by = this.browseBy
    const value = this.selected
    this.moreCall.clearError()
    return this.list.run(async () => {
      const page = await catalogueService.list(this.api, this.listQuery(by, value, 0))
      return { by, value, items: page.items, total: page.total }
    })
  }

  get loadingMore(): boolean {
    return this.moreCall.busy
  }

  get moreError(): ApiError | undefined {
    return this.moreCall.error
  }

  get hasMore(): boolean {
    const list = this.list.data
    return list !== undefined && list.items.length < list.total
  }

  async loadMore(): Promise<void> {
    const list = this.list.data
    if (!list || !this.hasMore || this.moreCall.busy || this.list.status === 'loading') return
    await this.moreCall.run(async () => {
      const page = await catalogueService.list(this.api, this.listQuery(list.by, list.value, list.items.length))
      runInAction(() => {
        // A newer filter replaced the list meanwhile: this page belongs to the old one.
        if (this.list.data !== list) return
        list.items.push(...page.items)
        list.total = page.total
      })
    })
  }

  private listQuery(by: BrowseBy, value: string | undefined, offset: number): ServiceListQuery {
    const query: ServiceListQuery = { limit: LIST_PAGE_SIZE, offset }
    if (value === undefined) return query
    // The facet keys are the contract's own values (a category name, a life-event key, a department).
    if (by === 'category') return { ...query, category: value as ServiceListQuery['category'] }
    if (by === 'lifeEvent') return { ...query, lifeEvent: value as ServiceListQuery['lifeEvent'] }
    return { ...query, department: value }
  }

  // --- search ------------------------------------------------------------------------------------

  /** A fresh visit to the search page: an empty box and the history, or the query from a link. */
  openSearch(query?: string): Promise<void> {
    this.query = ''
    this.clearResults()
    return query ? this.submit(query) : Promise.resolve()
  }

  /** The citizen typed: search once they pause. An emptied box shows the history again. */
  type(text: string): void {
    this.query = text
    this.cancelPendingSearch()
    if (!clean(text)) {
      this.clearResults()
      return
    }
    this.suggesting = true
    this.pendingSearch = setTimeout(() => {
      this.pendingSearch = undefined
      const query = clean(text)
      void this.suggestions.run(() => catalogueService.suggest(this.api, query))
      void this.search(text)
    }, SEARCH_DEBOUNCE_MS)
  }

  /** The citizen pressed 搜索 (or picked a recent query): search now and remember the query. */
  submit(text: string = this.query): Promise<void> {
    this.query = text
    this.cancelPendingSearch()
    this.suggesting = false
    const query = clean(text)
    if (!query) {
      this.clearResults()
      return Promise.resolve()
    }
    this.remember(query)
    return this.search(query)
  }

  /** Sends one query; only the answer to the latest one is ever shown. */
  search(text: string): Promise<void> {
    const query = clean(text)
    if (!query) {
      this.clearResults()
      return Promise.resolve()
    }
    this.searchedFor = query
    return this.results.run(() => catalogueService.search(this.api, query, SEARCH_LIMIT, this.platform.name))
  }

  /** Empties the box and the results (an answer still on its way is dropped). */
  clearResults(): void {
    this.cancelPendingSearch()
    this.searchedFor = ''
    this.suggesting = false
    this.results.reset()
    this.suggestions.reset()
  }

  private cancelPendingSearch(): void {
    if (this.pendingSearch !== undefined) clearTimeout(this.pendingSearch)
    this.pendingSearch = undefined
  }

  // --- history (on this device only) ---------------------------------------------------------

  /** Most recent first, no repeats, at most HISTORY_LIMIT. */
  remember(text: string): void {
    const query = clean(text)
    if (!query) return
    this.history = [query, ...this.history.filter((entry) => entry !== query)].slice(0, HISTORY_LIMIT)
    this.platform.storage.set(HISTORY_KEY, [...this.history])
  }

  clearHistory(): void {
    this.history = []
    this.platform.storage.remove(HISTORY_KEY)
  }

  // --- guide ---------------------------------------------------------------------------------------

  /** One LoadState per item code, kept so returning to a guide shows it at once. */
  guide(code: string): LoadState<ServiceGuide> {
    let state = this.guides.get(code)
    if (!state) {
      state = new LoadState<ServiceGuide>()
      this.guides.set(code, state)
      // Keep memory bounded: drop the guide read longest ago.
      if (this.guides.size > GUIDE_CACHE_SIZE) {
        const oldest = this.guides.keys().next().value
        if (oldest !== undefined) this.guides.delete(oldest)
      }
    }
    return state
  }

  /** Fetches the guide unless it is already here (`refresh` asks again, e.g. on pull-down). */
  loadGuide(code: string, refresh = false): Promise<void> {
    const state = this.guide(code)
    // A link without a code: the same answer the server gives for an unknown one.
    if (!code) return state.run(() => Promise.reject(new ApiError('NOT_FOUND', { message: '没有找到该事项，请返回事项列表查看' })))
    if (!refresh && (state.status === 'ready' || state.status === 'loading')) return Promise.resolve()
    return state.run(() => catalogueService.guide(this.api, code))
  }

  /** Dials the counter's number; a cancelled call is no error (the number stays on screen). */
  async callCounter(phone: string): Promise<void> {
    try {
      await this.platform.makePhoneCall(phone)
    } catch {
      // The citizen closed the dialer, or the H5 preview has none: nothing to tell them.
    }
  }

  // --- logout ----------------------------------------------------------------------------------

  /**
   * Forgets what this person searched for: the recent queries and the results on screen
   * (another person may pick up the phone). Guides are public and stay cached.
   */
  forget(): void {
    // Timer and stored history first: a freshly built store reads the history from the device.
    this.clearResults()
    this.clearHistory()
    forgetAll(this, new CatalogueStore(this.api, this.platform))
  }
}

/** The CatalogueStore, built on first use: only the services subpackage imports this module, so the store stays out of the main package. */
export function catalogueStore(root: RootStore): CatalogueStore {
  return root.feature('catalogue', () => new CatalogueStore(root.api, root.platform))
}
