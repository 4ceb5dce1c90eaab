/**
 * Elderly mode on narrow phones (320 px, the smallest still sold; 375 px, the most common):
 * large type must not break a word across lines ("认证状/态", "窗口办/事", "2026年10/月" were
 * seen), nor push anything past the screen's edge, and inputs must hold their text in the
 * middle of the box. Checked on the pages an older citizen uses most, logged in as one.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { CertificateList } from '@/contract/certificates/schemas'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'
import { sessionFor } from '../support/sessions'

const e2e = e2eSuite()

/** Short words and dates, each of which must sit on one line wherever it is shown. */
interface Broken {
  text: string
  lines: number
}

/**
 * Every text node of up to 6 characters (a label, a chip, a status: Chinese words are that
 * short) and every date (2026年10月, 2026年10月31日, 2026-10-31) that the browser laid out on
 * more than one line, found by the distinct tops of its line boxes.
 */
async function brokenWords(page: Page): Promise<Broken[]> {
  return page.evaluate(() => {
    const DATE = /^\d{4}(年\d{1,2}月(\d{1,2}日)?|-\d{2}(-\d{2})?)$/
    const found: { text: string; lines: number }[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim()
      if (text === '' || !(Array.from(text).length <= 6 || DATE.test(text))) continue
      const element = node.parentElement
      if (!element || element.closest('[aria-hidden="true"], .gm-sr-only') || element.offsetParent === null) continue
      const range = document.createRange()
      range.selectNodeContents(node)
      const tops = new Set(Array.from(range.getClientRects()).filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)))
      if (tops.size > 1) found.push({ text, lines: tops.size })
    }
    return found
  })
}

/** Anything wider than the screen (a horizontal scroll an older citizen will not find). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    return Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((element) => element.offsetParent !== null && element.getBoundingClientRect().right > width + 1)
      .filter((element) => !element.closest('[aria-hidden="true"]'))
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').trim().slice(0, 20)}"`)
      .slice(0, 10)
  })
}

/** The text of every input sits in the vertical middle of its box (within 4 px). */
async function offCentreInputs(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.gm-input'))
      .filter((box) => box.offsetParent !== null)
      .flatMap((box) => {
        const input = box.querySelector('input') ?? box
        const outer = box.getBoundingClientRect()
        const inner = input.getBoundingClientRect()
        const style = getComputedStyle(input)
        const textHeight = parseFloat(style.fontSize) * 1.2
        const textTop = inner.top + (inner.height - textHeight) / 2
        const gapAbove = textTop - outer.top
        const gapBelow = outer.bottom - (textTop + textHeight)
        return Math.abs(gapAbove - gapBelow) > 4 ? [`${input.getAttribute('placeholder') ?? box.className}: ${gapAbove.toFixed(0)} px above, ${gapBelow.toFixed(0)} px below`] : []
      }),
  )
}

let licenceId: string
beforeAll(async () => {
  const token = await sessionFor(e2e.backend.app, 'zhang-wei', 4)
  const list = (await e2e.backend.app.inject({ url: '/api/certificates', headers: { authorization: `Bearer ${token}` } })).json() as CertificateList
  licenceId = list.items.find((item) => item.type === 'driving_licence' && item.status === 'valid')!.id
})

const PAGES: { name: string; route: () => string; ready: string | RegExp; act?: (page: Page) => Promise<void> }[] = [
  { name: 'home', route: () => 'pages/home/index', ready: '健康码' },
  { name: 'mine', route: () => 'pages/mine/index', ready: '认证状态' },
  { name: 'social-security', route: () => 'packages/social-security/pages/overview/index', ready: /养老保险/ },
  { name: 'contributions', route: () => 'packages/social-security/pages/contributions/index', ready: /缴费明细|养老保险/ },
  { name: 'certificate', route: () => `packages/certificates/pages/detail/index?id=${licenceId}`, ready: '窗口办事' },
  { name: 'applications', route: () => 'packages/applications/pages/my-applications/index', ready: /我的办件|暂无|还没有/ },
  { name: 'search', route: () => 'packages/services/pages/search/index', ready: /搜索/ },
]

describe.each([320, 375])('elderly mode at %i px', (width) => {
  test.each(PAGES.map((entry) => [entry.name, entry] as const))('%s: no word broken across lines, nothing past the edge, inputs centred', async (name, entry) => {
    const token = await sessionFor(e2e.backend.app, 'zhang-wei', 4)
    const page = await e2e.browser.newPage({ viewport: { width, height: 800 } })
    try {
      await page.addInitScript((sessionToken) => {
        localStorage.setItem('session.token', JSON.stringify(sessionToken))
        localStorage.setItem('ui.elderlyMode', 'true')
      }, token)
      await page.goto(`${e2e.backend.baseUrl}/#/${entry.route()}`)
      await page.getByText(entry.ready).filter({ visible: true }).first().waitFor({ timeout: 15_000 })
      await page.waitForTimeout(300)
      await page.screenshot({ path: path.join(SCREENSHOTS, `elderly-${width}-${name}.png`), fullPage: true })
      expect({ width, name, broken: await brokenWords(page) }).toEqual({ width, name, broken: [] })
      expect({ width, name, overflow: await overflowing(page) }).toEqual({ width, name, overflow: [] })
      expect({ width, name, inputs: await offCentreInputs(page) }).toEqual({ width, name, inputs: [] })
    } finally {
      await page.close()
    }
  }, 60_000)
})
