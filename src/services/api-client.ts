import type { Platform, RequestOptions } from '../platform/types'

/**
 * The typed API client: the platform's request plus the session token. Domain services
 * (one module per domain) take it as their transport, so stores can be tested with a fake.
 */
export interface ApiClient {
  get<T>(path: string, query?: RequestOptions['query']): Promise<T>
  post<T>(path: string, body?: unknown): Promise<T>
}

export function createApiClient(platform: Pick<Platform, 'request'>, getToken: () => string | undefined): ApiClient {
  return {
    get: (path, query) => platform.request({ method: 'GET', path, query, token: getToken() }),
    post: (path, body) => platform.request({ method: 'POST', path, body, token: getToken() }),
  }
}
