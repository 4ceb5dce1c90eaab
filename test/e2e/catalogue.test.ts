/**
 * 办事服务 in the H5 preview (Chromium) against the real backend with the demo catalogue:
 * from the home page's search box a citizen searches 身份证, opens a 全程网办 item's guide and
 * sees its materials, time limit and 在线办理; browses by department; reads a guide in
 * elderly mode; and the search (history, results, no result) and guide pages pass axe.
 */
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import type { SearchResult, ServiceFacets, ServiceGuide, ServiceList } from '@/contract/services/schemas'
import { seriousViolations } from '../support/axe'
import { SCREENSHOTS } from '../support/e2e-backend'
import { e2eSuite } from '../support/e2e-suite'

/** Taro's H5 keeps earlier pages in the DOM, hidden: match only what is on screen. */
const visible = (locator: Locator) => locator.filter({ visible: true }).first()

const e2e = e2eSuite()
let page: Page

beforeEach(async () => {
  page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
})
afterEach(() => page.close())

async function api<T>(url: string): Promise<T> {
  const response = await e2e.backend.request(url)
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`)
  return response.body as T
}

/** The first 身份证 hit that can be applied for online, with its guide. */
async function onlineIdCardItem(): Promise<ServiceGuide> {
  const result = await api<SearchResult>(`/api/services/search?q=${encodeURIComponent('身份证')}`)
  const hit = result.items.find((item) => item.onlineLevel === 'full_online')
  if (!hit) throw new Error(`no 全程网办 item among the 身份证 hits: ${result.items.map((item) => item.name).join('、')}`)
  return api<ServiceGuide>(`/api/services/${hit.code}`)
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const searchBox = () => visible(page.getByLabel('搜索办事服务').locator('input'))

async function expectGuide(guide: ServiceGuide) {
  await visible(page.getByText(`申请材料（${guide.materials.length} 项）`)).waitFor({ timeout: 15_000 })
  await visible(page.getByText('承诺时限', { exact: true })).waitFor()
  await visible(page.getByText(guide.timeLimitText, { exact: true })).waitFor()
  for (const [index, material] of guide.materials.entries()) await visible(page.getByText(`${index + 1}. ${material.name}`, { exact: true })).waitFor()
}

test('from the home search box: search 身份证, open a guide, see materials, time limit and 在线办理', async () => {
  const guide = await onlineIdCardItem()
  await page.goto(`${e2e.backend.baseUrl}/#/pages/home/index`)
  await visible(page.getByRole('button', { name: /^搜索办事服务/ })).click()
  // The box has the focus on arrival: the citizen can type at once.
  await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT', undefined, { timeout: 15_000 })
  expect(await searchBox().evaluate((input) => input === document.activeElement)).toBe(true)
  await searchBox().fill('身份证')
  await searchBox().press('Enter')

  const row = visible(page.locator('.gm-svc-item').filter({ hasText: guide.name }))
  await row.waitFor({ timeout: 15_000 })
  // The matched words are marked in the names.
  expect(await visible(page.locator('.gm-svc-hit').filter({ hasText: '身份证' })).count()).toBe(1)
  await page.screenshot({ path: path.join(SCREENSHOTS, 'catalogue-search.png'), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])

  await row.click()
  await expectGuide(guide)
  const apply = visible(page.getByText('在线办理', { exact: true }))
  await apply.waitFor()
  expect(await visible(page.getByText('可用电子证照，免提交')).count()).toBe(guide.materials.some((material) => material.fromCertificate) ? 1 : 0)
  await page.screenshot({ path: path.join(SCREENSHOTS, 'catalogue-guide.png'), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
  await apply.click()
  await page.waitForURL(/packages\/applications\/pages\/apply\/index\?code=/, { timeout: 15_000 })
  expect(page.url()).toContain(`code=${guide.code}`)
}, 90_000)

test('typing shows suggestions (联想) with the typed part highlighted; a colloquial query finds its service', async () => {
  await page.goto(`${e2e.backend.baseUrl}/#/packages/services/pages/search/index`)
  await searchBox().waitFor({ timeout: 15_000 })
  await searchBox().pressSequentially('公积', { delay: 50 })
  const suggestion = visible(page.locator('.gm-svc-suggestion'))
  await suggestion.waitFor({ timeout: 15_000 })
  expect(await page.locator('.gm-svc-suggestion').filter({ visible: true }).count()).toBeLessThanOrEqual(8)
  await expect(visible(page.locator('.gm-svc-suggestion .gm-svc-hit')).innerText()).resolves.toBe('公积')
  await page.screenshot({ path: path.join(SCREENSHOTS, 'catalogue-suggestions.png'), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
  await searchBox().fill('驾驶证丢了')
  await searchBox().press('Enter')
  await visible(page.getByText('机动车驾驶证补领')).waitFor({ timeout: 15_000 })
  await page.screenshot({ path: path.join(SCREENSHOTS, 'catalogue-colloquial.png'), fullPage: true })
}, 60_000)

test('the search page keeps recent queries, and a query with no result offers feedback; both states pass axe', async () => {
  await page.goto(`${e2e.backend.baseUrl}/#/packages/services/pages/search/index`)
  await searchBox().waitFor({ timeout: 15_000 })
  await searchBox().fill('社保')
  await searchBox().press('Enter')
  await visible(page.locator('.gm-svc-item')).waitFor({ timeout: 15_000 })
  await searchBox().fill('qzxv火星签证')
  await searchBox().press('Enter')
  await visible(page.getByText(/^没有找到与“qzxv火星签证”(完全相符|有关)的事项，下面是/)).waitFor({ timeout: 15_000 })
  await visible(page.getByText('没找到我要办的', { exact: true })).waitFor()
  await visible(page.locator('.gm-svc-item')).waitFor()
  await page.screenshot({ path: path.join(SCREENSHOTS, 'catalogue-no-result.png'), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])

  // An emptied box shows the recent queries, most recent first, kept in this browser.
  await searchBox().fill('')
  await visible(page.getByText('最近搜索', { exact: true })).waitFor({ timeout: 15_000 })
  const recent = page.locator('.gm-svc-history .gm-chip').filter({ visible: true })
  expect(await recent.allInnerTexts()).toEqual(['qzxv火星签证', '社保'])
  expect(await page.evaluate(() => localStorage.getItem('catalogue.searchHistory'))).toContain('社保')
  expect(await seriousViolations(page)).toEqual([])

  // A recent query searches again with one tap.
  await visible(page.getByRole('button', { name: '搜索 qzxv火星签证' })).click()
  await visible(page.getByText('没找到我要办的', { exact: true })).click()
  await page.waitForURL(/feedback-new\/index\?kind=suggestion&searchQuery=/, { timeout: 15_000 })
  expect(decodeURIComponent(page.url())).toContain('searchQuery=qzxv火星签证')
}, 90_000)

test('browse by department: the chosen department’s items are listed', async () => {
  const facets = await api<ServiceFacets>('/api/services/facets')
  const department = facets.departments[0]
  const expected = await api<ServiceList>(`/api/services?department=${encodeURIComponent(department.key)}&limit=20`)
  await page.goto(`${e2e.backend.baseUrl}/#/pages/home/index`)
  await visible(page.getByText('办事服务', { exact: true })).click()
  await visible(page.getByRole('radio', { name: '按部门' })).click()
  await visible(page.getByRole('radio', { name: `${department.name}（${department.count}）` })).click()
  await visible(page.getByText(`共 ${department.count} 项`)).waitFor({ timeout: 15_000 })
  const rows = page.locator('.gm-svc-item').filter({ visible: true })
  await visible(rows.filter({ hasText: expected.items[0].name })).waitFor()
  expect(await rows.count()).toBe(expected.items.length)
  for (const text of await rows.allInnerTexts()) expect(text).toContain(department.name)
  await page.screenshot({ path: path.join(SCREENSHOTS, 'catalogue-department.png'), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
}, 60_000)

test('elderly mode: the guide is in large type with large targets and passes axe', async () => {
  const guide = await onlineIdCardItem()
  await page.addInitScript(() => localStorage.setItem('ui.elderlyMode', 'true'))
  await page.goto(`${e2e.backend.baseUrl}/#/packages/services/pages/guide/index?code=${guide.code}`)
  await page.waitForSelector('.gm-elderly')
  await expectGuide(guide)
  const body = await visible(page.getByText(guide.counter.address, { exact: true })).evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
  expect(body).toBeGreaterThanOrEqual(18)
  const apply = visible(page.getByText('在线办理', { exact: true }))
  expect((await apply.boundingBox())!.height).toBeGreaterThanOrEqual(60)
  // A FAQ answer opens on a tap.
  await visible(page.getByRole('button', { name: new RegExp(`^${escapeRegExp(guide.faq[0].question)}`) })).click()
  await visible(page.getByText(guide.faq[0].answer, { exact: true })).waitFor()
  await page.screenshot({ path: path.join(SCREENSHOTS, 'catalogue-guide-elderly.png'), fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
}, 60_000)
