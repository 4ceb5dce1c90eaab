/**
 * The compiled mini-programs, booted headless with the real backend answering: the home
 * page shows the notices the server holds, fetched from the configured API base.
 */
import { TEST_API_BASE } from '../../scripts/test-api-base'
import { gridEntries } from '@/features'
import { startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp } from '../support/mini-harness'

let backend: BundleBackend
beforeAll(async () => {
  backend = await startBundleBackend()
})
afterAll(() => backend.close())

async function latestNoticeTitles(limit: number): Promise<string[]> {
  const response = await backend.app.inject({ url: `/api/notices?limit=${limit}` })
  return (response.json() as { items: { title: string }[] }).items.map((item) => item.title)
}

describe.each(['weapp', 'alipay'] as const)('%s bundle', (platform) => {
  test('the home page shows the notices the backend served, fetched from the configured API base', async () => {
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const home = await app.openPage('pages/home/index')
    const titles = await latestNoticeTitles(3)
    expect(titles.length).toBe(3)
    for (const title of titles) expect(home.texts()).toContain(title)
    expect(app.requests.map((request) => request.url)).toContain(`${TEST_API_BASE}/api/notices?limit=3`)
    // The request went out through the platform's own API, not some other transport.
    expect(app.callsOf('request').length).toBeGreaterThan(0)
  })

  test('the home grid offers only features that exist, and opens the notices subpackage', async () => {
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const home = await app.openPage('pages/home/index')
    const tiles = home.find((node) => node.cl === 'gm-grid__item')
    // Roles reach the templates' aria attributes, so screen readers announce a button.
    expect(tiles.map((tile) => home.attr(tile, 'aria-role'))).toEqual(gridEntries(false).map(() => 'button'))
    expect(home.find((node) => node.cl === 'gm-grid__glyph').map((glyph) => home.attr(glyph, 'aria-hidden'))).toEqual(gridEntries(false).map(() => 'true'))
    expect(home.texts()).toContain('通知公告')
    await home.tap('告')
    const navigations = app.callsOf('navigateTo')
    expect(navigations.length).toBe(1)
    expect((navigations[0].args[0] as { url: string }).url).toBe('/packages/notices/pages/list/index')
  })

  test('the notices subpackage lists and opens a notice with its body', async () => {
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const list = await app.openPage('packages/notices/pages/list/index')
    const all = await latestNoticeTitles(50)
    expect(list.texts().filter((text) => all.includes(text))).toEqual(all)
    const first = (await backend.app.inject({ url: '/api/notices?limit=1' })).json() as { items: { id: number }[] }
    const detailResponse = (await backend.app.inject({ url: `/api/notices/${first.items[0].id}` })).json() as { title: string; body: string }
    const detail = await app.openPage('packages/notices/pages/detail/index', { id: String(first.items[0].id) })
    expect(detail.text()).toContain(detailResponse.title)
    expect(detail.text()).toContain(detailResponse.body.split('\n').filter(Boolean)[0])
  })

  test('when the network fails the page says so and offers a retry that recovers', async () => {
    let online = false
    const app = await bootMiniApp({
      platform,
      onRequest: (request) => (online ? backend.onRequest(request) : Promise.reject(new Error('offline'))),
    })
    const home = await app.openPage('pages/home/index')
    expect(home.texts()).toContain('网络未连接')
    expect(home.text()).toContain('请检查网络')
    online = true
    await home.tap('重试')
    const titles = await latestNoticeTitles(3)
    expect(home.texts()).toContain(titles[0])
    expect(home.texts()).not.toContain('网络未连接')
  })

  test('a server error shows a message with a retry, never a blank page', async () => {
    const app = await bootMiniApp({
      platform,
      onRequest: async () => ({ status: 500, body: JSON.stringify({ error: { code: 'INTERNAL', message: '服务出了点问题，请稍后再试' } }) }),
    })
    const home = await app.openPage('pages/home/index')
    expect(home.texts()).toEqual(expect.arrayContaining(['加载失败', '服务出了点问题，请稍后再试', '重试']))
  })

  test('switching elderly mode on re-renders the home page with the elderly tokens and reduced grid', async () => {
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const home = await app.openPage('pages/home/index')
    const root = () => home.find((node) => typeof node.cl === 'string' && node.cl.startsWith('gm-page'))[0]
    const toggle = () => home.find((node) => typeof node.cl === 'string' && node.cl.startsWith('gm-toggle') && home.attr(node, 'aria-role') === 'switch')[0]
    expect(root().cl).toBe('gm-page')
    expect(home.attr(toggle(), 'aria-checked')).toBe('false')
    await home.tap('长辈模式')
    expect(root().cl).toBe('gm-page gm-elderly')
    expect(String(root().st)).toContain('--gm-font-body: 20px')
    expect(String(root().st)).toContain('--gm-target: 60px')
    expect(home.attr(toggle(), 'aria-checked')).toBe('true')
    expect(home.texts()).toContain('已开启')
    expect(home.find((node) => node.cl === 'gm-grid__item').length).toBeLessThanOrEqual(4)
    // Remembered in the platform's storage for the next start.
    expect(app.storage.get('ui.elderlyMode')).toBe(true)
  })

  test('the mine page shows the app version and the elderly-mode setting', async () => {
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const mine = await app.openPage('pages/mine/index')
    const { version } = require('../../package.json') as { version: string }
    expect(mine.texts()).toEqual(expect.arrayContaining(['版本', version, '长辈模式']))
  })
})
