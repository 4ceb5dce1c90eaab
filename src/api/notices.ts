import type { NoticeDetail, NoticeList } from '@/contract/schemas'
import type { ApiClient } from './api-client'

export const noticesService = {
  list: (api: ApiClient, limit: number) => api.get<NoticeList>('/api/notices', { limit }),
  get: (api: ApiClient, id: number) => api.get<NoticeDetail>(`/api/notices/${id}`),
}
