/**
 * 办事服务 in the compiled weapp and alipay bundles, booted headless against the real server
 * with the demo catalogue: the home search box opens the search page; searching 身份证 lists
 * matching items with the match highlighted and keeps the query on the device; a nonsense
 * query says plainly that nothing was found and offers feedback with the query; the 办事指南
 * shows the materials (e-certificate ones marked), the time limit and 在线办理 (or how to do
 * it at the counter); browsing by department lists that department's items. No setData
 * payload is over 64 KB.
 */
import type { SearchResult, ServiceGuide, ServiceList } from '@/contract/services/schemas'
import { FROM_CERTIFICATE_LABEL } from '@/contract/services/data'
import { HISTORY_KEY } from '@/packages/services/catalogue-store'
import { startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp, type MiniApp, type MiniPage } from '../support/mini-harness'

let backend: BundleBackend
beforeAll(async () => {
  backend = await startBundleBackend()
}, 30_000)
afterAll(() => backend.close())

const SEARCH = 'packages/services/pages/search/index'
const CATALOGUE = 'packages/services/pages/catalogue/index'
const GUIDE = 'packages/services/pages/guide/index'
const SETDATA_BUDGET = 64 * 1024

interface Node {
  v?: string
  cn?: Node[]
  [key: string]: unknown
}
const textUnder = (node: Node): string => (typeof node.v === 'string' ? node.v : '') + (node.cn ?? []).map(textUnder).join('')
const byClass = (page: MiniPage, className: string) => page.find((node) => node.cl === className)
/** The item names listed (a highlighted name is several texts: join them). */
const listedNames = (page: MiniPage) => byClass(page, 'gm-svc-item__name').map(textUnder)
const lastNavigation = (app: MiniApp) => (app.callsOf('navigateTo').at(-1)?.args[0] as { url: string } | undefined)?.url
const largestSetData = (page: MiniPage) => Math.max(...page.setDataCalls.map((call) => call.bytes))

async function api<T>(url: string): Promise<T> {
  const response = await backend.app.inject({ url })
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`)
  return response.json() as T
}

/** Types into the search box as the citizen would (input events), then presses 搜索 on the keyboard. */
async function search(page: MiniPage, text: string, confirm = true) {
  const input = page.find((node) => page.attr(node, 'aria-label') === '搜索办事服务')[0]
  if (!input?.sid) throw new Error(`no search box; texts: ${page.texts().join(' | ')}`)
  await page.fire(String(input.sid), 'input', { value: text })
  if (confirm) await page.fire(String(input.sid), 'confirm', { value: text })
}

/** A published 全程网办 item whose guide has at least one material from e-certificates, found through the API. */
async function onlineGuideWithCertificate(): Promise<ServiceGuide> {
  const list = await api<ServiceList>('/api/services?onlineLevel=full_online&limit=50')
  for (const item of list.items) {
    const guide = await api<ServiceGuide>(`/api/services/${item.code}`)
    if (guide.canApplyOnline && guide.materials.some((material) => material.fromCertificate) && guide.faq.length > 0) return guide
  }
  throw new Error('the demo catalogue has no 全程网办 item with an e-certificate material')
}

describe.each(['weapp', 'alipay'] as const)('%s catalogue', (platform) => {
  test('the home page has a search box that opens the search page, and a 办事服务 tile that opens the catalogue', async () => {
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const home = await app.openPage('pages/home/index')
    const entry = home.find((node) => node.cl === 'gm-search-entry')[0]
    expect(home.attr(entry, 'aria-role')).toBe('button')
    expect(home.find((node) => node.cl === 'gm-search-entry__icon').map((icon) => home.attr(icon, 'aria-hidden'))).toEqual(['true'])
    await home.tap('搜索办事服务，如：身份证、社保')
    expect(lastNavigation(app)).toBe(`/${SEARCH}`)
    expect(home.texts()).toContain('办事服务')
    await home.tap('办')
    expect(lastNavigation(app)).toBe(`/${CATALOGUE}`)
  })

  test('searching 身份证 lists matching items with the match highlighted; the query is kept on the device and can be cleared', async () => {
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const page = await app.openPage(SEARCH)
    expect(page.text()).toContain('例如：身份证')
    await search(page, '身份证')
    const expected = await api<SearchResult>(`/api/services/search?q=${encodeURIComponent('身份证')}`)
    const names = listedNames(page)
    expect(names.some((name) => name.includes('身份证'))).toBe(true)
    expect(names).toEqual(expected.items.map((item) => item.name))
    expect(page.texts()).toContain(expected.total > expected.items.length ? `找到 ${expected.total} 项，显示最相关的 ${expected.items.length} 项` : `找到 ${expected.total} 项`)
    // The matched words are marked (bold + underline, not colour alone).
    expect(byClass(page, 'gm-svc-hit').map(textUnder)).toContain('身份证')
    // Each result is one button opening its guide.
    const first = byClass(page, 'gm-svc-item')[0]
    expect(page.attr(first, 'aria-role')).toBe('button')
    await page.tap(expected.items[0].department)
    expect(lastNavigation(app)).toBe(`/${GUIDE}?code=${expected.items[0].code}`)
    // The request named the query and where it was made (for the demand report).
    const searched = app.requests.filter((request) => request.url.includes('/api/services/search'))
    expect(searched.at(-1)!.url).toContain(`q=${encodeURIComponent('身份证')}`)
    expect(searched.at(-1)!.url).toContain(`platform=${platform}`)
    expect(app.storage.get(HISTORY_KEY)).toEqual(['身份证'])
    expect(largestSetData(page)).toBeLessThan(SETDATA_BUDGET)
    await page.unload()

    // Next visit: the history is offered; a tap searches again; 清空 removes it from the device.
    const again = await app.openPage(SEARCH)
    expect(again.texts()).toEqual(expect.arrayContaining(['最近搜索', '身份证', '清空']))
    await again.tap('身份证')
    expect(listedNames(again).some((name) => name.includes('身份证'))).toBe(true)
    await search(again, '')
    expect(again.texts()).toContain('最近搜索')
    await again.tap('清空')
    expect(again.texts()).not.toContain('最近搜索')
    expect(app.storage.has(HISTORY_KEY)).toBe(false)
    await again.unload()
  })

  test('a nonsense query says plainly that nothing matched, shows what comes closest, and offers 没找到我要办的 with the query', async () => {
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const page = await app.openPage(SEARCH)
    await search(page, 'qzxv火星签证')
    const expected = await api<{ relaxed: string; items: { name: string }[] }>(`/api/services/search?q=${encodeURIComponent('qzxv火星签证')}&limit=20`)
    expect(expected.relaxed).not.toBe('none')
    const sentence = expected.relaxed === 'similar' ? '没有找到与“qzxv火星签证”完全相符的事项，下面是可能相关的事项。' : '没有找到与“qzxv火星签证”有关的事项，下面是大家常办的事项。'
    expect(page.texts()).toEqual(expect.arrayContaining([sentence, '没找到我要办的', '按分类查找事项']))
    // Never a bare zero: the closest (or most used) services are listed below the sentence.
    expect(listedNames(page)).toEqual(expected.items.map((item) => item.name))
    await page.tap('没找到我要办的')
    expect(lastNavigation(app)).toBe(`/packages/applications/pages/feedback-new/index?kind=suggestion&searchQuery=${encodeURIComponent('qzxv火星签证')}`)
    await page.tap('按分类查找事项')
    expect(lastNavigation(app)).toBe(`/${CATALOGUE}`)
    await page.unload()
  })

  test('the 办事指南 shows the time limit, every material (e-certificate ones marked), where to go, FAQ collapsed, and 在线办理', async () => {
    const guide = await onlineGuideWithCertificate()
    // Alipay's API for the bar title is my.setNavigationBar (Taro maps setNavigationBarTitle onto it).
    const titleApi = platform === 'alipay' ? { setNavigationBar: (options: { success?: (r: unknown) => void }) => setTimeout(() => options.success?.({}), 0) } : undefined
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, api: titleApi })
    const page = await app.openPage(GUIDE, { code: guide.code })
    const texts = page.texts()
    expect(texts).toEqual(expect.arrayContaining([guide.name, guide.onlineLevelName, '承诺时限', guide.timeLimitText, '收费', guide.fees, '办理条件', `申请材料（${guide.materials.length} 项）`]))
    expect(guide.timeLimitText).toMatch(/^(即办|\d+个工作日)$/)
    guide.materials.forEach((material, index) => expect(texts).toContain(`${index + 1}. ${material.name}`))
    const marked = guide.materials.filter((material) => material.fromCertificate).length
    expect(texts.filter((text) => text === FROM_CERTIFICATE_LABEL)).toHaveLength(marked)
    expect(texts).toEqual(expect.arrayContaining(['办理地点', guide.counter.address, '办理时间', guide.counter.hours, '设定依据', guide.legalBasis, '常见问题']))
    // FAQ collapsed: questions shown, answers only on a tap.
    expect(texts).toContain(guide.faq[0].question)
    expect(texts).not.toContain(guide.faq[0].answer)
    await page.tap(guide.faq[0].question)
    expect(page.texts()).toContain(guide.faq[0].answer)
    // The bar names the item.
    expect(app.callsOf(platform === 'weapp' ? 'setNavigationBarTitle' : 'setNavigationBar').at(-1)!.args[0]).toMatchObject({ title: guide.name })
    await page.tap('在线办理')
    expect(lastNavigation(app)).toBe(`/packages/applications/pages/apply/index?code=${guide.code}`)
    expect(largestSetData(page)).toBeLessThan(SETDATA_BUDGET)
    await page.unload()
  })

  test('a guide that is not 全程网办 says how to do it at the counter instead of offering 在线办理', async () => {
    const counter = (await api<ServiceList>('/api/services?onlineLevel=info&limit=1')).items[0] ?? (await api<ServiceList>('/api/services?onlineLevel=appointment&limit=1')).items[0]
    expect(counter).toBeDefined()
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const page = await app.openPage(GUIDE, { code: counter.code })
    expect(page.texts()).toEqual(expect.arrayContaining([counter.name, '如何办理', counter.onlineLevelName]))
    expect(page.text()).toMatch(/窗口办理/)
    expect(page.texts()).not.toContain('在线办理')
    await page.unload()
  })

  test('an unknown item code says so in the server’s words and offers other ways to find an item, not a useless retry', async () => {
    const answer = await backend.app.inject({ url: '/api/services/NO_SUCH_ITEM_0000' })
    expect(answer.statusCode).toBe(404)
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const page = await app.openPage(GUIDE, { code: 'NO_SUCH_ITEM_0000' })
    expect(page.texts()).toEqual(expect.arrayContaining(['没有找到这个事项', (answer.json() as { error: { message: string } }).error.message, '搜索其他事项', '按分类查找事项']))
    expect(page.texts()).not.toContain('重试')
    await page.tap('搜索其他事项')
    expect((app.callsOf('redirectTo').at(-1)!.args[0] as { url: string }).url).toBe(`/${SEARCH}`)
    await page.unload()
  })

  test('browsing by department lists that department’s items, a page at a time', async () => {
    const facets = await api<{ total: number; departments: { key: string; name: string; count: number }[] }>('/api/services/facets')
    const department = facets.departments[0]
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const page = await app.openPage(CATALOGUE)
    expect(page.texts()).toEqual(expect.arrayContaining(['按分类', '按人生事件', '按部门', `全部（${facets.total}）`, '全部事项', `共 ${facets.total} 项`]))
    expect(page.texts()).toContain(`加载更多（已显示 20/${facets.total} 项）`)
    await page.tap('按部门')
    await page.tap(`${department.name}（${department.count}）`)
    const expected = await api<ServiceList>(`/api/services?department=${encodeURIComponent(department.key)}&limit=20`)
    expect(page.texts()).toEqual(expect.arrayContaining([department.name, `共 ${department.count} 项`]))
    expect(listedNames(page)).toEqual(expected.items.map((item) => item.name))
    // Every listed item is that department's.
    expect(byClass(page, 'gm-svc-item').every((node) => textUnder(node).includes(department.name))).toBe(true)
    await page.tap(expected.items[0].name)
    expect(lastNavigation(app)).toBe(`/${GUIDE}?code=${expected.items[0].code}`)

    // All items: the next page is appended.
    await page.tap('按分类')
    await page.tap('加载更多（已显示 20/' + facets.total + ' 项）')
    expect(listedNames(page).length).toBe(Math.min(40, facets.total))
    expect(largestSetData(page)).toBeLessThan(SETDATA_BUDGET)
    await page.unload()
  })
})
