/**
 * The health-code page in the compiled bundles: it boots, calls the API, shows the colour in
 * words and the masked name; the refresh timer fires before expiry; the QR matrix never
 * crosses setData.
 */
import { COLOUR_WORDS } from '@/contract/health-code/data'
import type { HealthCode } from '@/contract/health-code/schemas'
import { maskName } from '../../server/privacy/masking'
import { startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp } from '../support/mini-harness'
import { demoCitizen, sessionFor } from '../support/sessions'

let backend: BundleBackend
beforeAll(async () => {
  backend = await startBundleBackend()
}, 30_000)
afterAll(() => backend.close())
afterEach(() => jest.useRealTimers())

const PAGE = 'packages/health-code/pages/code/index'

describe.each(['weapp', 'alipay'] as const)('%s health code', (platform) => {
  test('shows the colour in words, the masked name and the time left; the QR is drawn, not sent through setData', async () => {
    const token = await sessionFor(backend.app, 'zhang-wei')
    const expected = (await backend.app.inject({ url: '/api/health-code', headers: { authorization: `Bearer ${token}` } })).json() as HealthCode
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    const page = await app.openPage(PAGE)
    expect(page.texts()).toEqual(expect.arrayContaining([COLOUR_WORDS[expected.colour], maskName(demoCitizen('zhang-wei').name), expected.reason, '刷新']))
    expect(page.text()).toMatch(/\d+分\d+秒后自动刷新/)
    expect(app.requests.some((request) => request.url.endsWith('/api/health-code'))).toBe(true)
    // The token crosses the render layer only as the canvas owner's props, never a module matrix.
    const largest = Math.max(...page.setDataCalls.map((call) => call.bytes))
    expect(largest).toBeLessThan(16 * 1024)
    expect(page.setDataCalls.length).toBeLessThanOrEqual(3)
    // Brightness up while shown, restored on leaving.
    expect(app.callsOf('setScreenBrightness')[0].args[0]).toMatchObject(platform === 'weapp' ? { value: 1 } : { brightness: 1 })
    await page.hide()
    expect(app.callsOf('setScreenBrightness').length).toBe(2)
  })

  test('the refresh timer fetches a new code before the old one expires', async () => {
    const token = await sessionFor(backend.app, 'zhang-wei')
    jest.useFakeTimers({ doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'nextTick', 'queueMicrotask'] })
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    await app.openPage(PAGE)
    const fetches = () => app.requests.filter((request) => request.url.endsWith('/api/health-code')).length
    expect(fetches()).toBe(1)
    jest.advanceTimersByTime(60_000)
    await app.settle()
    expect(fetches()).toBe(1)
    jest.advanceTimersByTime(5 * 60_000)
    await app.settle()
    expect(fetches()).toBe(2)
  })

  test('a verifier scans a citizen\'s code and sees the result full-screen in colour and words', async () => {
    const citizen = await sessionFor(backend.app, 'zhang-wei')
    const scanned = ((await backend.app.inject({ url: '/api/health-code', headers: { authorization: `Bearer ${citizen}` } })).json() as HealthCode)
    const verifier = await sessionFor(backend.app, 'ouyang-mingyue')
    const scanApi = platform === 'weapp' ? 'scanCode' : 'scan'
    const scanAnswer = platform === 'weapp' ? { result: scanned.token, scanType: 'QR_CODE', errMsg: 'scanCode:ok' } : { code: scanned.token, qrCode: scanned.token }
    const app = await bootMiniApp({
      platform,
      onRequest: backend.onRequest,
      storage: { 'session.token': verifier },
      api: { [scanApi]: (options: { success: (r: unknown) => void }) => setTimeout(() => options.success(scanAnswer), 0) },
    })
    const page = await app.openPage(PAGE)
    await page.tap('扫码核验（核验人员）')
    expect(app.callsOf(scanApi).length).toBe(1)
    expect(page.texts()).toEqual(expect.arrayContaining([`有效 · ${COLOUR_WORDS[scanned.colour]}`, maskName(demoCitizen('zhang-wei').name), '继续核验']))
    expect(page.find((node) => typeof node.cl === 'string' && node.cl.includes(`gm-hc-result--${scanned.colour}`)).length).toBe(1)
    // A forged code is refused with the reason in words.
    const forged = scanned.token.slice(0, -4) + (scanned.token.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    Object.assign(scanAnswer, platform === 'weapp' ? { result: forged } : { code: forged })
    await page.tap('继续核验')
    await page.tap('扫码核验（核验人员）')
    expect(page.texts()).toEqual(expect.arrayContaining(['无效', '签名校验失败，健康码可能被篡改']))
  })

  test('below real-name level 3 the page offers the verification step', async () => {
    const token = await sessionFor(backend.app, 'li-na', 1)
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    const page = await app.openPage(PAGE)
    expect(page.texts()).toEqual(expect.arrayContaining(['需要实名认证', '去认证']))
  })

  test('offline, the last code stays visible marked 离线 with its issue time', async () => {
    const token = await sessionFor(backend.app, 'zhang-wei')
    let online = true
    const app = await bootMiniApp({ platform, onRequest: (request) => (online ? backend.onRequest(request) : Promise.reject(new Error('offline'))), storage: { 'session.token': token } })
    const first = await app.openPage(PAGE)
    const colour = first.texts().find((text) => Object.values(COLOUR_WORDS).includes(text))
    await first.unload()
    online = false
    const again = await app.openPage(PAGE)
    expect(again.texts()).toContain(colour)
    expect(again.text()).toMatch(/离线 · 签发于 \d{2}:\d{2}:\d{2}/)
  })
})
