import type { DelegationList } from '@/contract/delegations/schemas'
import type { ApiClient } from './api-client'

/** The one delegation call the main package makes: whom the citizen may act for (mine page's 为谁办理). */
export const DELEGATIONS_PATH = '/api/delegations'

export const delegationsService = {
  list: (api: ApiClient) => api.get<DelegationList>(DELEGATIONS_PATH),
}
