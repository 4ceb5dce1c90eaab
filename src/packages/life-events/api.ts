import type { ApiClient } from '@/api/api-client'
import type { LifeEventApplication, LifeEventApplicationPage, LifeEventForm, LifeEventGuide, LifeEventPackageList, LifeEventSubmitRequest } from '@/contract/life-events/schemas'

/**
 * 一件事一次办 API. The submit carries the form session's Idempotency-Key: the same key on every
 * retry, so a retry is answered with the package the first try created.
 */
export const lifeEventsService = {
  packages: (api: ApiClient) => api.get<LifeEventPackageList>('/api/life-events'),
  guide: (api: ApiClient, key: string) => api.get<LifeEventGuide>(`/api/life-events/${encodeURIComponent(key)}`),
  form: (api: ApiClient, key: string) => api.get<LifeEventForm>(`/api/life-events/${encodeURIComponent(key)}/form`),
  submit: (api: ApiClient, key: string, request: LifeEventSubmitRequest, idempotencyKey: string) =>
    api.post<LifeEventApplication>(`/api/life-events/${encodeURIComponent(key)}/applications`, request, { headers: { 'Idempotency-Key': idempotencyKey } }),
  mine: (api: ApiClient) => api.get<LifeEventApplicationPage>('/api/life-event-applications', { page: 1, pageSize: 20 }),
  detail: (api: ApiClient, id: string) => api.get<LifeEventApplication>(`/api/life-event-applications/${encodeURIComponent(id)}`),
}
