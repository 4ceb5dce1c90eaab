import type { ContributionsPage, InsuranceType, Overview, Proof, ProofList, ProofRequest } from '@/contract/social-security/schemas'
import type { ApiClient } from '@/api/api-client'

export interface ContributionsRequest {
  year: number
  /** All types when absent. */
  type?: InsuranceType
  page: number
  pageSize: number
}

export const socialSecurityService = {
  overview: (api: ApiClient) => api.get<Overview>('/api/social-security/overview'),
  contributions: (api: ApiClient, request: ContributionsRequest) =>
    api.get<ContributionsPage>('/api/social-security/contributions', { year: request.year, type: request.type, page: request.page, pageSize: request.pageSize }),
  issueProof: (api: ApiClient, request: ProofRequest) => api.post<Proof>('/api/social-security/proofs', request),
  proofs: (api: ApiClient) => api.get<ProofList>('/api/social-security/proofs'),
}
