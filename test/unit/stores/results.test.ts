import type { IssuedResult } from '@/contract/results/schemas'
import { ApiError } from '@/platform/api-error'
import type { RequestOptions } from '@/platform/types'
import { resultsStore } from '@/packages/results/results-store'
import { resultSummary } from '@/packages/results/words'
import { RootStore } from '@/stores/root-store'
import { fakePlatform } from './fake-platform'

const proof: IssuedResult = {
  id: '5b0c8f1e-2d7a-4c3e-9a1b-0c2d3e4f5a6b',
  applicationId: 'app-1',
  itemCode: 'SF-GA-0005',
  itemName: '户籍证明开具',
  department: '市公安局',
  kind: 'proof',
  title: '户籍证明',
  issuedAt: '2026-11-23T01:00:00.000Z',
  proof: { code: 'AB12-CD34-EF56', verifyUrl: 'https://gov.example.cn/verify/AB12-CD34-EF56', expiresAt: '2027-02-21T01:00:00.000Z', status: 'valid', holderName: '张*', holderIdNumber: '110***********1234', statement: '兹证明张*…' },
}
const physical: IssuedResult = { ...proof, id: 'p-1', kind: 'physical', title: '居民身份证', proof: undefined, physical: { methods: ['ems', 'counter'], delivery: null, counterAddress: '市民中心一楼' } }

test('the PDF: a fresh signed link, handed to the platform to download and open', async () => {
  const { platform, requests } = fakePlatform(async (request: RequestOptions) => {
    if (request.path === `/api/applications/app-1/result`) return { result: proof }
    if (request.path === `/api/results/${proof.id}/download-link`) return { path: '/api/results/x/pdf?e=1&s=abc', expiresAt: '', fileName: '户籍证明.pdf' }
    throw new ApiError('NOT_FOUND')
  })
  const opened: string[] = []
  platform.openDocument = async (url) => void opened.push(url)
  const store = resultsStore(new RootStore(platform))
  await store.load({ applicationId: 'app-1' })
  expect(store.current.data).toEqual(proof)
  await store.openPdf()
  expect(requests.map((request) => `${request.method ?? 'GET'} ${request.path}`)).toContain(`POST /api/results/${proof.id}/download-link`)
  // Under the API the app talks to (apiBase: '' on H5, the configured origin on the mini programs).
  expect(opened).toEqual(['/api/results/x/pdf?e=1&s=abc'])
  expect(store.opened).toBe(true)
  expect(resultSummary(proof)).toMatch(/^有效 · 有效期至/)
})

test('a failed download is said on the page, not swallowed', async () => {
  const { platform } = fakePlatform(async (request: RequestOptions) => {
    if (request.path === `/api/results/${proof.id}`) return proof
    return { path: '/api/results/x/pdf', expiresAt: '', fileName: 'x.pdf' }
  })
  platform.openDocument = async () => {
    throw new ApiError('NETWORK_ERROR', { status: 0, message: '文件下载失败，请稍后重试' })
  }
  const store = resultsStore(new RootStore(platform))
  await store.load({ id: proof.id })
  await store.openPdf()
  expect(store.downloadError?.message).toBe('文件下载失败，请稍后重试')
  expect(store.opened).toBe(false)
})

test('EMS: the typed details are sent trimmed and the masked answer replaces the result', async () => {
  const sent: unknown[] = []
  const { platform } = fakePlatform(async (request: RequestOptions) => {
    if (request.path === `/api/results/${physical.id}`) return physical
    sent.push(request.body)
    return { ...physical, physical: { ...physical.physical!, delivery: { method: 'ems', recipient: '张*', phone: '138****5678', address: '示范市中山区****', trackingNumber: null, chosenAt: '2026-11-23T02:00:00.000Z' } } }
  })
  const store = resultsStore(new RootStore(platform))
  await store.load({ id: physical.id })
  expect(resultSummary(store.current.data!)).toBe('请选择领取方式')
  store.updateEms({ recipient: ' 张伟 ', phone: '13812345678', address: ' 示范市中山区人民路100号 ' })
  await store.chooseDelivery('ems')
  expect(sent).toEqual([{ method: 'ems', recipient: '张伟', phone: '13812345678', address: '示范市中山区人民路100号' }])
  expect(store.current.data?.physical?.delivery?.phone).toBe('138****5678')
  expect(resultSummary(store.current.data!)).toBe('已选择邮寄，等待寄出')
  expect(store.ems).toEqual({ recipient: '', phone: '', address: '' })
})
