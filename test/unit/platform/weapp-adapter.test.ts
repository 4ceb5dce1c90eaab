/**
 * The WeChat adapter against a fake `wx` answering with the shapes of the official typings
 * (wechat-miniprogram/api-typings lib.wx.api.d.ts): success objects carry `errMsg:
 * '<api>:ok'`, failures `{ errMsg: '<api>:fail …', errno?, errCode? }`.
 */
import { ApiError } from '@/platform/api-error'
import { createMiniProgramPlatform } from '@/platform/mini-adapter'
import { weappTable } from '@/platform/tables/weapp'
import { argsOf, eventApi, fails, inTurn, succeeds } from './fake-global'

const API_BASE = 'https://api.example.gov.cn'

function makePlatform(wx: Record<string, unknown>) {
  return createMiniProgramPlatform('weapp', weappTable, wx, API_BASE)
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
  const platform = makePlatform({})
  expect(platform.name).toBe('weapp')
  expect(platform.apiBase).toBe(API_BASE)
})

describe('login → wx.login', () => {
  test('resolves the code as a weapp credential', async () => {
    const login = succeeds({ code: '0a3xYz', errMsg: 'login:ok' })
    await expect(makePlatform({ login }).login()).resolves.toEqual({ platform: 'weapp', code: '0a3xYz' })
    expect(argsOf(login)).toEqual({})
  })

  test('a failure becomes an ApiError with no HTTP status', async () => {
    const error = await rejection(makePlatform({ login: fails({ errMsg: 'login:fail system error' }) }).login())
    expect(error).toMatchObject({ code: 'INTERNAL', status: 0 })
  })
})

describe('request → wx.request', () => {
  test('GET: url with query, header (not headers), text dataType, timeout; JSON parsed by us', async () => {
    const request = succeeds({ statusCode: 200, header: { 'Content-Type': 'application/json' }, data: '{"items":[1,2]}', cookies: [], errMsg: 'request:ok' })
    const result = await makePlatform({ request }).request({ path: '/api/notices', query: { q: '社保 卡', page: 2 }, token: 'tok' })
    expect(result).toEqual({ items: [1, 2] })
    expect(argsOf(request)).toEqual({
      url: `${API_BASE}/api/notices?q=%E7%A4%BE%E4%BF%9D%20%E5%8D%A1&page=2`,
      method: 'GET',
      header: { Accept: 'application/json', Authorization: 'Bearer tok' },
      data: undefined,
      timeout: 10000,
      dataType: 'text',
      responseType: 'text',
    })
    expect(argsOf(request)).not.toHaveProperty('headers')
  })

  test('POST sends the JSON body with Content-Type', async () => {
    const request = succeeds({ statusCode: 201, header: {}, data: '{"id":7}', errMsg: 'request:ok' })
    await expect(makePlatform({ request }).request({ method: 'POST', path: '/api/feedback', body: { text: '好' } })).resolves.toEqual({ id: 7 })
    expect(argsOf(request)).toMatchObject({ method: 'POST', data: '{"text":"好"}', header: { 'Content-Type': 'application/json' } })
  })

  test('HTTP errors arrive through success and become the server error', async () => {
    const body = { error: { code: 'VALIDATION_FAILED', message: '标题过长', field: 'body.title', rule: 'maxLength 50' } }
    const request = succeeds({ statusCode: 400, header: {}, data: JSON.stringify(body), errMsg: 'request:ok' })
    const error = await rejection(makePlatform({ request }).request({ method: 'POST', path: '/api/feedback', body: {} }))
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, field: 'body.title', rule: 'maxLength 50', message: '标题过长' })
  })

  test.each(['request:fail timeout', 'request:fail 请求超时', 'request:fail 请求逾时。'])('"%s" is a TIMEOUT and is not retried', async (errMsg) => {
    const request = fails({ errMsg, errno: 5 })
    const error = await rejection(makePlatform({ request }).request({ path: '/api/notices' }))
    expect(error.code).toBe('TIMEOUT')
    expect(request).toHaveBeenCalledTimes(1)
  })

  test('a network failure on GET is retried once', async () => {
    const request = inTurn(
      { fail: { errMsg: 'request:fail net::ERR_CONNECTION_RESET', errno: 600001 } },
      { success: { statusCode: 200, header: {}, data: '[]', errMsg: 'request:ok' } },
    )
    await expect(makePlatform({ request }).request({ path: '/api/notices' })).resolves.toEqual([])
    expect(request).toHaveBeenCalledTimes(2)
  })

  test('a network failure on POST is reported, not retried', async () => {
    const request = fails({ errMsg: 'request:fail ', errno: 600001 })
    const error = await rejection(makePlatform({ request }).request({ method: 'POST', path: '/api/x', body: {} }))
    expect(error.code).toBe('NETWORK_ERROR')
    expect(request).toHaveBeenCalledTimes(1)
  })
})

describe('storage → wx.*StorageSync(key[, data])', () => {
  test('get passes the key, maps the missing-key "" to undefined', () => {
    const getStorageSync = jest.fn((key: string) => (key === 'session.token' ? 'abc' : ''))
    const platform = makePlatform({ getStorageSync })
    expect(platform.storage.get('session.token')).toBe('abc')
    expect(platform.storage.get('nothing')).toBeUndefined()
    expect(getStorageSync).toHaveBeenCalledWith('session.token')
  })

  test('get survives a throwing storage', () => {
    const platform = makePlatform({ getStorageSync: jest.fn(() => { throw new Error('getStorageSync:fail') }) })
    expect(platform.storage.get('k')).toBeUndefined()
  })

  test('set and remove pass positional arguments', () => {
    const setStorageSync = jest.fn()
    const removeStorageSync = jest.fn()
    const platform = makePlatform({ setStorageSync, removeStorageSync })
    platform.storage.set('ui.elderly', { on: true })
    platform.storage.remove('ui.elderly')
    expect(setStorageSync).toHaveBeenCalledWith('ui.elderly', { on: true })
    expect(removeStorageSync).toHaveBeenCalledWith('ui.elderly')
  })
})

describe('scanCode → wx.scanCode', () => {
  test('camera-only QR scan resolves result', async () => {
    const scanCode = succeeds({ result: 'HC1:abc', scanType: 'QR_CODE', charSet: 'UTF-8', rawData: 'SEMxOmFiYw==', errMsg: 'scanCode:ok' })
    await expect(makePlatform({ scanCode }).scanCode()).resolves.toBe('HC1:abc')
    expect(argsOf(scanCode)).toEqual({ onlyFromCamera: true, scanType: ['qrCode'] })
  })

  test('cancel and permission refusals get their own codes', async () => {
    expect((await rejection(makePlatform({ scanCode: fails({ errMsg: 'scanCode:fail cancel' }) }).scanCode())).code).toBe('CANCELLED')
    expect((await rejection(makePlatform({ scanCode: fails({ errMsg: 'scanCode:fail auth deny' }) }).scanCode())).code).toBe('PERMISSION_DENIED')
  })

  test('an API missing from an old base library is UNSUPPORTED_ON_PLATFORM', async () => {
    expect((await rejection(makePlatform({}).scanCode())).code).toBe('UNSUPPORTED_ON_PLATFORM')
  })
})

describe('screen', () => {
  test('getScreenBrightness reads value', async () => {
    const getScreenBrightness = succeeds({ value: 0.4, errMsg: 'getScreenBrightness:ok' })
    await expect(makePlatform({ getScreenBrightness }).getScreenBrightness()).resolves.toBe(0.4)
  })

  test('setScreenBrightness sends value, clamped to 0..1', async () => {
    const setScreenBrightness = succeeds({ errMsg: 'setScreenBrightness:ok' })
    const platform = makePlatform({ setScreenBrightness })
    await platform.setScreenBrightness(0.8)
    await platform.setScreenBrightness(1.5)
    expect(argsOf(setScreenBrightness, 0)).toEqual({ value: 0.8 })
    expect(argsOf(setScreenBrightness, 1)).toEqual({ value: 1 })
  })

  test('setKeepScreenOn sends keepScreenOn', async () => {
    const setKeepScreenOn = succeeds({ errMsg: 'setKeepScreenOn:ok' })
    await makePlatform({ setKeepScreenOn }).setKeepScreenOn(true)
    expect(argsOf(setKeepScreenOn)).toEqual({ keepScreenOn: true })
  })
})

describe('requestSubscribeMessage → wx.requestSubscribeMessage', () => {
  test('sends tmplIds and normalises every per-template answer', async () => {
    const requestSubscribeMessage = succeeds({ errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'reject', c: 'ban', d: 'filter', e: 'acceptWithAudio' })
    const decisions = await makePlatform({ requestSubscribeMessage }).requestSubscribeMessage(['a', 'b', 'c', 'd', 'e', 'f'])
    expect(argsOf(requestSubscribeMessage)).toEqual({ tmplIds: ['a', 'b', 'c', 'd', 'e', 'f'] })
    expect(decisions).toEqual({ a: 'accept', b: 'reject', c: 'ban', d: 'filter', e: 'accept', f: 'unknown' })
  })

  test('errCodes that are answers resolve; network codes reject NETWORK_ERROR; others INTERNAL', async () => {
    const answer = (err: unknown) => makePlatform({ requestSubscribeMessage: fails(err) }).requestSubscribeMessage(['a', 'b'])
    await expect(answer({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail The main switch is switched off' })).resolves.toEqual({ a: 'reject', b: 'reject' })
    await expect(answer({ errCode: 20005, errMsg: 'requestSubscribeMessage:fail banned' })).resolves.toEqual({ a: 'ban', b: 'ban' })
    await expect(answer({ errMsg: 'requestSubscribeMessage:fail cancel' })).resolves.toEqual({ a: 'reject', b: 'reject' })
    expect((await rejection(answer({ errCode: 10002, errMsg: 'requestSubscribeMessage:fail Request list fail' }))).code).toBe('NETWORK_ERROR')
    expect((await rejection(answer({ errCode: 20001, errMsg: 'requestSubscribeMessage:fail No template data return' }))).code).toBe('INTERNAL')
  })
})

describe('makePhoneCall → wx.makePhoneCall', () => {
  test('sends phoneNumber; a cancelled call is CANCELLED', async () => {
    const makePhoneCall = succeeds({ errMsg: 'makePhoneCall:ok' })
    await makePlatform({ makePhoneCall }).makePhoneCall('12345')
    expect(argsOf(makePhoneCall)).toEqual({ phoneNumber: '12345' })
    expect((await rejection(makePlatform({ makePhoneCall: fails({ errMsg: 'makePhoneCall:fail cancel' }) }).makePhoneCall('12345'))).code).toBe('CANCELLED')
  })
})

describe('getSystemFontScale', () => {
  test('prefers wx.getAppBaseInfo().fontSizeScaleFactor', () => {
    const getAppBaseInfo = jest.fn(() => ({ fontSizeScaleFactor: 1.4, fontSizeSetting: 23.8, SDKVersion: '3.0.0' }))
    const getSystemInfoSync = jest.fn()
    expect(makePlatform({ getAppBaseInfo, getSystemInfoSync }).getSystemFontScale()).toBe(1.4)
    expect(getSystemInfoSync).not.toHaveBeenCalled()
  })

  test('falls back to getSystemInfoSync().fontSizeSetting over the standard size (17 iOS, 16 Android)', () => {
    expect(makePlatform({ getSystemInfoSync: () => ({ fontSizeSetting: 17, platform: 'ios' }) }).getSystemFontScale()).toBe(1)
    expect(makePlatform({ getSystemInfoSync: () => ({ fontSizeSetting: 20, platform: 'android' }) }).getSystemFontScale()).toBe(1.25)
  })

  test('is 1 when nothing is known', () => {
    expect(makePlatform({}).getSystemFontScale()).toBe(1)
    expect(makePlatform({ getAppBaseInfo: () => ({}) }).getSystemFontScale()).toBe(1)
  })
})

describe('network', () => {
  test('getNetworkType: networkType passes through, none = disconnected', async () => {
    await expect(makePlatform({ getNetworkType: succeeds({ networkType: '4g', signalStrength: -70, hasSystemProxy: false, errMsg: 'getNetworkType:ok' }) }).getNetworkStatus()).resolves.toEqual({ isConnected: true, networkType: '4g' })
    await expect(makePlatform({ getNetworkType: succeeds({ networkType: 'none', errMsg: 'getNetworkType:ok' }) }).getNetworkStatus()).resolves.toEqual({ isConnected: false, networkType: 'none' })
  })

  test('onNetworkStatusChange delivers events until unsubscribed, then calls off with the same listener', () => {
    const events = eventApi()
    const platform = makePlatform({ onNetworkStatusChange: events.on, offNetworkStatusChange: events.off })
    const listener = jest.fn()
    const stop = platform.onNetworkStatusChange(listener)
    events.fire({ isConnected: false, networkType: 'none' })
    expect(listener).toHaveBeenLastCalledWith({ isConnected: false, networkType: 'none' })
    stop()
    expect(events.off).toHaveBeenCalledWith(events.on.mock.calls[0][0])
    events.fire({ isConnected: true, networkType: 'wifi' })
    expect(listener).toHaveBeenCalledTimes(1)
  })

  test('without offNetworkStatusChange (old base library) the listener is still silenced', () => {
    const events = eventApi()
    const listener = jest.fn()
    const stop = makePlatform({ onNetworkStatusChange: events.on }).onNetworkStatusChange(listener)
    stop()
    events.fire({ isConnected: true, networkType: 'wifi' })
    expect(listener).not.toHaveBeenCalled()
  })
})

test('an API that throws synchronously is reported through the same failure path', async () => {
  const scanCode = jest.fn(() => { throw { errMsg: 'scanCode:fail cancel' } })
  expect((await rejection(makePlatform({ scanCode }).scanCode())).code).toBe('CANCELLED')
})

describe('face verification → wx.startFacialRecognitionVerify', () => {
  test('passes name and idCardNumber and resolves the verifyResult for the server to confirm', async () => {
    const startFacialRecognitionVerify = succeeds({ errCode: 0, verifyResult: 'vr-123', errMsg: 'startFacialRecognitionVerify:ok' })
    const evidence = await makePlatform({ startFacialRecognitionVerify }).startFaceVerification({ name: '张伟', idNumber: '11010519491231002X' })
    expect(evidence).toEqual({ verifyResult: 'vr-123' })
    expect(argsOf(startFacialRecognitionVerify)).toEqual({ name: '张伟', idCardNumber: '11010519491231002X', checkAliveType: 2 })
  })

  test('closing the flow is CANCELLED; any other failure is FACE_VERIFICATION_FAILED', async () => {
    const cancelled = await rejection(makePlatform({ startFacialRecognitionVerify: fails({ errMsg: 'startFacialRecognitionVerify:fail cancel', errCode: 90100 }) }).startFaceVerification({ name: '张伟', idNumber: 'x' }))
    expect(cancelled.code).toBe('CANCELLED')
    const failed = await rejection(makePlatform({ startFacialRecognitionVerify: fails({ errMsg: 'startFacialRecognitionVerify:fail', errCode: 10002 }) }).startFaceVerification({ name: '张伟', idNumber: 'x' }))
    expect(failed.code).toBe('FACE_VERIFICATION_FAILED')
  })

  test('logs in with one tap and names its host app', () => {
    expect(makePlatform({})).toMatchObject({ loginMethod: 'platform', hostName: '微信' })
  })
})
