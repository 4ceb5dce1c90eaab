/**
 * The two tables as data: same capabilities, well-formed entries, and mappings that
 * round-trip through a minimal model of each platform (what `args` writes, the platform
 * keeps, and `result` reads back unchanged).
 */
import { buildRawRequest, interpretResponse } from '@/platform/request-core'
import { alipayTable } from '@/platform/tables/alipay'
import type { AsyncApi, PlatformTable, SyncApi } from '@/platform/tables/types'
import { weappTable } from '@/platform/tables/weapp'

const tables: Array<[string, PlatformTable]> = [
  ['weapp', weappTable],
  ['alipay', alipayTable],
]

test('both tables cover exactly the same capabilities', () => {
  expect(Object.keys(alipayTable).sort()).toEqual(Object.keys(weappTable).sort())
  expect(Object.keys(weappTable).sort()).toEqual(
    [
      'hostName',
      'failure',
      'login',
      'faceVerification',
      'request',
      'storageGet',
      'storageSet',
      'storageRemove',
      'scanCode',
      'getScreenBrightness',
      'setScreenBrightness',
      'setKeepScreenOn',
      'requestSubscribeMessage',
      'makePhoneCall',
      'requestPayment',
      'downloadFile',
      'openDocument',
      'choosePhoto',
      'chooseDocument',
      'uploadFile',
      'showTabBar',
      'hideTabBar',
      'features',
      'systemFontScale',
      'getNetworkStatus',
      'networkStatusChange',
      'speech',
    ].sort(),
  )
})

describe.each(tables)('%s table entries', (tableName, table) => {
  test('every entry names its API and maps with functions', () => {
    for (const [capability, entry] of Object.entries(table)) {
      if (capability === 'failure') {
        expect(typeof entry).toBe('function')
      } else if (capability === 'hostName') {
        expect(entry).toMatch(/^[\u4e00-\u9fa5]+$/)
      } else if (capability === 'features') {
        // Both hosts scan and draw their own title bar.
        expect(entry).toEqual({ scanCode: true, navigationBar: 'host' })
      } else if (capability === 'speech') {
        // Checked entry by entry in speech-tables.test.ts (WeChat's plugin; none on Alipay).
        expect(entry === null || typeof entry === 'object').toBe(true)
      } else if (capability === 'chooseDocument' && entry === null) {
        // Alipay has no document picker (test/unit/platform/upload-file.test.ts checks the words shown instead).
        expect(tableName).toBe('alipay')
      } else if (capability === 'networkStatusChange') {
        expect(entry).toEqual({ on: 'onNetworkStatusChange', off: 'offNetworkStatusChange', event: expect.any(Function) })
      } else {
        const { api, args, result } = entry as AsyncApi<unknown, unknown> | SyncApi<unknown, unknown>
        expect([api].flat().every((name) => typeof name === 'string' && name.length > 0)).toBe(true)
        expect(typeof args).toBe('function')
        expect(typeof result).toBe('function')
      }
    }
  })

  test('argument mappings are pure: same input, equal output, input untouched', () => {
    const raw = buildRawRequest('https://a.cn', { method: 'POST', path: '/x', body: { a: 1 }, token: 't' })
    const frozen = JSON.stringify(raw)
    expect(table.request.args(raw)).toEqual(table.request.args(raw))
    expect(JSON.stringify(raw)).toBe(frozen)
  })
})

/** Minimal models of each platform's storage and brightness, keyed by the API names. */
function weappModel() {
  const store = new Map<string, unknown>()
  let brightness = 0.5
  return {
    getStorageSync: (key: string) => (store.has(key) ? store.get(key) : ''),
    setStorageSync: (key: string, data: unknown) => void store.set(key, data),
    removeStorageSync: (key: string) => void store.delete(key),
    setScreenBrightness: ({ value }: { value: number }) => void (brightness = value),
    getScreenBrightness: () => ({ value: brightness, errMsg: 'getScreenBrightness:ok' }),
    request: ({ data }: { data?: string }) => ({ statusCode: 200, header: {}, data: data ?? '', errMsg: 'request:ok' }),
  }
}
function alipayModel() {
  const store = new Map<string, unknown>()
  let brightness = 0.5
  return {
    getStorageSync: ({ key }: { key: string }) => ({ data: store.has(key) ? store.get(key) : null }),
    setStorageSync: ({ key, data }: { key: string; data: unknown }) => (store.set(key, data), { success: true }),
    removeStorageSync: ({ key }: { key: string }) => (store.delete(key), { success: true }),
    setScreenBrightness: ({ brightness: value }: { brightness: number }) => ((brightness = value), { success: true }),
    getScreenBrightness: () => ({ success: true, brightness }),
    request: ({ data }: { data?: string }) => ({ status: 200, headers: {}, data: data ?? '' }),
  }
}

describe.each([
  ['weapp', weappTable, weappModel],
  ['alipay', alipayTable, alipayModel],
] as const)('%s mappings round-trip', (_name, table, model) => {
  const call = (platform: Record<string, (...args: any[]) => any>, entry: SyncApi<any, any>, input: unknown) =>
    entry.result(platform[[entry.api].flat()[0]](...entry.args(input)))

  test('storage: what set writes, get reads back; remove makes it missing', () => {
    const platform = model() as unknown as Record<string, (...args: any[]) => any>
    for (const value of ['text', 0, false, { nested: ['数组'] }]) {
      call(platform, table.storageSet, { key: 'k', value })
      expect(call(platform, table.storageGet, 'k')).toEqual(value)
    }
    call(platform, table.storageRemove, 'k')
    expect(call(platform, table.storageGet, 'k')).toBeUndefined()
  })

  test('brightness: set value is read back', () => {
    const platform = model() as unknown as Record<string, (arg: any) => any>
    platform[table.setScreenBrightness.api](table.setScreenBrightness.args(0.8))
    expect(table.getScreenBrightness.result(platform[table.getScreenBrightness.api](table.getScreenBrightness.args(undefined)), undefined)).toBe(0.8)
  })

  test('request: a body echoed by the platform comes back as the same value', () => {
    const platform = model() as unknown as Record<string, (arg: any) => any>
    const raw = buildRawRequest('', { method: 'POST', path: '/echo', body: { name: '张三', n: 1 } })
    const response = table.request.result(platform[table.request.api](table.request.args(raw)), raw)
    expect(interpretResponse(response)).toEqual({ name: '张三', n: 1 })
  })

  test('subscribe: ids in → one decision per id out', () => {
    const ids = ['t1', 't2']
    const args = table.requestSubscribeMessage.args(ids)
    expect(Object.values(args)).toContainEqual(ids)
    expect(Object.keys(table.requestSubscribeMessage.result({}, ids))).toEqual(ids)
  })

  test('phone number and keep-screen-on survive the mapping', () => {
    expect(Object.values(table.makePhoneCall.args('12345'))).toEqual(['12345'])
    expect(table.setKeepScreenOn.args(true)).toEqual({ keepScreenOn: true })
  })
})
