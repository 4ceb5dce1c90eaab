import type { BindingsResponse, FaceStartResponse, LoginRequest, Profile, RealNameRequest, RevealResponse, ReverifyResponse, SandboxCitizenList, Session } from '@/contract/identity/schemas'
import type { ApiClient } from './api-client'

export const identityService = {
  login: (api: ApiClient, request: LoginRequest) => api.post<Session>('/api/auth/login', request),
  logout: (api: ApiClient) => api.post<void>('/api/auth/logout'),
  me: (api: ApiClient) => api.get<Profile>('/api/me'),
  submitRealName: (api: ApiClient, request: RealNameRequest) => api.post<Profile>('/api/identity/real-name', request),
  startFace: (api: ApiClient) => api.post<FaceStartResponse>('/api/identity/face/start'),
  confirmFace: (api: ApiClient, verificationId: string, verifyResult?: string) =>
    api.post<Profile>('/api/identity/face/confirm', verifyResult === undefined ? { verificationId } : { verificationId, verifyResult }),
  reverify: (api: ApiClient, idNumber: string) => api.post<ReverifyResponse>('/api/identity/reverify', { idNumber }),
  reveal: (api: ApiClient, field: 'name' | 'idNumber' | 'phone') => api.post<RevealResponse>('/api/me/reveal', { field }),
  sandboxCitizens: (api: ApiClient) => api.get<SandboxCitizenList>('/api/auth/sandbox/citizens'),
  bindings: (api: ApiClient) => api.get<BindingsResponse>('/api/me/bindings'),
  acknowledgeBindings: (api: ApiClient) => api.post<void>('/api/me/bindings/seen'),
  removeBinding: (api: ApiClient, accountId: string) => api.post<void>(`/api/me/bindings/${encodeURIComponent(accountId)}/remove`),
}
