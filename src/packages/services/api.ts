import type { SearchResult, ServiceFacets, ServiceGuide, ServiceList, ServiceListQuery, SuggestResult } from '@/contract/services/schemas'
import type { PlatformName } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'

const BASE = '/api/services'

/**
 * 办事服务 catalogue API: public (no login needed). When the citizen is logged in the client
 * still sends the session, so the guide can say which materials their e-certificates cover.
 */
export const catalogueService = {
  facets: (api: ApiClient) => api.get<ServiceFacets>(`${BASE}/facets`),
  list: (api: ApiClient, query: ServiceListQuery) => api.get<ServiceList>(BASE, { ...query }),
  /** `platform` feeds the demand report (where a query was made). */
  search: (api: ApiClient, q: string, limit: number, platform: PlatformName) => api.get<SearchResult>(`${BASE}/search`, { q, limit, platform }),
  /** Names and aliases for what is being typed (not recorded as a search). */
  suggest: (api: ApiClient, q: string) => api.get<SuggestResult>(`${BASE}/suggest`, { q }),
  guide: (api: ApiClient, code: string) => api.get<ServiceGuide>(`${BASE}/${encodeURIComponent(code)}`),
}
