import type { ApiClient } from '@/api/api-client'
import type { Appointment, AppointmentCode, AppointmentHalls, AppointmentList, BookRequest, RescheduleRequest, SlotDays } from '@/contract/appointments/schemas'
import type { NotificationTemplates, Subscription, SubscriptionRequest } from '@/contract/applications/schemas'

const BASE = '/api/appointments'

/**
 * 在线预约 API. Bodiless POSTs send `{}`: WeChat's request API labels every POST as JSON, and an
 * empty JSON body is refused by the server's parser.
 */
export const appointmentsService = {
  halls: (api: ApiClient, item: string) => api.get<AppointmentHalls>(`${BASE}/halls`, { item }),
  slots: (api: ApiClient, query: { item: string; hall: string; from?: string; days?: number }) => api.get<SlotDays>(`${BASE}/slots`, query),
  book: (api: ApiClient, request: BookRequest) => api.post<Appointment>(BASE, request),
  list: (api: ApiClient) => api.get<AppointmentList>(BASE),
  detail: (api: ApiClient, id: string) => api.get<Appointment>(`${BASE}/${encodeURIComponent(id)}`),
  code: (api: ApiClient, id: string) => api.get<AppointmentCode>(`${BASE}/${encodeURIComponent(id)}/code`),
  cancel: (api: ApiClient, id: string) => api.post<Appointment>(`${BASE}/${encodeURIComponent(id)}/cancel`, {}),
  reschedule: (api: ApiClient, id: string, request: RescheduleRequest) => api.post<Appointment>(`${BASE}/${encodeURIComponent(id)}/reschedule`, request),
  /** The day-before reminder's subscription template for this platform (null id: do not ask). */
  reminderTemplate: (api: ApiClient) => api.get<NotificationTemplates>('/api/notifications/templates', { key: 'appointment_reminder' }),
  subscribe: (api: ApiClient, request: SubscriptionRequest) => api.post<Subscription>('/api/notifications/subscriptions', request),
}
