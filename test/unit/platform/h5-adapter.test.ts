/**
 * The H5 adapter in jsdom: fetch is mocked on the global, everything else is jsdom's own
 * (localStorage, online/offline events, getComputedStyle).
 */
import { ApiError } from '@/platform/api-error'
import { createH5Platform, HOST_TABBAR_HIDDEN } from '@/platform/h5-adapter'
import { SANDBOX_CODE_STORAGE_KEY } from '@/platform/sandbox'

type FetchMock = jest.Mock<Promise<{ status: number; text: () => Promise<string> }>, [string, RequestInit]>

const answer = (status: number, text: string) => ({ status, text: async () => text })

let fetchMock: FetchMock
beforeEach(() => {
  fetchMock = jest.fn()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  localStorage.clear()
})
afterEach(() => {
  delete (globalThis as { fetch?: unknown }).fetch
  jest.restoreAllMocks()
})

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('expected a rejection')
}

test('identifies itself; same origin when the API base is empty', async () => {
  fetchMock.mockResolvedValue(answer(200, '[]'))
  const platform = createH5Platform('')
  expect(platform).toMatchObject({ name: 'h5', apiBase: '' })
  await platform.request({ path: '/api/notices' })
  expect(fetchMock.mock.calls[0][0]).toBe('/api/notices')
})

describe('request over fetch', () => {
  test('sends method, headers, JSON body and an abort signal; parses the JSON answer', async () => {
    fetchMock.mockResolvedValue(answer(201, '{"id":3}'))
    const result = await createH5Platform('https://api.example.gov.cn').request({ method: 'POST', path: '/api/feedback', body: { text: '好评' }, token: 'tok' })
    expect(result).toEqual({ id: 3 })
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('https://api.example.gov.cn/api/feedback')
    expect(init).toMatchObject({
      method: 'POST',
      headers: { Accept: 'application/json', Authorization: 'Bearer tok', 'Content-Type': 'application/json' },
      body: '{"text":"好评"}',
    })
    expect(init.signal).toBeInstanceOf(AbortSignal)
  })

  test('an HTTP error answer becomes the server error', async () => {
    fetchMock.mockResolvedValue(answer(404, '{"error":{"code":"NOT_FOUND","message":"没有找到该事项"}}'))
    expect(await rejection(createH5Platform('').request({ path: '/api/services/9' }))).toMatchObject({ code: 'NOT_FOUND', status: 404, message: '没有找到该事项' })
  })

  test('a fetch TypeError on GET is retried once, then NETWORK_ERROR', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    expect((await rejection(createH5Platform('').request({ path: '/api/notices' }))).code).toBe('NETWORK_ERROR')
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  test('the AbortController fires at the timeout: TIMEOUT, no retry', async () => {
    jest.useFakeTimers()
    try {
      fetchMock.mockImplementation(
        (_url, init) =>
          new Promise((_resolve, reject) => {
            init.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')))
          }),
      )
      const outcome = createH5Platform('').request({ path: '/api/slow', timeoutMs: 5000 }).catch((error: unknown) => error)
      await jest.advanceTimersByTimeAsync(5000)
      expect(await outcome).toMatchObject({ code: 'TIMEOUT' })
      expect(fetchMock.mock.calls[0][1].signal?.aborted).toBe(true)
      await jest.advanceTimersByTimeAsync(20_000)
      expect(fetchMock).toHaveBeenCalledTimes(1)
    } finally {
      jest.useRealTimers()
    }
  })
})

describe('storage over localStorage with JSON', () => {
  test('set / get / remove round-trip values of any JSON type', () => {
    const { storage } = createH5Platform('')
    storage.set('ui.elderly', true)
    storage.set('profile', { name: '张*三', tags: ['a'] })
    expect(localStorage.getItem('profile')).toBe('{"name":"张*三","tags":["a"]}')
    expect(storage.get('ui.elderly')).toBe(true)
    expect(storage.get('profile')).toEqual({ name: '张*三', tags: ['a'] })
    storage.remove('profile')
    expect(storage.get('profile')).toBeUndefined()
  })

  test('missing or non-JSON entries read as undefined', () => {
    localStorage.setItem('foreign', 'not json{')
    const { storage } = createH5Platform('')
    expect(storage.get('foreign')).toBeUndefined()
    expect(storage.get('absent')).toBeUndefined()
  })
})

describe('login: dev sandbox', () => {
  test('rejects UNAUTHENTICATED until the sandbox login page chose a code', async () => {
    const platform = createH5Platform('')
    expect(await rejection(platform.login())).toMatchObject({ code: 'UNAUTHENTICATED', status: 0 })
    platform.storage.set(SANDBOX_CODE_STORAGE_KEY, 'sandbox-citizen-1')
    expect(localStorage.getItem('auth.sandboxCode')).toBe('"sandbox-citizen-1"')
    await expect(platform.login()).resolves.toEqual({ platform: 'h5dev', code: 'sandbox-citizen-1' })
  })

  test('is a sandbox login, and its face step answers the dev verifier for the server to confirm', async () => {
    const platform = createH5Platform('')
    expect(platform.loginMethod).toBe('sandbox')
    await expect(platform.startFaceVerification({ name: '张伟', idNumber: 'x' })).resolves.toEqual({ verifyResult: 'sandbox-pass' })
  })
})

test('scanCode is unsupported and tells the citizen where to scan', async () => {
  const error = await rejection(createH5Platform('').scanCode())
  expect(error).toMatchObject({ code: 'UNSUPPORTED_ON_PLATFORM', status: 0 })
  expect(error.message).toContain('微信或支付宝小程序')
})

test('screen capabilities are harmless no-ops reporting full brightness', async () => {
  const platform = createH5Platform('')
  await expect(platform.getScreenBrightness()).resolves.toBe(1)
  await expect(platform.setScreenBrightness(0.2)).resolves.toBeUndefined()
  await expect(platform.setKeepScreenOn(true)).resolves.toBeUndefined()
})

test('requestSubscribeMessage answers unsupported for every template, without an error', async () => {
  await expect(createH5Platform('').requestSubscribeMessage(['a', 'b'])).resolves.toEqual({ a: 'unsupported', b: 'unsupported' })
})

test('makePhoneCall opens a tel: URL with only dialable characters', async () => {
  const openUrl = jest.fn()
  const platform = createH5Platform('', () => ({ window, fetch: fetchMock as unknown as typeof fetch, openUrl }))
  await platform.makePhoneCall('0755-1234 5678')
  await platform.makePhoneCall('12345"><script>')
  expect(openUrl.mock.calls).toEqual([['tel:0755-12345678'], ['tel:12345']])
})

describe('getSystemFontScale', () => {
  test("measures the user's default size (font-size: medium) over 16 px", () => {
    const spy = jest.spyOn(window, 'getComputedStyle').mockImplementation((element) => ({ fontSize: (element as HTMLElement).style.fontSize === 'medium' ? '20px' : '37.5px' }) as CSSStyleDeclaration)
    expect(createH5Platform('').getSystemFontScale()).toBe(1.25)
    expect(spy).toHaveBeenCalledTimes(1)
    // The probe element does not stay in the page.
    expect(document.documentElement.querySelectorAll('span')).toHaveLength(0)
  })

  test("ignores the root font size Taro's rem script sets from the viewport width", () => {
    document.documentElement.style.fontSize = '37.5px'
    try {
      const scale = createH5Platform('').getSystemFontScale()
      expect(scale).not.toBeCloseTo(37.5 / 16)
      expect(scale).toBe(1)
    } finally {
      document.documentElement.style.fontSize = ''
    }
  })
})

describe('network', () => {
  test('getNetworkStatus follows navigator.onLine', async () => {
    const onLine = jest.spyOn(navigator, 'onLine', 'get')
    onLine.mockReturnValue(true)
    await expect(createH5Platform('').getNetworkStatus()).resolves.toEqual({ isConnected: true, networkType: 'unknown' })
    onLine.mockReturnValue(false)
    await expect(createH5Platform('').getNetworkStatus()).resolves.toEqual({ isConnected: false, networkType: 'none' })
  })

  test('onNetworkStatusChange listens to online/offline until unsubscribed', () => {
    const onLine = jest.spyOn(navigator, 'onLine', 'get')
    const listener = jest.fn()
    const stop = createH5Platform('').onNetworkStatusChange(listener)
    onLine.mockReturnValue(false)
    window.dispatchEvent(new Event('offline'))
    onLine.mockReturnValue(true)
    window.dispatchEvent(new Event('online'))
    expect(listener.mock.calls).toEqual([[{ isConnected: false, networkType: 'none' }], [{ isConnected: true, networkType: 'unknown' }]])
    stop()
    window.dispatchEvent(new Event('offline'))
    expect(listener).toHaveBeenCalledTimes(2)
  })
})

describe('what the H5 preview offers', () => {
  test('no scanner and no host title bar: pages hide 扫一扫 and draw their own title and back control', () => {
    expect(createH5Platform('').features).toEqual({ scanCode: false, navigationBar: 'page' })
  })

  test("hiding the tab bar puts the class on <html> that hides Taro's H5 bar; showing removes it", async () => {
    const platform = createH5Platform('')
    await platform.setTabBarVisible(false)
    expect(document.documentElement.classList.contains(HOST_TABBAR_HIDDEN)).toBe(true)
    await platform.setTabBarVisible(true)
    expect(document.documentElement.classList.contains(HOST_TABBAR_HIDDEN)).toBe(false)
  })
})
