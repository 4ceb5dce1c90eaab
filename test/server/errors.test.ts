import { Type } from '@sinclair/typebox'
import { AppError } from '../../server/errors'
import { ERROR_CODES } from '../../src/contract/errors'
import { clientErrorResponse } from '../../server/plugins/error-handler'
import { rawRequest, type TestResponse, type TestServer } from '../support/http'
import { dialects, type TestDatabase } from '../support/dialects'
import { captureLogs, startApp } from '../support/server-app'

/**
 * The central error handler, seen from outside. Test-only routes stand in for the POST
 * routes and failing domain code that later issues add.
 */
const [sqlite] = dialects()

describe('error responses', () => {
  let testDb: TestDatabase
  let server: TestServer
  const logs = captureLogs()

  beforeAll(async () => {
    testDb = await sqlite!.setup()
    server = await startApp({
      config: testDb.config,
      db: testDb.open(),
      logger: logs.logger,
      extend(app) {
        app.post(
          '/api/test/echo',
          { schema: { body: Type.Object({ title: Type.String({ maxLength: 10 }) }, { additionalProperties: false }) } },
          async (request) => request.body,
        )
        app.get('/api/test/boom', async () => {
          throw new Error('connect ECONNREFUSED postgres://app:hunter2@10.0.0.5/gov')
        })
        app.get('/api/test/conflict', async () => {
          throw new AppError('CONFLICT', { message: '办件状态已变化，请刷新后重试', field: 'body.version', rule: 'current version' })
        })
        app.get('/api/test/rate-limited', async () => {
          throw new AppError('RATE_LIMITED')
        })
      },
    })
  })
  afterAll(async () => {
    await server.close()
    await testDb.cleanup()
  })

  test('an unknown API route is a JSON 404 NOT_FOUND', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const response = await server.request('/api/nope', { method })
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: '没有找到相关内容，请返回后重试' } })
    }
  })

  test('a malformed JSON body is 400 VALIDATION_FAILED on field body, not 500', async () => {
    const response = await server.request('/api/test/echo', {
      method: 'POST',
      payload: '{"title": "办事',
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body', rule: 'valid JSON' })
  })

  test('an empty JSON body is 400 on field body', async () => {
    const response = await server.request('/api/test/echo', { method: 'POST', payload: '', headers: { 'content-type': 'application/json' } })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body' })
  })

  test.each([
    [{ title: '这是一个超过十个字的办事标题啊' }, 'body.title', 'maxLength 10', '参数 body.title 不符合要求：maxLength 10'],
    [{}, 'body.title', 'required', '缺少必填参数 body.title'],
    [{ title: 'ok', extra: 1 }, 'body.extra', 'additionalProperties false', '不支持参数 body.extra，请去掉后重试'],
  ])('body %j is refused naming %s', async (payload, field, rule, message) => {
    const response = await server.request('/api/test/echo', { method: 'POST', payload })
    expect(response.status).toBe(400)
    expect(response.body).toEqual({ error: { code: 'VALIDATION_FAILED', field, rule, message } })
  })

  test('a valid body goes through', async () => {
    const response = await server.request('/api/test/echo', { method: 'POST', payload: { title: '申请' } })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ title: '申请' })
  })

  test('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const payload = { title: 'x'.repeat(1024 * 1024 + 1) }
    const response = await server.request('/api/test/echo', { method: 'POST', payload })
    expect(response.status).toBe(413)
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  test('a body in an unsupported format is 415 naming the content type', async () => {
    const response = await server.request('/api/test/echo', { method: 'POST', payload: 'title=x', headers: { 'content-type': 'text/csv' } })
    expect(response.status).toBe(415)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'headers.content-type' })
  })

  test('an unexpected error is 500 INTERNAL without its text, and logged with it', async () => {
    const response = await server.request('/api/test/boom')
    expect(response.status).toBe(500)
    expect(response.body).toEqual({ error: { code: 'INTERNAL', message: '服务出了点问题，请稍后再试' } })
    expect(response.text).not.toContain('hunter2')
    expect(response.text).not.toContain('ECONNREFUSED')

    const logged = logs.lines().find((line) => line.level === 50 && (line.err as { message?: string })?.message?.includes('ECONNREFUSED'))
    expect(logged).toBeDefined()
    expect((logged!.err as { stack?: string }).stack).toContain('errors.test.ts')
  })

  test('an AppError answers with its code, status, message, field and rule', async () => {
    const conflict = await server.request('/api/test/conflict')
    expect(conflict.status).toBe(409)
    expect(conflict.body).toEqual({
      error: { code: 'CONFLICT', message: '办件状态已变化，请刷新后重试', field: 'body.version', rule: 'current version' },
    })
    const limited = await server.request('/api/test/rate-limited')
    expect(limited.status).toBe(429)
    expect(limited.body).toEqual({ error: { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' } })
  })

  /** The app's error shape: `{ error: { code, message, field?, rule? } }`, a code of the table, JSON. */
  const expectAppErrorShape = (response: TestResponse, status: number) => {
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(Object.keys(response.body)).toEqual(['error'])
    expect(Object.keys(ERROR_CODES)).toContain(response.body.error.code)
    expect(response.body.error.message).toMatch(/[\u4e00-\u9fa5]/)
    // Not Node's or Fastify's own body.
    expect(response.body).not.toHaveProperty('statusCode')
    expect(response.text).not.toMatch(/Request Header Fields Too Large|Client Error|Bad Request/)
  }

  describe('errors raised by Node and Fastify themselves answer in the app\'s error shape', () => {
    test('request headers past the 16 KB limit: 431 naming the headers', async () => {
      const response = await rawRequest(server.baseUrl, `GET /api/notices HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
      expectAppErrorShape(response, 431)
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'headers', rule: 'maximum header size' })
      expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(response.text))
    })

    test.each([
      ['a request line that is not HTTP', 'GARBAGE\r\n\r\n'],
      ['a header line without a colon', 'GET /api/notices HTTP/1.1\r\nHost: localhost\r\nno colon here\r\n\r\n'],
      ['a malformed chunked body', 'POST /api/test/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'],
    ])('%s: 400', async (_name, request) => {
      const response = await rawRequest(server.baseUrl, request)
      expectAppErrorShape(response, 400)
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'request' })
    })

    test('a request that does not arrive in time (Node\'s request timeout): 408 REQUEST_TIMEOUT', () => {
      expect(clientErrorResponse('ERR_HTTP_REQUEST_TIMEOUT')).toEqual({ status: 408, body: { error: { code: 'REQUEST_TIMEOUT', message: ERROR_CODES.REQUEST_TIMEOUT.message } } })
    })

    test.each([
      ['malformed JSON', 400, 'POST /api/test/echo', 'application/json', '{"title": "办'],
      ['an unsupported media type', 415, 'POST /api/test/echo', 'text/csv', 'title\r\n办事'],
      ['a body past the limit (by its Content-Length)', 413, 'POST /api/test/echo', 'application/json', ''],
      ['a malformed URL (before routing)', 400, 'GET /api/notices/%E0%A4%A', undefined, undefined],
    ])('%s: %i', async (_name, status, line, type, body) => {
      const length = status === 413 ? 2 * 1024 * 1024 : Buffer.byteLength(body ?? '')
      const headers = [`Host: localhost`, 'Connection: close', ...(type ? [`Content-Type: ${type}`, `Content-Length: ${length}`] : [])]
      const response = await rawRequest(server.baseUrl, `${line} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n${body ?? ''}`)
      expectAppErrorShape(response, status)
    })
  })

  test('a malformed URL is a JSON 400, not a crash', async () => {
    const response = await server.request('/api/notices/%E0%A4%A')
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('VALIDATION_FAILED')
  })
})
