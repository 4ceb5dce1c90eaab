/**
 * Elderly mode's tab bar in the compiled mini-programs: the host's bar (10 px text, 50 px) is
 * hidden through the platform's hideTabBar and the page draws one with targets ≥ 60 px and
 * text ≥ 18 px (measured in the compiled stylesheet with the elderly tokens); 12345 calls
 * through the platform's makePhoneCall and 扫一扫 through its scanner.
 */
import fs from 'node:fs'
import path from 'node:path'
import { distOf } from '../../scripts/dist-root'
import { elderlyTokens } from '@/theme/tokens'
import { startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp } from '../support/mini-harness'

let backend: BundleBackend
beforeAll(async () => {
  backend = await startBundleBackend()
})
afterAll(() => backend.close())

const STYLESHEET = { weapp: 'app.wxss', alipay: 'app.acss' } as const

/** A stylesheet with its relative @imports inlined (Taro splits the app's styles into app-origin and common). */
function stylesheet(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8').replace(/@import\s+"(\.\/[^"]+)";/g, (_, imported: string) => stylesheet(dir, imported))
}

function rule(platform: 'weapp' | 'alipay', selector: string): string {
  const css = stylesheet(distOf(platform), STYLESHEET[platform])
  const match = new RegExp(`${selector.replace(/[.-]/g, (c) => `\\${c}`)}\\s*\\{([^}]*)\\}`).exec(css)
  if (!match) throw new Error(`${selector} not in ${STYLESHEET[platform]}`)
  return match[1]!
}

describe.each(['weapp', 'alipay'] as const)('%s bundle', (platform) => {
  test('elderly mode hides the host tab bar and draws one with ≥ 60 px targets and ≥ 18 px text', async () => {
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'ui.elderlyMode': true } })
    const home = await app.openPage('pages/home/index')
    expect(app.callsOf('hideTabBar').length).toBeGreaterThan(0)
    const items = home.find((node) => typeof node.cl === 'string' && node.cl.startsWith('gm-tabbar__item'))
    expect(items).toHaveLength(2)
    expect(home.texts()).toEqual(expect.arrayContaining(['首页', '我的']))
    const item = rule(platform, '.gm-tabbar__item')
    expect(Number(/min-height:\s*(\d+)px/.exec(item)![1])).toBeGreaterThanOrEqual(60)
    // Its text is the title size, which elderly mode sets to at least 18 px.
    expect(item).toContain('font-size:var(--gm-font-title)')
    expect(elderlyTokens.fontTitle).toBeGreaterThanOrEqual(18)
    await home.tap('我的')
    expect((app.callsOf('switchTab')[0]!.args[0] as { url: string }).url).toBe('/pages/mine/index')
  })

  test('normal mode keeps the host tab bar and draws none', async () => {
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const home = await app.openPage('pages/home/index')
    expect(app.callsOf('showTabBar').length).toBeGreaterThan(0)
    expect(app.callsOf('hideTabBar')).toHaveLength(0)
    expect(home.find((node) => node.cl === 'gm-tabbar')).toHaveLength(0)
  })

  test('12345 is called through the platform, and 扫一扫 opens the scan result with what was read', async () => {
    const scanned = 'HC1.eyJ4IjoxfQ.c2ln'
    const scanApi = platform === 'weapp' ? 'scanCode' : 'scan'
    const app = await bootMiniApp({
      platform,
      onRequest: backend.onRequest,
      api: { [scanApi]: (options: { success: (r: unknown) => void }) => setTimeout(() => options.success(platform === 'weapp' ? { result: scanned } : { code: scanned }), 0) },
    })
    const home = await app.openPage('pages/home/index')
    await home.tap('12345热线')
    const call = app.callsOf('makePhoneCall')[0]!.args[0] as Record<string, unknown>
    expect(call[platform === 'weapp' ? 'phoneNumber' : 'number']).toBe('12345')
    await home.tap('扫一扫')
    const navigation = app.callsOf('navigateTo').at(-1)!.args[0] as { url: string }
    expect(navigation.url).toBe(`/packages/scan/pages/result/index?text=${encodeURIComponent(scanned)}`)
  })
})
