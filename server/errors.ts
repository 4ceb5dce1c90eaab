import { ERROR_CODES, type ErrorCode } from '../src/contract/errors'

/**
 * A failure the client is meant to see. Throw it from a route or domain module; the
 * central error handler answers with ERROR_CODES[code].status and this code, message,
 * field, rule and (REAL_NAME_REQUIRED) the levels. Anything else thrown is treated as a
 * bug and answered with INTERNAL.
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly field?: string
  readonly rule?: string
  /** REAL_NAME_REQUIRED: the level needed and the level held, so the client offers the right step. */
  readonly requiredLevel?: number
  readonly currentLevel?: number

  constructor(
    code: ErrorCode,
    options: { message?: string; field?: string; rule?: string; requiredLevel?: number; currentLevel?: number } = {},
  ) {
    super(options.message ?? ERROR_CODES[code].message)
    this.name = 'AppError'
    this.code = code
    this.status = ERROR_CODES[code].status
    this.field = options.field
    this.rule = options.rule
    this.requiredLevel = options.requiredLevel
    this.currentLevel = options.currentLevel
  }
}
