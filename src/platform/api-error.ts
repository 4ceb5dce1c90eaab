import { ERROR_CODES, isErrorCode, type ErrorCode } from '@/contract/errors'

/**
 * Every failure the client sees — server answers, network failures, timeouts, cancelled
 * platform dialogs — becomes one ApiError with a message a citizen can act on.
 */
export class ApiError extends Error {
  readonly code: ErrorCode
  /** HTTP status, 0 when no answer came back. */
  readonly status: number
  readonly field?: string
  readonly rule?: string

  constructor(code: ErrorCode, options: { message?: string; status?: number; field?: string; rule?: string } = {}) {
    super(options.message ?? ERROR_CODES[code].message)
    this.name = 'ApiError'
    this.code = code
    this.status = options.status ?? ERROR_CODES[code].status
    this.field = options.field
    this.rule = options.rule
  }

  /** True when retrying later (or when the network returns) may succeed. */
  get isOffline(): boolean {
    return this.code === 'NETWORK_ERROR' || this.code === 'TIMEOUT'
  }

  /** Builds an ApiError from a server error body, whatever shape arrived. */
  static fromResponse(status: number, body: unknown): ApiError {
    const error = (body as { error?: { code?: unknown; message?: unknown; field?: unknown; rule?: unknown } } | undefined)?.error
    const code: ErrorCode = isErrorCode(error?.code) ? error.code : status >= 500 ? 'INTERNAL' : status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED'
    return new ApiError(code, {
      status,
      message: typeof error?.message === 'string' && error.message ? error.message : undefined,
      field: typeof error?.field === 'string' ? error.field : undefined,
      rule: typeof error?.rule === 'string' ? error.rule : undefined,
    })
  }
}
