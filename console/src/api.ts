/**
 * The console's one way to the operator API: same origin, bearer token from the session,
 * errors as ApiError carrying the API's own Chinese message (shown as it is: the API words
 * throttling, lockout and validation for people).
 */
import { session } from './session'

export interface ApiFieldError {
  row?: number
  item?: string
  index?: number
  field: string
  rule?: string
  message: string
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Per-row / per-field errors of batch endpoints (422). */
    readonly errors: ApiFieldError[] = [],
    readonly retryAfter?: number,
  ) {
    super(message)
  }
}

type Json = Record<string, unknown> | unknown[] | null

export async function api<T>(method: string, path: string, body?: Json | string): Promise<T> {
  const headers: Record<string, string> = {}
  const token = session.token()
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  } catch {
    throw new ApiError(0, 'OFFLINE', '无法连接服务器，请检查网络后重试')
  }
  if (response.status === 204) return undefined as T
  const data = (await response.json().catch(() => null)) as
    | (T & { error?: { code: string; message: string; field?: string }; errors?: ApiFieldError[] })
    | null
  if (!response.ok) {
    const error = data?.error
    const retry = Number(response.headers.get('retry-after')) || undefined
    const failure = new ApiError(response.status, error?.code ?? 'HTTP_' + response.status, error?.message ?? `请求失败（${response.status}）`, error?.field, data?.errors ?? [], retry)
    // An ended session (expired, logged out elsewhere, disabled): back to login, keeping the page.
    if (response.status === 401 && token && !path.endsWith('/login') && !path.endsWith('/me/password')) session.expire()
    // The server asks for the own password first (set by an admin since this session began): only the change form.
    if (failure.code === 'OPERATOR_PASSWORD_CHANGE_REQUIRED') session.requirePasswordChange()
    throw failure
  }
  return data as T
}

export const get = <T>(path: string) => api<T>('GET', path)
export const post = <T>(path: string, body?: Json) => api<T>('POST', path, body ?? undefined)
export const put = <T>(path: string, body: Json) => api<T>('PUT', path, body)

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value))
  const text = search.toString()
  return text ? `?${text}` : ''
}
