import type { ApplicationPayment, PaymentStart } from '@/contract/payments/schemas'
import type { PaymentEvidence } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'

const base = (id: string) => `/api/applications/${encodeURIComponent(id)}/payment`

/**
 * 缴费 API: the application's fee and order, starting the payment (the server makes the order
 * and the platform's prepay; the client never sends an amount) and the query on return.
 */
export const paymentService = {
  payment: (api: ApiClient, id: string) => api.get<ApplicationPayment>(base(id)),
  start: (api: ApiClient, id: string) => api.post<PaymentStart>(base(id), {}),
  confirm: (api: ApiClient, id: string, evidence: PaymentEvidence) => api.post<ApplicationPayment>(`${base(id)}/confirm`, evidence),
}
