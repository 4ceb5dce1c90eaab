/**
 * 社保查询 in the compiled weapp and alipay bundles, booted headless against the real
 * server: the overview shows the balances and the last paid month, the year switcher
 * changes the list, further pages arrive as small updates, and the home grid opens it.
 */
import type { FastifyInstance } from 'fastify'
import { monthWords } from '@/contract/months'
import type { ContributionsPage, Overview } from '@/contract/social-security/schemas'
import { yuanWords } from '@/utils/money'
import { startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp } from '../support/mini-harness'
import { sessionFor } from '../support/sessions'

let backend: BundleBackend
beforeAll(async () => {
  backend = await startBundleBackend()
}, 30_000)
afterAll(() => backend.close())

const OVERVIEW = 'packages/social-security/pages/overview/index'
const CONTRIBUTIONS = 'packages/social-security/pages/contributions/index'

/** A proven (level 4) session of a demo citizen: sandbox login (AUTH_SANDBOX=1 in the bundle backend), real-name, face. */
async function provenSessionToken(app: FastifyInstance, key: string): Promise<string> {
  return sessionFor(app, key, 4)
}

async function api<T>(token: string, url: string): Promise<T> {
  return (await backend.app.inject({ url, headers: { authorization: `Bearer ${token}` } })).json() as T
}

describe.each(['weapp', 'alipay'] as const)('%s social security', (platform) => {
  test('the overview shows the balances, the last paid month and the arrears in words', async () => {
    const token = await provenSessionToken(backend.app, 'zhang-wei')
    const expected = await api<Overview>(token, '/api/social-security/overview')
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    const page = await app.openPage(OVERVIEW)
    const texts = page.texts()
    expect(expected.balances).toHaveLength(2)
    for (const balance of expected.balances) expect(texts).toContain(yuanWords(balance.balanceCents))
    expect(texts).toEqual(expect.arrayContaining(['养老保险个人账户', '医保个人账户', '最近缴费月份', monthWords(expected.lastPaidMonth!), '截至 2026年10月31日']))
    expect(texts).toContain('您有 1 个月存在欠缴')
    expect(page.text()).toContain('2026年8月：全部五个险种未缴，单位北京智联数据服务有限公司')
    expect(texts).toEqual(expect.arrayContaining(['养老保险', '参保中', '缴费明细', '开具缴费证明']))
    expect(app.requests.map((request) => request.url)).toContain('https://api.test.gov-mini.local/api/social-security/overview')

    await page.tap('缴费明细')
    expect((app.callsOf('navigateTo').at(-1)!.args[0] as { url: string }).url).toBe(`/${CONTRIBUTIONS}`)
  })

  test('switching year changes the list; more rows arrive as small updates', async () => {
    const token = await provenSessionToken(backend.app, 'zhang-wei')
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    const page = await app.openPage(CONTRIBUTIONS)
    expect(page.texts()).toEqual(expect.arrayContaining(['2026年', '2022年', '2026年合计', '2026年10月', '全部险种']))
    expect(page.texts()).not.toContain('2024年12月')
    const first = await api<ContributionsPage>(token, '/api/social-security/contributions?year=2026&pageSize=15')
    expect(page.texts()).toContain(`2026年缴费明细（共 ${first.total} 条）`)

    const before = page.setDataCalls.length
    await page.tap('2024年')
    expect(app.requests.at(-1)!.url).toContain('year=2024')
    expect(page.texts()).toEqual(expect.arrayContaining(['2024年合计', '2024年12月']))
    expect(page.text()).toContain('北京智联数据服务有限公司')
    expect(page.texts()).not.toContain('2026年10月')
    const year2024 = await api<ContributionsPage>(token, '/api/social-security/contributions?year=2024&pageSize=60')
    // Personal pension total of 2024 as the API computes it, shown formatted.
    const pension = year2024.totals.find((total) => total.type === 'pension')!
    expect(page.text()).toContain(`个人 ${yuanWords(pension.personalCents).replace('元', '')}元`)
    // The year radios say which is chosen.
    const radios = page.find((node) => typeof node.cl === 'string' && node.cl.startsWith('gm-chip') && page.attr(node, 'aria-role') === 'radio')
    const checked = radios.filter((node) => page.attr(node, 'aria-checked') === 'true').map((node) => page.attr(node, 'aria-label'))
    expect(checked).toEqual(['2024年', '全部险种'])

    const shown = () => page.texts().filter((text) => /^\d{4}年\d{1,2}月$/.test(text)).length
    const monthsBefore = shown()
    const loadMore = page.texts().find((text) => text.startsWith('加载更多'))!
    const updatesBefore = page.setDataCalls.length
    await page.tap(loadMore)
    expect(shown()).toBeGreaterThan(monthsBefore)
    // Each update after the first render carries only what changed: a page of rows, not the list.
    const updates = page.setDataCalls.slice(updatesBefore)
    expect(updates.length).toBeGreaterThan(0)
    for (const update of updates) expect(update.bytes).toBeLessThan(24 * 1024)
    expect(page.setDataCalls.slice(before).every((call) => call.bytes < 48 * 1024)).toBe(true)
  })

  test('a year without records says so and keeps the year switcher', async () => {
    const token = await provenSessionToken(backend.app, 'wang-xiaoming')
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    const page = await app.openPage(CONTRIBUTIONS)
    await page.tap('2022年')
    expect(page.text()).toContain('2022年没有缴费记录，请选择其他年份。')
    await page.tap('2023年')
    // Records start in July; the newest months come first.
    expect(page.texts()).toEqual(expect.arrayContaining(['2023年合计', '2023年12月']))
    expect(page.text()).toContain('深圳前海云帆网络科技有限公司')
    expect(page.text()).not.toContain('没有缴费记录')
  })

  test('the home grid offers 社保查询 and opens its subpackage', async () => {
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest })
    const home = await app.openPage('pages/home/index')
    expect(home.texts()).toContain('社保查询')
    await home.tap('保')
    expect((app.callsOf('navigateTo').at(-1)!.args[0] as { url: string }).url).toBe(`/${OVERVIEW}`)
  })

  test('without real-name verification the overview offers the step, not an error', async () => {
    const login = await backend.app.inject({ method: 'POST', url: '/api/auth/login', payload: { platform: 'h5dev', code: 'sandbox:li-na' } })
    const token = (login.json() as { token: string }).token
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': token } })
    const page = await app.openPage(OVERVIEW)
    expect(page.texts()).toEqual(expect.arrayContaining(['需要实名认证', '去认证']))
  })
})
