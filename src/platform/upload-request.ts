/**
 * What every platform's upload shares: the URL and headers of an upload (the token in the
 * Authorization header only, as for every request) and reading its answer as an API answer.
 * Uploads get a longer deadline than other requests: a photo over a slow mobile link.
 */
import { buildUrl, interpretResponse, type RawResponse } from './request-core'
import type { RawUpload } from './tables/types'
import type { UploadOptions } from './types'

export const UPLOAD_TIMEOUT_MS = 60_000

export function buildRawUpload(apiBase: string, options: UploadOptions): RawUpload {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  return { url: buildUrl(apiBase, options.path), headers, filePath: options.file.path, kind: options.file.kind, fields: { ...options.fields }, timeoutMs: options.timeoutMs ?? UPLOAD_TIMEOUT_MS }
}

export function interpretUpload<T>(response: RawResponse): T {
  return interpretResponse<T>(response)
}
