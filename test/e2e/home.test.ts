/** The H5 preview in real Chromium against the real backend on a free port. */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'

const e2e = e2eSuite()
let page: Page

beforeEach(async () => {
  page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
})
afterEach(() => page.close())

const latest = async (limit: number) => ((await e2e.backend.request(`/api/notices?limit=${limit}`)).body as { items: { id: number; title: string; body?: string }[] }).items

test('the home page shows the notices from the backend', async () => {
  await page.goto(`${e2e.backend.baseUrl}/#/pages/home/index`)
  const notices = await latest(3)
  for (const notice of notices) await page.getByText(notice.title).waitFor({ timeout: 15_000 })
  await expect(page.getByText('通知公告').first().isVisible()).resolves.toBe(true)
  await page.screenshot({ path: path.join(SCREENSHOTS, 'home.png'), fullPage: true })
}, 30_000)

test('a notice opens in its subpackage page with the full text', async () => {
  await page.goto(`${e2e.backend.baseUrl}/#/pages/home/index`)
  const [first] = await latest(1)
  await page.getByText(first.title).click()
  const detail = (await e2e.backend.request(`/api/notices/${first.id}`)).body as { body: string }
  await page.getByText(detail.body.split('\n').filter(Boolean)[0].slice(0, 20)).waitFor({ timeout: 15_000 })
  expect(page.url()).toContain('packages/notices/pages/detail/index')
  await page.screenshot({ path: path.join(SCREENSHOTS, 'notice-detail.png'), fullPage: true })
}, 30_000)

test('elderly mode enlarges the text and is remembered across a reload', async () => {
  await page.goto(`${e2e.backend.baseUrl}/#/pages/home/index`)
  const [first] = await latest(1)
  const title = page.getByText(first.title).first()
  await title.waitFor({ timeout: 15_000 })
  const normalSize = await title.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
  await page.getByRole('switch', { name: /长辈模式/ }).first().click()
  await page.waitForFunction(() => document.querySelector('.gm-elderly') !== null)
  const elderlySize = await title.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
  expect(elderlySize).toBeGreaterThanOrEqual(18)
  expect(elderlySize).toBeGreaterThan(normalSize)
  await page.screenshot({ path: path.join(SCREENSHOTS, 'home-elderly.png'), fullPage: true })
  await page.reload()
  await page.waitForFunction(() => document.querySelector('.gm-elderly') !== null, undefined, { timeout: 15_000 })
}, 30_000)

test('when the API is unreachable the page says so and recovers on retry', async () => {
  await page.route('**/api/notices**', (route) => route.abort('internetdisconnected'))
  await page.goto(`${e2e.backend.baseUrl}/#/pages/home/index`)
  await page.getByText('网络未连接').first().waitFor({ timeout: 20_000 })
  await page.screenshot({ path: path.join(SCREENSHOTS, 'home-offline.png'), fullPage: true })
  await page.unroute('**/api/notices**')
  await page.getByText('重试', { exact: true }).click()
  const [first] = await latest(1)
  await page.getByText(first.title).waitFor({ timeout: 15_000 })
}, 40_000)
