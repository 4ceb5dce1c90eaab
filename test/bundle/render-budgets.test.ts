/**
 * First-render budgets of every page of both compiled bundles (pages read from each
 * bundle's app.json, so new pages are held to them without being listed here), booted
 * headless as a level-4 citizen with the real backend answering:
 * - no single setData over 64 KB on the first render, and none over the platforms' 256 KB
 *   limit while the page is used afterwards (shown again, refreshed, scrolled to the bottom);
 * - the health code on screen within 2 setData calls and 16 KB.
 * `npm run bench:render` prints the same measurements per page.
 */
import type { MiniPlatform } from '../support/mini-harness'
import { startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import {
  HEALTH_CODE_PAGE,
  SET_DATA_BUDGET_BYTES,
  SET_DATA_LIMIT_BYTES,
  callsUntilCodeShows,
  distDirOf,
  exercise,
  pagesOf,
  renderPage,
} from '../support/page-renders'
import { sessionFor } from '../support/sessions'

let backend: BundleBackend
let token: string
beforeAll(async () => {
  backend = await startBundleBackend()
  token = await sessionFor(backend.app, 'zhang-wei', 4)
}, 30_000)
afterAll(() => backend.close())

const PLATFORMS: MiniPlatform[] = ['weapp', 'alipay']

describe.each(PLATFORMS)('%s', (platform) => {
  const routes = pagesOf(distDirOf(platform))

  test('the bundle has pages to measure, the health code among them', () => {
    expect(routes).toContain(HEALTH_CODE_PAGE)
    expect(routes).toContain('pages/home/index')
  })

  test.each(routes)('%s renders with no setData over 64 KB, and none over 256 KB while used', async (route) => {
    const render = await renderPage(route, { platform, backend, token })
    // The page rendered something, so there was something to measure.
    expect(render.calls.length).toBeGreaterThan(0)
    const oversized = render.calls.filter((call) => call.bytes > SET_DATA_BUDGET_BYTES).map((call) => call.bytes)
    expect(oversized).toEqual([])
    const later = await exercise(render)
    const overLimit = [...render.calls, ...later].filter((call) => call.bytes > SET_DATA_LIMIT_BYTES).map((call) => call.bytes)
    expect(overLimit).toEqual([])
  })

  test('the health code is on screen within 2 setData calls and 16 KB', async () => {
    const render = await renderPage(HEALTH_CODE_PAGE, { platform, backend, token })
    const untilShown = callsUntilCodeShows(render.calls)
    expect(untilShown).toBeDefined()
    expect(untilShown!.length).toBeLessThanOrEqual(2)
    expect(untilShown!.reduce((sum, call) => sum + call.bytes, 0)).toBeLessThanOrEqual(16 * 1024)
  })
})
