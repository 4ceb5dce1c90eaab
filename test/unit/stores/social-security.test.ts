import type { ContributionRecord, ContributionsPage, InsuranceType, Overview, Proof } from '@/contract/social-security/schemas'
import { ApiError } from '@/platform/api-error'
import type { RequestOptions } from '@/platform/types'
import { CONTRIBUTIONS_PAGE_SIZE, socialSecurityStore } from '@/packages/social-security/social-security-store'
import { RootStore } from '@/stores/root-store'
import { formatYuan } from '@/utils/money'
import { fakePlatform } from './fake-platform'

const overview: Overview = {
  person: { cardNumber: 'A1*****50', insuredCity: '北京市', agency: '北京市东城区社会保险事业管理中心', status: 'active' },
  enrolments: [{ type: 'pension', status: 'active', startedOn: '2022-01-01', monthsPaid: 55, lastPaidMonth: '2026-10' }],
  balances: [{ account: 'pension', balanceCents: 12_345_678, computedOn: '2026-10-31' }],
  totalMonthsPaid: 55,
  lastPaidMonth: '2026-10',
  arrears: [
    { month: '2026-08', type: 'pension', employerName: '北京智联数据服务有限公司', personalCents: 311_200, employerCents: 622_400 },
    { month: '2026-08', type: 'medical', employerName: '北京智联数据服务有限公司', personalCents: 77_800, employerCents: 311_200 },
  ],
  recordRange: { from: '2022-01', to: '2026-10' },
}

const record = (month: string, type: InsuranceType = 'pension'): ContributionRecord => ({
  month,
  type,
  baseCents: 1_500_000,
  personalCents: 120_000,
  employerCents: 240_000,
  employerName: '北京华信科技有限公司',
  status: 'paid',
  paidOn: `${month}-15`,
})

/** A fake server of one citizen: `total` records a year (none in 2022), paged as asked. */
function server(options: { total?: number; failWith?: ApiError } = {}) {
  const total = options.total ?? 30
  return async (request: RequestOptions): Promise<unknown> => {
    if (options.failWith) throw options.failWith
    if (request.path === '/api/social-security/overview') return overview
    if (request.path === '/api/social-security/contributions') {
      const query = request.query as { year: number; type?: InsuranceType; page: number; pageSize: number }
      const count = query.year === 2022 ? 0 : total
      const start = (query.page - 1) * query.pageSize
      const items = Array.from({ length: Math.max(0, Math.min(query.pageSize, count - start)) }, (_, index) =>
        record(`${query.year}-${String(12 - ((start + index) % 12)).padStart(2, '0')}`, query.type),
      )
      const page: ContributionsPage = {
        year: query.year,
        ...(query.type ? { type: query.type } : {}),
        years: [2026, 2025, 2024, 2023, 2022],
        items,
        page: query.page,
        pageSize: query.pageSize,
        total: count,
        hasMore: start + items.length < count,
        totals: count ? [{ type: 'pension', personalCents: 1_440_000, employerCents: 2_880_000, monthsPaid: 12, monthsInArrears: 0 }] : [],
      }
      return page
    }
    if (request.path === '/api/social-security/proofs' && request.method === 'POST') {
      const body = request.body as { from: string; to: string }
      const proof: Proof = {
        code: 'ABCD-2345-EFGH',
        token: 'v1.x.y',
        verifyUrl: 'https://api.example/api/social-security/proofs/ABCD-2345-EFGH',
        issuedAt: '2026-11-22T00:00:00.000Z',
        expiresAt: '2027-02-20T00:00:00.000Z',
        content: { name: '张*', idNumber: '110***********1234', insuredCity: '北京市', agency: '北京市东城区社会保险事业管理中心', from: body.from, to: body.to, types: [] },
      }
      return proof
    }
    if (request.path === '/api/social-security/proofs') {
      return { items: [{ code: 'ABCD-2345-EFGH', from: '2025-11', to: '2026-10', issuedAt: '2026-11-22T00:00:00.000Z', expiresAt: '2027-02-20T00:00:00.000Z', expired: false }] }
    }
    throw new ApiError('NOT_FOUND')
  }
}

const contributionRequests = (requests: RequestOptions[]) => requests.filter((request) => request.path === '/api/social-security/contributions').map((request) => request.query)

describe('SocialSecurityStore', () => {
  test('the overview loads; arrears are grouped by month with the types and amounts owed', async () => {
    const { platform } = fakePlatform(server())
    const store = socialSecurityStore(new RootStore(platform))
    await store.loadOverview()
    expect(store.overview.status).toBe('ready')
    expect(store.overview.empty).toBe(false)
    expect(store.arrearsByMonth).toEqual([
      { month: '2026-08', types: ['pension', 'medical'], employerName: '北京智联数据服务有限公司', personalCents: 389_000, employerCents: 933_600 },
    ])
  })

  test('a citizen without a record is an empty overview, not an error', async () => {
    const { platform } = fakePlatform(async () => ({ ...overview, person: null, enrolments: [], balances: [], arrears: [], recordRange: null, lastPaidMonth: null, totalMonthsPaid: 0 }))
    const store = socialSecurityStore(new RootStore(platform))
    await store.loadOverview()
    expect(store.overview.empty).toBe(true)
  })

  test('a network failure is the offline state', async () => {
    const { platform } = fakePlatform(server({ failWith: new ApiError('NETWORK_ERROR') }))
    const store = socialSecurityStore(new RootStore(platform))
    await store.loadOverview()
    expect(store.overview.offline).toBe(true)
  })

  test('the list starts at the last year on record, one page at a time; switching year reloads page 1', async () => {
    const { platform, requests } = fakePlatform(server({ total: 30 }))
    const store = socialSecurityStore(new RootStore(platform))
    await store.loadOverview()
    await store.loadContributions()
    const ss = store
    expect(contributionRequests(requests)).toEqual([{ year: 2026, type: undefined, page: 1, pageSize: CONTRIBUTIONS_PAGE_SIZE }])
    expect(ss.contributions.data).toMatchObject({ year: 2026, page: 1, total: 30, hasMore: true })
    expect(ss.contributions.data?.items).toHaveLength(CONTRIBUTIONS_PAGE_SIZE)
    expect(ss.years).toEqual([2026, 2025, 2024, 2023, 2022])

    await ss.loadMore()
    expect(ss.contributions.data).toMatchObject({ page: 2, hasMore: false })
    expect(ss.contributions.data?.items).toHaveLength(30)
    await ss.loadMore()
    expect(contributionRequests(requests)).toHaveLength(2)

    await ss.selectYear(2024)
    expect(contributionRequests(requests).at(-1)).toEqual({ year: 2024, type: undefined, page: 1, pageSize: CONTRIBUTIONS_PAGE_SIZE })
    expect(ss.contributions.data).toMatchObject({ year: 2024, page: 1 })
    expect(ss.contributions.data?.items.every((item) => item.month.startsWith('2024-'))).toBe(true)
  })

  test('a year without records is empty; the type filter is sent and kept across years', async () => {
    const { platform, requests } = fakePlatform(server())
    const ss = socialSecurityStore(new RootStore(platform))
    await ss.selectType('medical')
    await ss.selectYear(2022)
    expect(ss.contributions.empty).toBe(true)
    expect(contributionRequests(requests).at(-1)).toMatchObject({ year: 2022, type: 'medical', page: 1 })
    await ss.selectType(undefined)
    expect(contributionRequests(requests).at(-1)).toMatchObject({ year: 2022, type: undefined })
  })

  test('a page arriving after the year was switched is dropped', async () => {
    let release: (() => void) | undefined
    const respond = server({ total: 30 })
    const { platform } = fakePlatform(async (request) => {
      const query = request.query as { page?: number } | undefined
      if (query?.page === 2) await new Promise<void>((resolve) => (release = resolve))
      return respond(request)
    })
    const ss = socialSecurityStore(new RootStore(platform))
    await ss.selectYear(2025)
    const more = ss.loadMore()
    await ss.selectYear(2024)
    release?.()
    await more
    expect(ss.contributions.data).toMatchObject({ year: 2024, page: 1 })
    expect(ss.contributions.data?.items).toHaveLength(CONTRIBUTIONS_PAGE_SIZE)
  })

  test('a failed next page keeps the rows shown and says why', async () => {
    let fail = false
    const respond = server({ total: 30 })
    const { platform } = fakePlatform(async (request) => {
      if (fail) throw new ApiError('TIMEOUT')
      return respond(request)
    })
    const store = socialSecurityStore(new RootStore(platform))
    await store.selectYear(2025)
    fail = true
    await store.loadMore()
    expect(store.moreError?.code).toBe('TIMEOUT')
    expect(store.contributions.data?.items).toHaveLength(CONTRIBUTIONS_PAGE_SIZE)
    expect(store.loadingMore).toBe(false)
  })

  test('proof periods: presets and steps stay inside the record; issuing sends the period and lists the proof', async () => {
    const { platform, requests } = fakePlatform(server())
    const ss = socialSecurityStore(new RootStore(platform))
    expect(ss.periodProblem).toBe('请先选择证明的时间段')
    await ss.loadOverview()
    ss.choosePreset(12)
    expect(ss.period).toEqual({ from: '2025-11', to: '2026-10' })
    ss.choosePreset('all')
    expect(ss.period).toEqual({ from: '2022-01', to: '2026-10' })
    ss.shiftPeriod('from', -1)
    ss.shiftPeriod('to', 1)
    expect(ss.period).toEqual({ from: '2022-01', to: '2026-10' })
    ss.choosePreset(6)
    ss.shiftPeriod('to', -6)
    expect(ss.period).toEqual({ from: '2026-05', to: '2026-04' })
    expect(ss.periodProblem).toBe('截止月份不能早于起始月份')
    await ss.issueProof()
    expect(requests.some((request) => request.method === 'POST')).toBe(false)

    ss.shiftPeriod('to', 6)
    await ss.issueProof()
    expect(requests.find((request) => request.method === 'POST')).toMatchObject({ path: '/api/social-security/proofs', body: { from: '2026-05', to: '2026-10' } })
    expect(ss.issued?.code).toBe('ABCD-2345-EFGH')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(ss.proofs.data?.[0]?.code).toBe('ABCD-2345-EFGH')
  })

  test("the server's refusal of a period is kept with its field", async () => {
    const respond = server()
    const { platform } = fakePlatform(async (request) => {
      if (request.method === 'POST') throw new ApiError('VALIDATION_FAILED', { status: 400, field: 'body.from', message: '起始月份早于您最早的缴费记录（2022年1月），请重新选择' })
      return respond(request)
    })
    const store = socialSecurityStore(new RootStore(platform))
    await store.loadOverview()
    store.choosePreset(12)
    await store.issueProof()
    expect(store.issueError).toMatchObject({ field: 'body.from', message: expect.stringContaining('2022年1月') })
    expect(store.issuing).toBe(false)
    expect(store.issued).toBeUndefined()
  })

  test('logout forgets the records, the period and the proof', async () => {
    const { platform } = fakePlatform(server())
    const root = new RootStore(platform)
    const ss = socialSecurityStore(root)
    await ss.loadOverview()
    await ss.selectYear(2025)
    ss.choosePreset(12)
    await ss.issueProof()
    await root.logout()
    expect(ss.overview.data).toBeUndefined()
    expect(ss.contributions.data).toBeUndefined()
    expect(ss.proofs.data).toBeUndefined()
    expect(ss.issued).toBeUndefined()
    expect(ss.period).toBeUndefined()
    expect(ss.year).toBeUndefined()
  })
})

describe('money', () => {
  test('cents are formatted with grouping and two decimals, never through floats', () => {
    expect(formatYuan(0)).toBe('0.00')
    expect(formatYuan(5)).toBe('0.05')
    expect(formatYuan(282_264)).toBe('2,822.64')
    expect(formatYuan(12_345_678)).toBe('123,456.78')
    expect(formatYuan(-150)).toBe('-1.50')
  })
})
