import type { ApiClient } from '@/api/api-client'
import type { Delegation, DelegationInvite, DelegationList } from '@/contract/delegations/schemas'
import type { FaceStartResponse } from '@/contract/identity/schemas'

/** 亲情代办's calls (src/contract/delegations/schemas.ts). Never sent as delegate (the API client's self paths). */
export const familyApi = {
  list: (api: ApiClient) => api.get<DelegationList>('/api/delegations'),
  invite: (api: ApiClient, body: DelegationInvite) => api.post<Delegation>('/api/delegations', body),
  consent: (api: ApiClient, id: string) => api.post<Delegation>(`/api/delegations/${encodeURIComponent(id)}/consent`),
  end: (api: ApiClient, id: string) => api.post<Delegation>(`/api/delegations/${encodeURIComponent(id)}/end`),
  startFace: (api: ApiClient, id: string) => api.post<FaceStartResponse>(`/api/delegations/${encodeURIComponent(id)}/face/start`),
  confirmFace: (api: ApiClient, id: string, verificationId: string, verifyResult?: string) =>
    api.post<Delegation>(`/api/delegations/${encodeURIComponent(id)}/face/confirm`, verifyResult ? { verificationId, verifyResult } : { verificationId }),
}
