import type { Authorisation, AuthorisationCreated, AuthorisationList, AuthorisationRequest, CertificateDetail, CertificateList, CertificateRevealResponse, CertificateVerifyResponse, LedgerPage, Presentation, PresentationRequest, PresentationState, PurposeList } from '@/contract/certificates/schemas'
import type { ApiClient } from '@/api/api-client'

const BASE = '/api/certificates'

/**
 * 电子证照 API. Bodiless POSTs send `{}`: WeChat's request API labels every POST as JSON, and an
 * empty JSON body is refused by the server's parser.
 */
export const certificatesService = {
  list: (api: ApiClient) => api.get<CertificateList>(BASE),
  purposes: (api: ApiClient) => api.get<PurposeList>(`${BASE}/purposes`),
  detail: (api: ApiClient, id: string) => api.get<CertificateDetail>(`${BASE}/${encodeURIComponent(id)}`),
  reveal: (api: ApiClient, id: string, field: string) => api.post<CertificateRevealResponse>(`${BASE}/${encodeURIComponent(id)}/reveal`, { field }),
  ledger: (api: ApiClient, id: string, query: { limit: number; before?: number }) =>
    api.get<LedgerPage>(`${BASE}/${encodeURIComponent(id)}/ledger`, { limit: query.limit, before: query.before }),
  present: (api: ApiClient, request: PresentationRequest) => api.post<Presentation>(`${BASE}/presentations`, request),
  presentationState: (api: ApiClient, presentationId: string) => api.get<PresentationState>(`${BASE}/presentations/${encodeURIComponent(presentationId)}`),
  withdraw: (api: ApiClient, presentationId: string) => api.post<void>(`${BASE}/presentations/${encodeURIComponent(presentationId)}/withdraw`, {}),
  verify: (api: ApiClient, code: string) => api.post<CertificateVerifyResponse>(`${BASE}/verify`, { code }),
  authorise: (api: ApiClient, id: string, request: AuthorisationRequest) => api.post<AuthorisationCreated>(`${BASE}/${encodeURIComponent(id)}/authorisations`, request),
  authorisations: (api: ApiClient, certificateId?: string) => api.get<AuthorisationList>(`${BASE}/authorisations`, { certificateId }),
  revoke: (api: ApiClient, grantId: string) => api.post<Authorisation>(`${BASE}/authorisations/${encodeURIComponent(grantId)}/revoke`, {}),
  /** Types the ID number again: presenting, authorising and revealing are allowed for 5 minutes. */
}
