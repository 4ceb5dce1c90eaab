import { ApiError } from '@/platform/api-error'
import type { Platform, RequestOptions } from '@/platform/types'

/**
 * The typed API client: the platform's request plus the session. When the server says the
 * session is gone (401), it logs in again silently and replays the request once, so an
 * expired session never shows up as an error to a citizen who is still in the app.
 */
export interface ApiClient {
  get<T>(path: string, query?: RequestOptions['query']): Promise<T>
  post<T>(path: string, body?: unknown, options?: { headers?: Record<string, string> }): Promise<T>
}

export interface SessionAccess {
  token(): string | undefined
  /** Logs in again without asking the citizen; resolves false when that is not possible. */
  renew(): Promise<boolean>
}

const NO_RENEW_PATHS = new Set(['/api/auth/login', '/api/auth/logout'])

export function createApiClient(platform: Pick<Platform, 'request'>, session: SessionAccess): ApiClient {
  async function send<T>(options: RequestOptions): Promise<T> {
    try {
      return await platform.request<T>({ ...options, token: session.token() })
    } catch (error) {
      const expired = error instanceof ApiError && error.code === 'UNAUTHENTICATED' && error.status === 401
      if (!expired || NO_RENEW_PATHS.has(options.path) || !(await session.renew())) throw error
      return platform.request<T>({ ...options, token: session.token() })
    }
  }
  return {
    get: (path, query) => send({ method: 'GET', path, query }),
    post: (path, body, options) => send({ method: 'POST', path, body, headers: options?.headers }),
  }
}
