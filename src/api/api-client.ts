import { ACTING_FOR_HEADER, DELEGATION_INACTIVE_RULE } from '@/contract/delegations/data'
import { ApiError } from '@/platform/api-error'
import type { PickedFile, Platform, RequestOptions } from '@/platform/types'

/**
 * The typed API client: the platform's request plus the session. When the server says the
 * session is gone (401), it logs in again silently and replays the request once, so an
 * expired session never shows up as an error to a citizen who is still in the app.
 */
export interface ApiClient {
  get<T>(path: string, query?: RequestOptions['query']): Promise<T>
  post<T>(path: string, body?: unknown, options?: { headers?: Record<string, string> }): Promise<T>
  /** DELETE, never retried by the platform (the first attempt may have reached the server). */
  delete<T>(path: string): Promise<T>
  /** A picked file as multipart (platform.uploadFile) with text fields; the same session renewal as the others. */
  upload<T>(path: string, file: PickedFile, fields: Record<string, string>): Promise<T>
}

export interface SessionAccess {
  token(): string | undefined
  /** Logs in again without asking the citizen; resolves false when that is not possible. */
  renew(): Promise<boolean>
  /** Why the last renewal failed, when it was not simply "log in yourself" (e.g. 429 with the wait, offline). */
  renewalError?(): ApiError | undefined
  /** 亲情代办: the delegation a request to `path` is made under, if the citizen is acting for someone. */
  actingFor?(path: string): string | undefined
  /** 亲情代办: the server refused a request as delegate because the delegation is no longer usable (ended, expired). */
  delegationInactive?(error: ApiError): void
}

const NO_RENEW_PATHS = new Set(['/api/auth/login', '/api/auth/logout'])

/**
 * What to show when the silent re-login failed: the login's own answer when it says more
 * than "log in" (429 with the wait, a busy identity service, offline), else the original 401 ("请先登录" for someone
 * who never logged in, "登录已失效" for an ended session: the server words them).
 */
function renewalFailure(session: SessionAccess, original: ApiError): ApiError {
  const cause = session.renewalError?.()
  return cause && (SAYS_MORE_THAN_LOG_IN.has(cause.code) || cause.isOffline) ? cause : original
}

/** Renewal failures where "please log in" would be wrong: logging in again would fail the same way now. */
const SAYS_MORE_THAN_LOG_IN = new Set<ApiError['code']>(['RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'SERVICE_UNAVAILABLE'])

export function createApiClient(platform: Pick<Platform, 'request'> & Partial<Pick<Platform, 'uploadFile'>>, session: SessionAccess): ApiClient {
  async function send<T>(request: RequestOptions): Promise<T> {
    const delegationId = session.actingFor?.(request.path)
    const options = delegationId ? { ...request, headers: { ...request.headers, [ACTING_FOR_HEADER]: delegationId } } : request
    try {
      return await platform.request<T>({ ...options, token: session.token() })
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      if (delegationId && error.code === 'FORBIDDEN' && error.rule === DELEGATION_INACTIVE_RULE) session.delegationInactive?.(error)
      const expired = error.code === 'UNAUTHENTICATED' && error.status === 401
      if (!expired || NO_RENEW_PATHS.has(options.path)) throw error
      if (!(await session.renew())) throw renewalFailure(session, error)
      return platform.request<T>({ ...options, token: session.token() })
    }
  }
  return {
    get: (path, query) => send({ method: 'GET', path, query }),
    post: (path, body, options) => send({ method: 'POST', path, body, headers: options?.headers }),
    delete: (path) => send({ method: 'DELETE', path }),
    async upload<T>(path: string, file: PickedFile, fields: Record<string, string>): Promise<T> {
      const uploadFile = platform.uploadFile
      if (!uploadFile) throw new ApiError('UNSUPPORTED_ON_PLATFORM', { status: 0 })
      try {
        return await uploadFile<T>({ path, token: session.token(), file, fields })
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED' || error.status !== 401) throw error
        if (!(await session.renew())) throw renewalFailure(session, error)
        return uploadFile<T>({ path, token: session.token(), file, fields })
      }
    },
  }
}
