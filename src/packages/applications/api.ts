import type { ApplicationDetail, ApplicationForm, ApplicationPage, NotificationTemplates, SubmitApplicationRequest, Subscription, SubscriptionRequest } from '@/contract/applications/schemas'
import type { UploadView } from '@/contract/uploads/schemas'
import type { PickedFile } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'

const BASE = '/api/applications'

/**
 * 网上申请 API. A submit carries the form session's Idempotency-Key header: the same key on
 * every retry, so the server answers a retry with the application the first try created.
 * Bodiless POSTs send `{}` (WeChat labels every POST as JSON; an empty body is refused).
 */
export const applicationsService = {
  form: (api: ApiClient, itemCode: string) => api.get<ApplicationForm>(`/api/services/${encodeURIComponent(itemCode)}/application-form`),
  submit: (api: ApiClient, request: SubmitApplicationRequest, idempotencyKey: string) =>
    api.post<ApplicationDetail>(BASE, request, { headers: { 'Idempotency-Key': idempotencyKey } }),
  list: (api: ApiClient, query: { page: number; pageSize: number }) => api.get<ApplicationPage>(BASE, query),
  detail: (api: ApiClient, id: string) => api.get<ApplicationDetail>(`${BASE}/${encodeURIComponent(id)}`),
  withdraw: (api: ApiClient, id: string) => api.post<ApplicationDetail>(`${BASE}/${encodeURIComponent(id)}/withdraw`, {}),
  /** 已补正: a short note, and new uploads for the materials the 补正 names; the application returns to where it was before the 补正. */
  supplement: (api: ApiClient, id: string, note: string, materials: { name: string; uploadId: string }[] = []) =>
    api.post<ApplicationDetail>(`${BASE}/${encodeURIComponent(id)}/supplement`, materials.length > 0 ? { note, materials } : { note }),
  /** 申请材料: one photo or PDF for one material of the item (POST /api/uploads, multipart). */
  upload: (api: ApiClient, file: PickedFile, itemCode: string, material: string) => api.upload<UploadView>('/api/uploads', file, { itemCode, material }),
  /** 移除: deletes an upload not yet attached to an application (the server refuses one attached, 409). */
  removeUpload: (api: ApiClient, uploadId: string) => api.delete<UploadView>(`/api/uploads/${encodeURIComponent(uploadId)}`),
  /** The platform's template ids for this account (null where none is configured). */
  notificationTemplates: (api: ApiClient) => api.get<NotificationTemplates>('/api/notifications/templates'),
  subscribe: (api: ApiClient, request: SubscriptionRequest) => api.post<Subscription>('/api/notifications/subscriptions', request),
}
