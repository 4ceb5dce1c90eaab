import type { HealthCode, VerifyResponse } from '@/contract/health-code/schemas'
import type { ApiClient } from '@/api/api-client'

export const healthCodeService = {
  get: (api: ApiClient) => api.get<HealthCode>('/api/health-code'),
  verify: (api: ApiClient, token: string) => api.post<VerifyResponse>('/api/health-code/verify', { token }),
}
