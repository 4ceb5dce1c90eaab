import type { TSchema, TUnsafe } from '@sinclair/typebox'
import type { ErrorBody } from '../../src/contract/errors'

/** The error statuses a route can declare; 500 is always added, any route can fail. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 503

const DESCRIPTIONS: Record<ErrorStatus | 500, string> = {
  400: 'Invalid input: VALIDATION_FAILED, with `field` (e.g. query.limit) and `rule` (e.g. maximum 50)',
  401: 'UNAUTHENTICATED: no valid session (log in again); LOGIN_CODE_INVALID / LOGIN_CODE_USED on login',
  403: 'FORBIDDEN: the session may not do this; REAL_NAME_REQUIRED with `requiredLevel` and `currentLevel`; RECENT_VERIFICATION_REQUIRED; SANDBOX_DISABLED',
  404: 'NOT_FOUND: no such resource',
  409: 'CONFLICT: the data changed meanwhile',
  410: 'PROOF_EXPIRED: the resource existed but is no longer valid (e.g. a proof past its expiry)',
  413: 'PAYLOAD_TOO_LARGE: the request body exceeds the limit',
  422: 'IDENTITY_MISMATCH / FACE_VERIFICATION_FAILED / PROOF_INVALID: the check was made and did not pass',
  429: 'RATE_LIMITED: too many requests; the `retry-after` header says how many seconds to wait',
  500: 'INTERNAL: unexpected failure (details are only in the server log)',
  503: 'SERVICE_UNAVAILABLE: a dependency is down, retry later; UPSTREAM_UNAVAILABLE: WeChat / Alipay did not answer',
}

/**
 * What withErrors gives a route's `response`: the success schema at its status, an ErrorBody
 * reference at every error status. Typed so the TypeBox type provider derives the reply type
 * from it (the success type, or an ErrorBody for the error statuses).
 */
export type ResponseSchemas<Ok extends TSchema, OkStatus extends number> = { [S in OkStatus]: Ok } & {
  [S in ErrorStatus | 500]?: TUnsafe<ErrorBody>
}

/**
 * A route's `response` map: the success schema plus the ErrorBody for each listed error
 * status and 500, so validation, serialisation and the OpenAPI document all see them.
 * ErrorBody is registered once by the openapi plugin and referenced here by its $id.
 */
export function withErrors<Ok extends TSchema, OkStatus extends number = 200>(
  ok: Ok,
  errors: readonly ErrorStatus[] = [],
  okStatus: OkStatus = 200 as OkStatus,
): ResponseSchemas<Ok, OkStatus> {
  const response: Record<number, unknown> = { [okStatus]: ok.description ? ok : { ...ok, description: 'Success' } }
  for (const status of [...errors, 500] as const) {
    response[status] = { description: DESCRIPTIONS[status], $ref: 'ErrorBody#' }
  }
  return response as ResponseSchemas<Ok, OkStatus>
}
