/**
 * The Alipay adapter against a fake `my` answering with the shapes of
 * ant-mini-program/api-typings (lib.my.d.ts) and the error codes of AlipayDocs/open-docs:
 * failures are `{ error: number, errorMessage }` (subscribe: `errorCode`), and my.request
 * fails with error 19 for HTTP error statuses, carrying `status` and `data`.
 */
import { ApiError } from '@/platform/api-error'
import { createMiniProgramPlatform } from '@/platform/mini-adapter'
import { alipayTable } from '@/platform/tables/alipay'
import { argsOf, eventApi, fails, inTurn, succeeds } from './fake-global'

const API_BASE = 'https://api.example.gov.cn'

function makePlatform(my: Record<string, unknown>) {
  return createMiniProgramPlatform('alipay', alipayTable, my, API_BASE)
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

test('identifies itself and its API base', () => {
  expect(makePlatform({})).toMatchObject({ name: 'alipay', apiBase: API_BASE })
})

describe('login → my.getAuthCode', () => {
  test('asks silently (auth_base) and resolves authCode as an alipay credential', async () => {
    const getAuthCode = succeeds({ authCode: 'ac-123', authSuccessScopes: ['auth_base'], authErrorScopes: {} })
    await expect(makePlatform({ getAuthCode }).login()).resolves.toEqual({ platform: 'alipay', code: 'ac-123' })
    expect(argsOf(getAuthCode)).toEqual({ scopes: 'auth_base' })
  })

  test.each([
    [11, '用户取消授权', 'CANCELLED'],
    [3, '未找到授权结果', 'CANCELLED'],
    [12, 'Network Error', 'NETWORK_ERROR'],
    [2, '参数错误', 'INTERNAL'],
  ])('error %d (%s) → %s', async (code, errorMessage, expected) => {
    const error = await rejection(makePlatform({ getAuthCode: fails({ error: code, errorMessage }) }).login())
    expect(error).toMatchObject({ code: expected, status: 0 })
  })
})

describe('request → my.request', () => {
  test('GET: headers (not header), lower-cased; text dataType; timeout; JSON parsed by us', async () => {
    const request = succeeds({ status: 200, headers: { 'content-type': 'application/json' }, data: '{"items":[]}' })
    await expect(makePlatform({ request }).request({ path: '/api/notices', query: { limit: 20 }, token: 'tok' })).resolves.toEqual({ items: [] })
    expect(argsOf(request)).toEqual({
      url: `${API_BASE}/api/notices?limit=20`,
      method: 'GET',
      headers: { accept: 'application/json', authorization: 'Bearer tok' },
      data: undefined,
      timeout: 10000,
      dataType: 'text',
    })
    expect(argsOf(request)).not.toHaveProperty('header')
  })

  test('POST sends the JSON text body with content-type', async () => {
    const request = succeeds({ status: 201, headers: {}, data: '{"id":1}' })
    await makePlatform({ request }).request({ method: 'POST', path: '/api/feedback', body: { text: '办事很快' } })
    expect(argsOf(request)).toMatchObject({ method: 'POST', data: '{"text":"办事很快"}', headers: { 'content-type': 'application/json' } })
  })

  test('error 19 with a status is the HTTP answer: the server error body is kept', async () => {
    const body = { error: { code: 'VALIDATION_FAILED', message: '手机号格式不正确', field: 'body.phone', rule: 'pattern' } }
    const request = fails({ error: 19, errorMessage: 'http status error', status: 400, headers: {}, data: JSON.stringify(body) })
    const error = await rejection(makePlatform({ request }).request({ method: 'POST', path: '/api/x', body: {} }))
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, field: 'body.phone', rule: 'pattern', message: '手机号格式不正确' })
  })

  test('error 19 with a 5xx and a non-JSON page is INTERNAL', async () => {
    const request = fails({ error: 19, errorMessage: 'http status error', status: 502, data: '<html>Bad Gateway</html>' })
    expect(await rejection(makePlatform({ request }).request({ method: 'POST', path: '/api/x', body: {} }))).toMatchObject({ code: 'INTERNAL', status: 502 })
  })

  test('error 19 without a status (TLS failure) is a network error, retried once on GET', async () => {
    const request = inTurn(
      { fail: { error: 19, errorMessage: 'http status error' } },
      { success: { status: 200, headers: {}, data: '{"ok":true}' } },
    )
    await expect(makePlatform({ request }).request({ path: '/api/health' })).resolves.toEqual({ ok: true })
    expect(request).toHaveBeenCalledTimes(2)
  })

  test('error 13 is a TIMEOUT, not retried', async () => {
    const request = fails({ error: 13, errorMessage: '超时' })
    expect((await rejection(makePlatform({ request }).request({ path: '/api/notices' }))).code).toBe('TIMEOUT')
    expect(request).toHaveBeenCalledTimes(1)
  })

  test('error 12 on GET: retried once, then reported as NETWORK_ERROR', async () => {
    const request = fails({ error: 12, errorMessage: '网络出错' })
    expect((await rejection(makePlatform({ request }).request({ path: '/api/notices' }))).code).toBe('NETWORK_ERROR')
    expect(request).toHaveBeenCalledTimes(2)
  })

  test('error 12 on POST is not retried', async () => {
    const request = fails({ error: 12, errorMessage: '网络出错' })
    expect((await rejection(makePlatform({ request }).request({ method: 'POST', path: '/api/x', body: {} }))).code).toBe('NETWORK_ERROR')
    expect(request).toHaveBeenCalledTimes(1)
  })
})

describe('storage → my.*StorageSync({key[, data]})', () => {
  test('get passes {key} and reads .data; null means missing', () => {
    const getStorageSync = jest.fn(({ key }: { key: string }) => ({ data: key === 'session.token' ? 'abc' : null }))
    const platform = makePlatform({ getStorageSync })
    expect(platform.storage.get('session.token')).toBe('abc')
    expect(platform.storage.get('nothing')).toBeUndefined()
    expect(getStorageSync).toHaveBeenCalledWith({ key: 'session.token' })
  })

  test('get reads the legacy APDataStorage field', () => {
    expect(makePlatform({ getStorageSync: () => ({ APDataStorage: { on: true } }) }).storage.get('ui')).toEqual({ on: true })
  })

  test('set passes {key, data}; remove passes {key}', () => {
    const setStorageSync = jest.fn(() => ({ success: true }))
    const removeStorageSync = jest.fn(() => ({ success: true }))
    const platform = makePlatform({ setStorageSync, removeStorageSync })
    platform.storage.set('ui.elderly', true)
    platform.storage.remove('ui.elderly')
    expect(setStorageSync).toHaveBeenCalledWith({ key: 'ui.elderly', data: true })
    expect(removeStorageSync).toHaveBeenCalledWith({ key: 'ui.elderly' })
  })

  test('set throws when my.setStorageSync reports failure in its return value', () => {
    const platform = makePlatform({ setStorageSync: () => ({ success: false, error: 14, errorMessage: 'data长度超限' }) })
    expect(() => platform.storage.set('big', 'x')).toThrow(/14/)
  })
})

describe('scanCode → my.scan', () => {
  test('camera-only QR scan resolves code', async () => {
    const scan = succeeds({ code: 'HC1:abc', qrCode: 'HC1:abc', scanType: 'qrCode', imageChannel: 'camera', rawData: 'SEMxOmFiYw==' })
    await expect(makePlatform({ scan }).scanCode()).resolves.toBe('HC1:abc')
    expect(argsOf(scan)).toEqual({ hideAlbum: true, scanType: ['qrCode'] })
  })

  test.each([
    [10, 'CANCELLED'],
    [2001, 'PERMISSION_DENIED'],
    [2002, 'PERMISSION_DENIED'],
    [2003, 'PERMISSION_DENIED'],
    [99, 'INTERNAL'],
  ])('error %d → %s', async (code, expected) => {
    expect((await rejection(makePlatform({ scan: fails({ error: code, errorMessage: '' }) }).scanCode())).code).toBe(expected)
  })
})

describe('screen', () => {
  test('getScreenBrightness reads brightness', async () => {
    await expect(makePlatform({ getScreenBrightness: succeeds({ success: true, brightness: 0.3 }) }).getScreenBrightness()).resolves.toBe(0.3)
  })

  test('setScreenBrightness sends brightness', async () => {
    const setScreenBrightness = succeeds({ success: true })
    await makePlatform({ setScreenBrightness }).setScreenBrightness(0.9)
    expect(argsOf(setScreenBrightness)).toEqual({ brightness: 0.9 })
  })

  test('setKeepScreenOn sends keepScreenOn', async () => {
    const setKeepScreenOn = succeeds({ success: true })
    await makePlatform({ setKeepScreenOn }).setKeepScreenOn(false)
    expect(argsOf(setKeepScreenOn)).toEqual({ keepScreenOn: false })
  })
})

describe('requestSubscribeMessage → my.requestSubscribeMessage', () => {
  test('sends entityIds; result lists decide, unlisted ids are unknown', async () => {
    const requestSubscribeMessage = succeeds({
      behavior: 'subscribe',
      show: true,
      keep: false,
      refuse: false,
      a: 'accept',
      b: 'reject',
      result: { subscribeEntityIds: ['a'], subscribedEntityIds: ['a'], unsubscribedEntityIds: ['b'], currentSubscribedEntityIds: ['a'] },
    })
    const decisions = await makePlatform({ requestSubscribeMessage }).requestSubscribeMessage(['a', 'b', 'c'])
    expect(argsOf(requestSubscribeMessage)).toEqual({ entityIds: ['a', 'b', 'c'] })
    expect(decisions).toEqual({ a: 'accept', b: 'reject', c: 'unknown' })
  })

  test('falls back to the dynamic per-id keys when result is absent', async () => {
    const requestSubscribeMessage = succeeds({ behavior: 'subscribe', show: false, a: 'reject', b: 'accept' })
    await expect(makePlatform({ requestSubscribeMessage }).requestSubscribeMessage(['a', 'b'])).resolves.toEqual({ a: 'reject', b: 'accept' })
  })

  test('a cancelled panel (errorCode 11) answers reject for every id; other failures reject', async () => {
    const cancelled = fails({ behavior: 'cancel', errorCode: 11, errorMessage: '用户取消订阅', show: true })
    await expect(makePlatform({ requestSubscribeMessage: cancelled }).requestSubscribeMessage(['a', 'b'])).resolves.toEqual({ a: 'reject', b: 'reject' })
    const invalid = fails({ behavior: '', errorCode: 106008, errorMessage: '模板列表中存在非法/无效的模板 id' })
    expect((await rejection(makePlatform({ requestSubscribeMessage: invalid }).requestSubscribeMessage(['x']))).code).toBe('INTERNAL')
  })
})

test('makePhoneCall sends number', async () => {
  const makePhoneCall = succeeds({ success: true })
  await makePlatform({ makePhoneCall }).makePhoneCall('12345')
  expect(argsOf(makePhoneCall)).toEqual({ number: '12345' })
})

describe('getSystemFontScale → my.getSystemInfoSync().fontSizeSetting', () => {
  test.each([
    [16, 1],
    [20, 1.25],
    [1.5, 1.5],
    [undefined, 1],
  ])('fontSizeSetting %p → %p', (fontSizeSetting, scale) => {
    expect(makePlatform({ getSystemInfoSync: () => ({ fontSizeSetting, platform: 'Android' }) }).getSystemFontScale()).toBe(scale)
  })

  test('a throwing getSystemInfoSync gives 1', () => {
    expect(makePlatform({ getSystemInfoSync: () => { throw new Error('boom') } }).getSystemFontScale()).toBe(1)
  })
})

describe('network', () => {
  test.each([
    [{ networkAvailable: true, networkType: 'WIFI' }, { isConnected: true, networkType: 'wifi' }],
    [{ networkAvailable: true, networkType: '4G' }, { isConnected: true, networkType: '4g' }],
    [{ networkAvailable: true, networkType: 'WWAN' }, { isConnected: true, networkType: 'unknown' }],
    [{ networkAvailable: false, networkType: 'NOTREACHABLE' }, { isConnected: false, networkType: 'none' }],
  ])('getNetworkType %p → %p', async (res, expected) => {
    await expect(makePlatform({ getNetworkType: succeeds(res) }).getNetworkStatus()).resolves.toEqual(expected)
  })

  test('onNetworkStatusChange normalises events (Wi-Fi, 5G) and unsubscribes with the same listener', () => {
    const events = eventApi()
    const listener = jest.fn()
    const stop = makePlatform({ onNetworkStatusChange: events.on, offNetworkStatusChange: events.off }).onNetworkStatusChange(listener)
    events.fire({ isConnected: true, networkType: 'Wi-Fi' })
    events.fire({ isConnected: true, networkType: '5G' })
    expect(listener.mock.calls).toEqual([[{ isConnected: true, networkType: 'wifi' }], [{ isConnected: true, networkType: '5g' }]])
    stop()
    expect(events.off).toHaveBeenCalledWith(events.on.mock.calls[0][0])
    expect(events.listeners.size).toBe(0)
  })
})

describe('face verification → my.startAPVerify', () => {
  test('passes the certify url and id from the server; 9000 resolves (the server still queries the result)', async () => {
    const startAPVerify = succeeds({ resultStatus: '9000', result: {} })
    const evidence = await makePlatform({ startAPVerify }).startFaceVerification({ name: '张伟', idNumber: 'x', certifyId: 'cid-1', url: 'https://openapi.alipay.com/gateway.do?x=1' })
    expect(evidence).toEqual({})
    expect(argsOf(startAPVerify)).toEqual({ url: 'https://openapi.alipay.com/gateway.do?x=1', certifyId: 'cid-1' })
  })

  test('6001 is CANCELLED, 4000 is FACE_VERIFICATION_FAILED', async () => {
    await expect(makePlatform({ startAPVerify: succeeds({ resultStatus: '6001' }) }).startFaceVerification({ name: '张伟', idNumber: 'x', certifyId: 'c' })).rejects.toMatchObject({ code: 'CANCELLED' })
    await expect(makePlatform({ startAPVerify: succeeds({ resultStatus: '4000' }) }).startFaceVerification({ name: '张伟', idNumber: 'x', certifyId: 'c' })).rejects.toMatchObject({ code: 'FACE_VERIFICATION_FAILED' })
  })

  test('logs in with one tap and names its host app', () => {
    expect(makePlatform({})).toMatchObject({ loginMethod: 'platform', hostName: '支付宝' })
  })
})
