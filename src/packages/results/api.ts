import type { ApiClient } from '@/api/api-client'
import type { ApplicationResult, DeliveryChoice, DownloadLink, IssuedResult, ResultList } from '@/contract/results/schemas'

/** 办理结果: the citizen's delivered results (server/results/routes.ts). */
export const resultsService = {
  list: (api: ApiClient) => api.get<ResultList>('/api/results'),
  one: (api: ApiClient, id: string) => api.get<IssuedResult>(`/api/results/${encodeURIComponent(id)}`),
  forApplication: (api: ApiClient, applicationId: string) => api.get<ApplicationResult>(`/api/applications/${encodeURIComponent(applicationId)}/result`),
  downloadLink: (api: ApiClient, id: string) => api.post<DownloadLink>(`/api/results/${encodeURIComponent(id)}/download-link`),
  chooseDelivery: (api: ApiClient, id: string, choice: DeliveryChoice) => api.post<IssuedResult>(`/api/results/${encodeURIComponent(id)}/delivery`, choice),
}
