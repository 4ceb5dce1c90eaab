/**
 * 办事公开 in the compiled bundles (weapp and alipay): the 办事指南 carries the block with what
 * the public API answers (here: the demo data has too few cases, so the sentence saying so),
 * and the department ranking page lists the departments in the API's order.
 */
import type { DepartmentRanking, ServicePerformance } from '@/contract/performance/schemas'
import { departmentTitle, hiddenSentences } from '@/packages/services/performance-words'
import { startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp } from '../support/mini-harness'

let backend: BundleBackend
beforeAll(async () => {
  backend = await startBundleBackend()
}, 30_000)
afterAll(() => backend.close())

const GUIDE = 'packages/services/pages/guide/index'
const DEPARTMENTS = 'packages/services/pages/departments/index'

async function api<T>(url: string): Promise<T> {
  const response = await backend.app.inject({ url })
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`)
  return response.json() as T
}

describe.each(['weapp', 'alipay'] as const)('%s 办事公开', (platform) => {
  test('the guide shows the block with the API\'s answer; its link opens the ranking, which lists departments in order', async () => {
    const list = await api<{ items: { code: string }[] }>('/api/services?limit=1')
    const code = list.items[0]!.code
    const performance = await api<ServicePerformance>(`/api/services/${code}/performance`)
    const titleApi = platform === 'alipay' ? { setNavigationBar: (options: { success?: (r: unknown) => void }) => setTimeout(() => options.success?.({}), 0) } : undefined
    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, api: titleApi })
    const guide = await app.openPage(GUIDE, { code })
    expect(app.requests.some((request) => request.url.endsWith(`/api/services/${code}/performance`))).toBe(true)
    expect(guide.texts()).toEqual(expect.arrayContaining(['办事公开（近90天）', `近90天办结 ${performance.figures.finished} 件`, ...hiddenSentences(performance.figures), '查看各部门办理情况排名']))
    await guide.tap('查看各部门办理情况排名')
    const navigation = app.callsOf('navigateTo').at(-1)?.args[0] as { url: string }
    expect(navigation.url).toBe(`/${DEPARTMENTS}`)

    const ranking = await api<DepartmentRanking>('/api/performance/departments')
    const page = await app.openPage(DEPARTMENTS)
    const names = page.texts().filter((text) => /^(第 \d+ 名|未排名) · /.test(text))
    expect(names).toEqual(ranking.departments.map(departmentTitle))
    await page.unload()
  })
})
