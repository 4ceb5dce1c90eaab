import type { EvaluationRequest, EvaluationState, Feedback, FeedbackList, FeedbackRequest } from '@/contract/evaluations/schemas'
import type { ApiClient } from '@/api/api-client'

const evaluationPath = (applicationId: string) => `/api/applications/${encodeURIComponent(applicationId)}/evaluation`

/** 好差评 and feedback API. Bodiless POSTs send `{}` (see certificates.ts). */
export const evaluationsService = {
  state: (api: ApiClient, applicationId: string) => api.get<EvaluationState>(evaluationPath(applicationId)),
  rate: (api: ApiClient, applicationId: string, request: EvaluationRequest) => api.post<EvaluationState>(evaluationPath(applicationId), request),
  /** The one re-rate after a department answered a 差评. */
  reRate: (api: ApiClient, applicationId: string, request: EvaluationRequest) => api.post<EvaluationState>(`${evaluationPath(applicationId)}/re-rate`, request),
  feedbackList: (api: ApiClient) => api.get<FeedbackList>('/api/feedback'),
  feedback: (api: ApiClient, id: string) => api.get<Feedback>(`/api/feedback/${encodeURIComponent(id)}`),
  sendFeedback: (api: ApiClient, request: FeedbackRequest) => api.post<Feedback>('/api/feedback', request),
  /** The citizen confirms an answered feedback is settled. */
  closeFeedback: (api: ApiClient, id: string) => api.post<Feedback>(`/api/feedback/${encodeURIComponent(id)}/close`, {}),
}
