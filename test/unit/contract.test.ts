import { ERROR_CODES, isErrorCode } from '@/contract/errors'
import { ApiError } from '@/platform/api-error'

describe('error code table', () => {
  test('every code has a Chinese message and a status', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(entry.message).toMatch(/[\u4e00-\u9fa5]/)
      expect(typeof entry.status).toBe('number')
      expect(isErrorCode(code)).toBe(true)
    }
    expect(isErrorCode('NOPE')).toBe(false)
    expect(isErrorCode('toString')).toBe(false)
  })

  test('server statuses are HTTP error statuses; client-only codes use 0', () => {
    for (const entry of Object.values(ERROR_CODES)) {
      expect(entry.status === 0 || (entry.status >= 400 && entry.status < 600)).toBe(true)
    }
  })
})

describe('ApiError.fromResponse', () => {
  test('keeps the server code, message, field and rule', () => {
    const error = ApiError.fromResponse(400, { error: { code: 'VALIDATION_FAILED', message: '参数 query.limit 不符合要求', field: 'query.limit', rule: 'maximum 50' } })
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, field: 'query.limit', rule: 'maximum 50', message: '参数 query.limit 不符合要求' })
  })

  test('an unknown or missing body falls back by status with the table message', () => {
    expect(ApiError.fromResponse(502, '<html>bad gateway</html>')).toMatchObject({ code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message })
    expect(ApiError.fromResponse(404, undefined).code).toBe('NOT_FOUND')
    expect(ApiError.fromResponse(400, { error: { code: 'MADE_UP' } }).code).toBe('VALIDATION_FAILED')
  })

  test('network errors and timeouts count as offline', () => {
    expect(new ApiError('NETWORK_ERROR').isOffline).toBe(true)
    expect(new ApiError('TIMEOUT').isOffline).toBe(true)
    expect(new ApiError('NOT_FOUND').isOffline).toBe(false)
  })
})
