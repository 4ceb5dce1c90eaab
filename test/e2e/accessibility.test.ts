/**
 * Every page of the H5 build, in normal and elderly mode, through axe-core: no serious or
 * critical violation. Screenshots of each page in both modes go to test-output/e2e/a11y.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { seriousViolations } from '../support/axe'
import { launchChromium } from '../support/chromium'
import { SCREENSHOTS, startE2eBackend } from '../support/e2e-backend'

let backend: Awaited<ReturnType<typeof startE2eBackend>>
let browser: Browser
const shots = path.join(SCREENSHOTS, 'a11y')

beforeAll(async () => {
  backend = await startE2eBackend()
  browser = await launchChromium()
  fs.mkdirSync(shots, { recursive: true })
}, 60_000)
afterAll(async () => {
  await browser?.close()
  await backend?.close()
})

interface PageCase {
  name: string
  route: () => Promise<string>
  /** Text that shows the page has finished loading. */
  ready: () => Promise<string>
}

const firstNotice = async () => ((await backend.request('/api/notices?limit=1')).body as { items: { id: number; title: string }[] }).items[0]

const PAGES: PageCase[] = [
  { name: 'home', route: async () => 'pages/home/index', ready: async () => (await firstNotice()).title },
  { name: 'mine', route: async () => 'pages/mine/index', ready: async () => '长辈模式' },
  { name: 'login', route: async () => 'pages/login/index', ready: async () => '登录掌上政务' },
  { name: 'notices-list', route: async () => 'packages/notices/pages/list/index', ready: async () => (await firstNotice()).title },
  { name: 'notice-detail', route: async () => `packages/notices/pages/detail/index?id=${(await firstNotice()).id}`, ready: async () => (await firstNotice()).title },
]

describe.each(['normal', 'elderly'] as const)('%s mode', (mode) => {
  test.each(PAGES.map((page) => [page.name, page] as const))('%s has no serious or critical axe violation', async (name, pageCase) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    try {
      await page.addInitScript((elderly) => localStorage.setItem('ui.elderlyMode', JSON.stringify(elderly)), mode === 'elderly')
      await page.goto(`${backend.baseUrl}/#/${await pageCase.route()}`)
      await page.getByText(await pageCase.ready()).first().waitFor({ timeout: 15_000 })
      if (mode === 'elderly') await page.waitForSelector('.gm-elderly')
      await page.screenshot({ path: path.join(shots, `${mode}-${name}.png`), fullPage: true })
      expect(await seriousViolations(page)).toEqual([])
    } finally {
      await page.close()
    }
  }, 30_000)
})
