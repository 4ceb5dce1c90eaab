/**
 * 办事公开 in words: published figures as the citizen reads them, hidden ones replaced by the
 * sentence saying why; the store loads a service's figures and the ranking from the public API.
 */
import type { PerformanceFigures } from '@/contract/performance/schemas'
import { figureLines, hiddenSentences } from '@/packages/services/performance-words'
import { PerformanceStore } from '@/packages/services/performance-store'
import { createApiClient } from '@/api/api-client'
import { fakePlatform } from './fake-platform'

const FULL: PerformanceFigures = { finished: 40, medianWorkingDays: 3.5, p90WorkingDays: 7, withinLimitRate: 0.925, started: 30, completionRate: 0.8, digitalTakeUp: 0.75, ratings: 20, satisfiedRate: 0.85 }

test('published figures in words, against the promised limit', () => {
  expect(figureLines(FULL, 5)).toEqual([
    { label: '一般多久办完', value: '3.5 个工作日（承诺 5 个工作日）' },
    { label: '九成在此之内', value: '7 个工作日' },
    { label: '按时办结', value: '92.5%' },
    { label: '开始填写后提交了申请', value: '80%' },
    { label: '不用去窗口就办完', value: '75%' },
    { label: '满意及以上', value: '85%（20 人评价）' },
  ])
  expect(figureLines({ ...FULL, medianWorkingDays: 0 }, 0)[0]).toEqual({ label: '一般多久办完', value: '当天（承诺 即办）' })
  expect(hiddenSentences(FULL)).toEqual([])
})

test('hidden figures are left out and each small sample says so', () => {
  const few: PerformanceFigures = { finished: 3, medianWorkingDays: null, p90WorkingDays: null, withinLimitRate: null, started: 12, completionRate: 0.75, digitalTakeUp: null, ratings: 0, satisfiedRate: null }
  expect(figureLines(few)).toEqual([{ label: '开始填写后提交了申请', value: '75%' }])
  expect(hiddenSentences(few)).toEqual(['近90天办结只有 3 件，少于 10 件，数据太少，暂不公布。', '近90天评价只有 0 条，少于 10 条，数据太少，暂不公布。'])
  const none: PerformanceFigures = { ...few, started: 2, completionRate: null }
  expect(hiddenSentences(none)).toEqual(['近90天办结 3 件、网上申请 2 件、评价 0 条，都少于 10，数据太少，暂不公布。'])
})

test('the store asks the public API for a service and for the ranking', async () => {
  const { platform, requests } = fakePlatform(async (options) => (options.path.endsWith('/performance') ? { code: 'A-1', figures: FULL } : { departments: [] }))
  const store = new PerformanceStore(createApiClient(platform, { token: () => undefined, renew: async () => false }))
  await store.loadService('A 1')
  expect(requests[0]!.path).toBe('/api/services/A%201/performance')
  expect(store.service('A 1').data).toMatchObject({ code: 'A-1' })
  await store.loadRanking()
  expect(requests[1]!.path).toBe('/api/performance/departments')
  expect(store.ranking.empty).toBe(true)
})
