import { ApiError } from '@/platform/api-error'
import {
  DEFAULT_TIMEOUT_MS,
  TIMEOUT_GRACE_MS,
  buildRawRequest,
  buildUrl,
  createRequester,
  type RawRequest,
  type RawResponse,
} from '@/platform/request-core'

const json = (status: number, body: unknown): RawResponse => ({ status, data: JSON.stringify(body) })

/** A transport that answers from a script and records what it was asked. */
function scriptedTransport(...answers: Array<RawResponse | ApiError | Error>) {
  const sent: RawRequest[] = []
  const send = jest.fn(async (request: RawRequest) => {
    sent.push(request)
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)]
    if (answer instanceof Error) throw answer
    return answer
  })
  return { send, sent }
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('expected a rejection')
}

describe('buildUrl', () => {
  test('joins base and path, encodes query keys and values, skips undefined', () => {
    expect(buildUrl('https://api.example.gov.cn/', '/api/services', { q: '居住证 办理', 'a&b': 'x=y', page: 2, all: false, none: undefined })).toBe(
      'https://api.example.gov.cn/api/services?q=%E5%B1%85%E4%BD%8F%E8%AF%81%20%E5%8A%9E%E7%90%86&a%26b=x%3Dy&page=2&all=false',
    )
  })

  test('same origin (empty base), missing leading slash, existing query string', () => {
    expect(buildUrl('', 'api/notices')).toBe('/api/notices')
    expect(buildUrl('', '/api/notices?sort=new', { page: 1 })).toBe('/api/notices?sort=new&page=1')
  })
})

describe('buildRawRequest', () => {
  test('GET: Accept only, no body, default 10 s timeout', () => {
    expect(buildRawRequest('https://a.cn', { path: '/x' })).toEqual({
      method: 'GET',
      url: 'https://a.cn/x',
      headers: { Accept: 'application/json' },
      body: undefined,
      timeoutMs: DEFAULT_TIMEOUT_MS,
    })
    expect(DEFAULT_TIMEOUT_MS).toBe(10_000)
  })

  test('token → Authorization: Bearer; body → JSON with Content-Type; own timeout', () => {
    expect(buildRawRequest('', { method: 'POST', path: '/x', token: 't0k', body: { name: '张三' }, timeoutMs: 3000 })).toEqual({
      method: 'POST',
      url: '/x',
      headers: { Accept: 'application/json', Authorization: 'Bearer t0k', 'Content-Type': 'application/json' },
      body: '{"name":"张三"}',
      timeoutMs: 3000,
    })
  })

  test('a body on GET is not sent', () => {
    expect(buildRawRequest('', { path: '/x', body: { a: 1 } })).toMatchObject({ body: undefined, headers: { Accept: 'application/json' } })
  })
})

describe('createRequester', () => {
  test('2xx JSON text → parsed data; an already-parsed body passes through; empty body → undefined', async () => {
    await expect(createRequester(scriptedTransport(json(200, { a: 1 })).send, '')({ path: '/x' })).resolves.toEqual({ a: 1 })
    await expect(createRequester(scriptedTransport({ status: 200, data: { b: 2 } }).send, '')({ path: '/x' })).resolves.toEqual({ b: 2 })
    await expect(createRequester(scriptedTransport({ status: 204, data: '' }).send, '')({ method: 'DELETE', path: '/x' })).resolves.toBeUndefined()
  })

  test('2xx with an unparsable body → INTERNAL with the real status', async () => {
    const error = await rejection(createRequester(scriptedTransport({ status: 200, data: '<html>portal login</html>' }).send, '')({ path: '/x' }))
    expect(error).toMatchObject({ code: 'INTERNAL', status: 200 })
  })

  test('4xx error body → ApiError with code, field and rule', async () => {
    const body = { error: { code: 'VALIDATION_FAILED', message: '每页最多 50 条', field: 'query.limit', rule: 'maximum 50' } }
    const error = await rejection(createRequester(scriptedTransport(json(400, body)).send, '')({ path: '/x', query: { limit: 500 } }))
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, field: 'query.limit', rule: 'maximum 50', message: '每页最多 50 条' })
  })

  test('401 keeps UNAUTHENTICATED from the body', async () => {
    const error = await rejection(createRequester(scriptedTransport(json(401, { error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' } })).send, '')({ path: '/x' }))
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 })
  })

  test('5xx (JSON or not) → INTERNAL', async () => {
    expect((await rejection(createRequester(scriptedTransport({ status: 500, data: 'oops' }).send, '')({ path: '/x' }))).code).toBe('INTERNAL')
    expect((await rejection(createRequester(scriptedTransport(json(503, {})).send, '')({ path: '/x' }))).code).toBe('INTERNAL')
  })

  test('GET network failure is retried once and can then succeed', async () => {
    const transport = scriptedTransport(new ApiError('NETWORK_ERROR'), json(200, [1]))
    await expect(createRequester(transport.send, '', { retryDelayMs: 0 })({ path: '/x' })).resolves.toEqual([1])
    expect(transport.send).toHaveBeenCalledTimes(2)
    expect(transport.sent[1]).toEqual(transport.sent[0])
  })

  test('GET network failure twice → NETWORK_ERROR after exactly two attempts', async () => {
    const transport = scriptedTransport(new ApiError('NETWORK_ERROR'))
    expect((await rejection(createRequester(transport.send, '', { retryDelayMs: 0 })({ path: '/x' }))).code).toBe('NETWORK_ERROR')
    expect(transport.send).toHaveBeenCalledTimes(2)
  })

  test('anything else a transport throws counts as a network failure', async () => {
    const transport = scriptedTransport(new TypeError('Failed to fetch'), json(200, 'ok'))
    await expect(createRequester(transport.send, '', { retryDelayMs: 0 })({ path: '/x' })).resolves.toBe('ok')
  })

  test.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)('%s is never retried', async (method) => {
    const transport = scriptedTransport(new ApiError('NETWORK_ERROR'), json(200, {}))
    expect((await rejection(createRequester(transport.send, '', { retryDelayMs: 0 })({ method, path: '/x', body: {} }))).code).toBe('NETWORK_ERROR')
    expect(transport.send).toHaveBeenCalledTimes(1)
  })

  test('a TIMEOUT from the transport is not retried, even for GET', async () => {
    const transport = scriptedTransport(new ApiError('TIMEOUT'), json(200, {}))
    expect((await rejection(createRequester(transport.send, '', { retryDelayMs: 0 })({ path: '/x' }))).code).toBe('TIMEOUT')
    expect(transport.send).toHaveBeenCalledTimes(1)
  })

  describe('with a transport that never answers', () => {
    beforeEach(() => jest.useFakeTimers())
    afterEach(() => jest.useRealTimers())

    test('gives up with TIMEOUT shortly after timeoutMs and does not retry', async () => {
      const send = jest.fn(() => new Promise<RawResponse>(() => undefined))
      const outcome = createRequester(send, '')({ path: '/x', timeoutMs: 2000 }).catch((error: unknown) => error)
      await jest.advanceTimersByTimeAsync(2000 + TIMEOUT_GRACE_MS - 1)
      expect(send).toHaveBeenCalledTimes(1)
      await jest.advanceTimersByTimeAsync(1)
      expect(await outcome).toMatchObject({ code: 'TIMEOUT', status: 0 })
      await jest.advanceTimersByTimeAsync(60_000)
      expect(send).toHaveBeenCalledTimes(1)
    })
  })

  test('the retry waits the policy delay', async () => {
    jest.useFakeTimers()
    try {
      const transport = scriptedTransport(new ApiError('NETWORK_ERROR'), json(200, {}))
      const done = createRequester(transport.send, '', { retryDelayMs: 300 })({ path: '/x' })
      await jest.advanceTimersByTimeAsync(299)
      expect(transport.send).toHaveBeenCalledTimes(1)
      await jest.advanceTimersByTimeAsync(1)
      await expect(done).resolves.toEqual({})
      expect(transport.send).toHaveBeenCalledTimes(2)
    } finally {
      jest.useRealTimers()
    }
  })
})
