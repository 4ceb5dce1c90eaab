/**
 * Platform-neutral request logic shared by the weapp, alipay and h5 adapters. Each adapter
 * only supplies a transport (`send`) that moves one raw request over its own API; URL and
 * header building, timeouts, the retry rule and turning answers into data or ApiError
 * happen here once, so the three targets cannot drift.
 */
import { ApiError } from './api-error'
import type { HttpMethod, RequestOptions } from './types'

export const DEFAULT_TIMEOUT_MS = 10_000
/**
 * Extra time after `timeoutMs` before this layer gives up on its own. The platform's own
 * timeout normally fires first; this is a backstop for transports that ignore it (Alipay's
 * FAQ says my.request's `timeout` is not honoured on Android, see AlipayDocs/open-docs
 * support/支付宝小程序/常见问题/my.request网络请求常见问题.md).
 */
export const TIMEOUT_GRACE_MS = 1_000
/** Pause before the single retry: long enough for a Wi-Fi → 4G handover to settle. */
export const DEFAULT_RETRY_DELAY_MS = 300

/** What a transport is asked to send. Header names as written here; tables may rename. */
export interface RawRequest {
  method: HttpMethod
  url: string
  headers: Record<string, string>
  /** JSON text, present only for requests with a body. */
  body?: string
  timeoutMs: number
}

/** What came back: any HTTP answer, whatever the status. `data` is text, or already parsed. */
export interface RawResponse {
  status: number
  data: unknown
}

/**
 * Sends one request. Resolves with every HTTP answer (2xx or not); rejects only when no
 * answer arrived — with ApiError TIMEOUT or NETWORK_ERROR (anything else counts as network).
 */
export type Transport = (request: RawRequest) => Promise<RawResponse>

export interface RequestPolicy {
  retryDelayMs?: number
}

export function buildUrl(apiBase: string, path: string, query?: RequestOptions['query']): string {
  const base = apiBase.replace(/\/+$/, '')
  const cleanPath = path.startsWith('/') ? path : `/${path}`
  const pairs: string[] = []
  for (const key of Object.keys(query ?? {})) {
    const value = query?.[key]
    if (value === undefined) continue
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  }
  if (pairs.length === 0) return base + cleanPath
  return base + cleanPath + (cleanPath.includes('?') ? '&' : '?') + pairs.join('&')
}

/** Headers this layer sets itself; a caller may not replace them (case-insensitive). */
const RESERVED_HEADERS = new Set(['accept', 'authorization', 'content-type'])

function withoutReservedHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const name of Object.keys(headers ?? {})) if (!RESERVED_HEADERS.has(name.toLowerCase())) kept[name] = String(headers?.[name])
  return kept
}

export function buildRawRequest(apiBase: string, options: RequestOptions): RawRequest {
  const method = options.method ?? 'GET'
  // The caller's extra headers first: ours below win, whatever their spelling.
  const headers: Record<string, string> = { ...withoutReservedHeaders(options.headers), Accept: 'application/json' }
  // The token travels only in a header: URLs end up in logs and Referer headers.
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  // GET parameters belong in `query`; a body on GET is dropped rather than smuggled into
  // the URL by the platform (wx.request / my.request both turn GET data into a query string).
  const hasBody = method !== 'GET' && options.body !== undefined
  if (hasBody) headers['Content-Type'] = 'application/json'
  return {
    method,
    url: buildUrl(apiBase, options.path, options.query),
    headers,
    body: hasBody ? JSON.stringify(options.body) : undefined,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  }
}

type Parsed = { ok: true; value: unknown } | { ok: false }

/** Platforms asked for text hand back strings; an empty body (e.g. 204) is no value. */
function parseBody(data: unknown): Parsed {
  if (typeof data !== 'string') return { ok: true, value: data }
  if (data.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(data) }
  } catch {
    return { ok: false }
  }
}

/** Turns one HTTP answer into data (2xx) or the ApiError it stands for. */
export function interpretResponse<T>(response: RawResponse): T {
  const parsed = parseBody(response.data)
  if (response.status >= 200 && response.status < 300) {
    // A 2xx we cannot read is the server's fault, not the user's input.
    if (!parsed.ok) throw new ApiError('INTERNAL', { status: response.status })
    return parsed.value as T
  }
  throw ApiError.fromResponse(response.status, parsed.ok ? parsed.value : undefined)
}

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('NETWORK_ERROR')
}

function sendWithDeadline(send: Transport, request: RawRequest): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ApiError('TIMEOUT')), request.timeoutMs + TIMEOUT_GRACE_MS)
    let sent: Promise<RawResponse>
    try {
      sent = send(request)
    } catch (error) {
      sent = Promise.reject(error)
    }
    sent.then(
      (response) => {
        clearTimeout(timer)
        resolve(response)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(toApiError(error))
      },
    )
  })
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Retry rule: exactly one retry, only for GET (idempotent), only on NETWORK_ERROR.
 * A network failure (connection refused/reset, DNS, a cell handover) fails fast, so one
 * more try costs little and often succeeds. A TIMEOUT is not retried: the citizen has
 * already waited the full timeout, a retry would double that wait, and a timeout usually
 * means a slow or overloaded server that a second request only loads further. POST, PUT,
 * PATCH and DELETE are never retried: the first attempt may have reached the server.
 */
function shouldRetry(request: RawRequest, error: ApiError, attempt: number): boolean {
  return attempt === 0 && request.method === 'GET' && error.code === 'NETWORK_ERROR'
}

export function createRequester(send: Transport, apiBase: string, policy: RequestPolicy = {}) {
  const retryDelayMs = policy.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS
  return async function request<T>(options: RequestOptions): Promise<T> {
    const raw = buildRawRequest(apiBase, options)
    for (let attempt = 0; ; attempt++) {
      let response: RawResponse
      try {
        response = await sendWithDeadline(send, raw)
      } catch (error) {
        const apiError = toApiError(error)
        if (!shouldRetry(raw, apiError, attempt)) throw apiError
        await delay(retryDelayMs)
        continue
      }
      return interpretResponse<T>(response)
    }
  }
}
