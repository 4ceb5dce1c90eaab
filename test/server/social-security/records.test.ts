import { monthRange } from '../../../src/contract/months'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, liNa, startIdentityApp, wangXiaoming, zhangWei, zhaoLihua } from '../../support/identity'
import { demoCitizens } from '../../../server/seed-data/demo-citizens'
import { citizenSession, expectedTotals, seededRows, type SeededRow } from '../../support/social-security'

/**
 * Overview and contribution records through the API, checked against the seeded rows read
 * straight from the database and summed here, not by the server's queries.
 */
describe.each(dialects())('social-security records on $name', (dialect) => {
  const { app: identity, testDb } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, { env: { RATE_LIMIT_SOCIAL_PROOF: '1000/1m' } }))
  let zhang: string
  let li: string

  beforeAll(async () => {
    zhang = await citizenSession(identity, 'wx-ss-zhang', zhangWei)
    li = await citizenSession(identity, 'wx-ss-li', liNa)
  })

  const get = (path: string, token?: string) => identity.request(path, { token })
  const contributions = (token: string, query: string) => get(`/api/social-security/contributions?${query}`, token)
  const rowsOf = (citizen: { idNumber: string }) => seededRows(identity.db, testDb.config, citizen.idNumber)
  const inYear = (rows: SeededRow[], year: number) => rows.filter((row) => row.month.startsWith(`${year}-`))

  test('yearly totals per type equal the sums of the seeded rows, across the change of employer and the gap', async () => {
    const rows = await rowsOf(zhangWei)
    for (const year of [2022, 2023, 2024, 2025, 2026]) {
      const response = await contributions(zhang, `year=${year}&pageSize=60`)
      expect(response.status).toBe(200)
      expect({ year, totals: response.body.totals }).toEqual({ year, totals: expectedTotals(inYear(rows, year)) })
    }
    // 2024: two employers and two months without any record between them.
    const year2024 = inYear(rows, 2024)
    expect(new Set(year2024.map((row) => row.employerName)).size).toBe(2)
    const months2024 = new Set(year2024.map((row) => row.month))
    expect(months2024.has('2024-04') || months2024.has('2024-05')).toBe(false)
    const totals2024 = (await contributions(zhang, 'year=2024')).body.totals
    expect(totals2024.find((total: { type: string }) => total.type === 'pension')).toMatchObject({ monthsPaid: 10, monthsInArrears: 0 })
  })

  test('amounts follow the rates: pension 8% / 16% of the base, capped at the city ceiling', async () => {
    const rows = await rowsOf(zhangWei)
    const at = (month: string, type: string) => rows.find((row) => row.month === month && row.type === type)!
    // 2022 wage 15,000 yuan, inside Beijing's limits.
    expect(at('2022-01', 'pension')).toMatchObject({ baseCents: 1_500_000, personalCents: 120_000, employerCents: 240_000, employerName: '北京华信科技有限公司' })
    expect(at('2022-01', 'medical')).toMatchObject({ personalCents: 30_000, employerCents: 120_000 })
    expect(at('2022-01', 'unemployment')).toMatchObject({ personalCents: 7_500, employerCents: 7_500 })
    expect(at('2022-01', 'work_injury')).toMatchObject({ personalCents: 0, employerCents: 6_000 })
    expect(at('2022-01', 'maternity')).toMatchObject({ personalCents: 0, employerCents: 12_000 })
    // 2024 wage 36,000 yuan above the 35,283 ceiling: the base is the ceiling.
    expect(at('2024-06', 'pension')).toMatchObject({ baseCents: 3_528_300, personalCents: 282_264, employerCents: 564_528, employerName: '北京智联数据服务有限公司' })
    // A first job below Shenzhen's 2023 floor of 3,613 yuan: the base is the floor.
    const wang = await rowsOf(wangXiaoming)
    expect(wang.find((row) => row.month === '2023-07' && row.type === 'pension')).toMatchObject({ baseCents: 361_300, personalCents: 28_904 })
  })

  test('the list pages through the whole year newest month first, with the filtered type only', async () => {
    const rows = inYear(await rowsOf(zhangWei), 2025).filter((row) => row.type === 'medical')
    const seen: { month: string; type: string; personalCents: number }[] = []
    for (let page = 1; ; page++) {
      const response = await contributions(zhang, `year=2025&type=medical&page=${page}&pageSize=5`)
      expect(response.status).toBe(200)
      expect(response.body).toMatchObject({ year: 2025, type: 'medical', page, pageSize: 5, total: rows.length })
      expect(response.body.items.length).toBeLessThanOrEqual(5)
      seen.push(...response.body.items)
      expect(response.body.totals).toEqual(expectedTotals(rows))
      if (!response.body.hasMore) break
    }
    expect(seen.map((item) => item.month)).toEqual(rows.map((row) => row.month).sort().reverse())
    expect(new Set(seen.map((item) => item.type))).toEqual(new Set(['medical']))
    const all = await contributions(zhang, 'year=2025&pageSize=60')
    expect(all.body.items.slice(0, 5).map((item: { type: string }) => item.type)).toEqual(['pension', 'medical', 'unemployment', 'work_injury', 'maternity'])
  })

  test('arrears are flagged: in the list, the totals and the overview; the last paid month skips them', async () => {
    const page = await contributions(zhang, 'year=2026&pageSize=60')
    const august = page.body.items.filter((item: { month: string }) => item.month === '2026-08')
    expect(august).toHaveLength(5)
    for (const item of august) {
      expect(item.status).toBe('arrears')
      expect(item.paidOn).toBeUndefined()
    }
    expect(page.body.items.find((item: { month: string }) => item.month === '2026-07').paidOn).toBe('2026-07-15')
    expect(page.body.totals.every((total: { monthsInArrears: number }) => total.monthsInArrears === 1)).toBe(true)

    const overview = (await get('/api/social-security/overview', zhang)).body
    expect(overview.arrears.map((item: { month: string; type: string }) => `${item.month} ${item.type}`)).toEqual([
      '2026-08 pension',
      '2026-08 medical',
      '2026-08 unemployment',
      '2026-08 work_injury',
      '2026-08 maternity',
    ])
    expect(overview.arrears[0]).toMatchObject({ employerName: '北京智联数据服务有限公司', personalCents: 311_200, employerCents: 622_400 })
    expect(overview.lastPaidMonth).toBe('2026-10')

    // 李娜's latest month is the unpaid one.
    const liOverview = (await get('/api/social-security/overview', li)).body
    expect(liOverview.lastPaidMonth).toBe('2026-09')
    expect(new Set(liOverview.arrears.map((item: { month: string }) => item.month))).toEqual(new Set(['2026-10']))
  })

  test('the overview: masked card number, city, statuses per type, balances, months paid', async () => {
    const response = await get('/api/social-security/overview', zhang)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const overview = response.body
    expect(overview.person).toEqual({ cardNumber: 'A1*****50', insuredCity: '北京市', agency: '北京市东城区社会保险事业管理中心', status: 'active' })
    expect(overview.enrolments.map((enrolment: { type: string; status: string }) => [enrolment.type, enrolment.status])).toEqual([
      ['pension', 'active'],
      ['medical', 'active'],
      ['unemployment', 'active'],
      ['work_injury', 'active'],
      ['maternity', 'active'],
    ])
    expect(overview.balances.map((balance: { account: string }) => balance.account)).toEqual(['pension', 'medical'])
    for (const balance of overview.balances) {
      expect(Number.isInteger(balance.balanceCents)).toBe(true)
      expect(balance.balanceCents).toBeGreaterThan(0)
      expect(balance.computedOn).toBe('2026-10-31')
    }
    const rows = await rowsOf(zhangWei)
    const paidMonths = new Set(rows.filter((row) => row.status === 'paid').map((row) => row.month))
    expect(overview.totalMonthsPaid).toBe(paidMonths.size)
    // 2022-01..2026-10 is 58 months, less the two-month gap and the unpaid month.
    expect(overview.totalMonthsPaid).toBe(monthRange('2022-01', '2026-10').length - 3)
    expect(overview.recordRange).toEqual({ from: '2022-01', to: '2026-10' })
    const pension = overview.enrolments[0]
    expect(pension).toMatchObject({ startedOn: '2022-01-01', monthsPaid: paidMonths.size, lastPaidMonth: '2026-10' })
  })

  /**
   * Year-end interest of the pension personal account (养老保险个人账户记账利率) as published by
   * 人社部/财政部 for 2022-2025, written here rather than imported so the server's table is checked.
   */
  const PUBLISHED_PENSION_RATES: Record<number, number> = { 2022: 0.0612, 2023: 0.0397, 2024: 0.0262, 2025: 0.025 }

  test.each(demoCitizens.map((citizen) => [citizen.name, citizen] as const))(
    "%s: the pension balance adds up from the months on record (paid personal contributions plus the published year-end interest), nothing unexplained",
    async (_name, citizen) => {
      const token = await citizenSession(identity, `wx-ss-ledger-${citizen.key}`, citizen)
      const rows = (await rowsOf(citizen)).filter((row) => row.type === 'pension' && row.status === 'paid')
      let expected = 0
      for (let year = 2022; year <= 2026; year++) {
        const paid = rows.filter((row) => row.month.startsWith(`${year}-`)).reduce((sum, row) => sum + row.personalCents, 0)
        const rate = PUBLISHED_PENSION_RATES[year] ?? 0
        // The year-start balance earns the full year's rate; the year's payments, made through it, half.
        expected += paid + Math.round(expected * rate) + Math.round((paid * rate) / 2)
      }
      const overview = (await get('/api/social-security/overview', token)).body
      const pension = overview.balances.find((balance: { account: string }) => balance.account === 'pension')
      expect(Math.abs(pension.balanceCents - expected)).toBeLessThanOrEqual(5)
      // What the citizen paid is most of it: interest over five years cannot double it.
      const paidTotal = rows.reduce((sum, row) => sum + row.personalCents, 0)
      expect(pension.balanceCents).toBeGreaterThanOrEqual(paidTotal)
      expect(pension.balanceCents).toBeLessThan(paidTotal * 1.2)
    },
  )

  test('paused and ended enrolments say since when', async () => {
    const token = await citizenSession(identity, 'wx-ss-zhao', zhaoLihua)
    const overview = (await get('/api/social-security/overview', token)).body
    const byType = Object.fromEntries(overview.enrolments.map((enrolment: { type: string }) => [enrolment.type, enrolment]))
    expect(byType.pension).toMatchObject({ status: 'active' })
    expect(byType.unemployment).toMatchObject({ status: 'paused', endedOn: '2023-09-01', lastPaidMonth: '2023-08' })
    expect(byType.maternity).toMatchObject({ status: 'ended', endedOn: '2023-09-01' })
  })

  test('a year without records is an empty page the year switcher still offers', async () => {
    const token = await citizenSession(identity, 'wx-ss-wang', wangXiaoming)
    const response = await contributions(token, 'year=2022')
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ year: 2022, items: [], total: 0, hasMore: false, totals: [] })
    expect(response.body.years).toEqual([2026, 2025, 2024, 2023, 2022])
  })

  test("another citizen's session reaches only its own records; id parameters are refused", async () => {
    const liView = (await get('/api/social-security/overview', li)).body
    expect(liView.person.insuredCity).toBe('上海市')
    const liPage = await contributions(li, 'year=2024&pageSize=60')
    const zhangRows = await rowsOf(zhangWei)
    const zhangEmployers = new Set(zhangRows.map((row) => row.employerName))
    expect(liPage.body.items.some((item: { employerName: string }) => zhangEmployers.has(item.employerName))).toBe(false)
    expect(liPage.body.totals).toEqual(expectedTotals(inYear(await rowsOf(liNa), 2024)))

    const zhangCitizenId = (await identity.db.selectFrom('citizens').select('id').where('name', '=', zhangWei.name).executeTakeFirstOrThrow()).id
    for (const name of ['citizenId', 'personId', 'idNumber']) {
      const overview = await get(`/api/social-security/overview?${name}=${zhangCitizenId}`, li)
      // The overview takes no parameters at all: an id is either refused or ignored, never used.
      if (overview.status === 200) expect(overview.body.person.insuredCity).toBe('上海市')
      else expect(overview.status).toBe(400)
      const list = await contributions(li, `year=2024&${name}=${zhangCitizenId}`)
      expect(list.status).toBe(400)
      expect(list.body.error.field).toBe(`query.${name}`)
    }
    const proof = await identity.request('/api/social-security/proofs', {
      method: 'POST',
      token: li,
      payload: { from: '2024-01', to: '2024-12', citizenId: zhangCitizenId },
    })
    expect(proof.status).toBe(400)
    expect(proof.body.error.field).toBe('body.citizenId')
    for (const path of [`/api/social-security/overview/${zhangCitizenId}`, `/api/social-security/contributions/${zhangCitizenId}`]) {
      expect((await get(path, li)).status).toBe(404)
    }
  })

  test('validation errors name the field', async () => {
    const cases: [string, string][] = [
      ['', 'query.year'],
      ['year=abc', 'query.year'],
      ['year=1989', 'query.year'],
      ['year=2024&type=pensions', 'query.type'],
      ['year=2024&page=0', 'query.page'],
      ['year=2024&pageSize=61', 'query.pageSize'],
    ]
    for (const [query, field] of cases) {
      const response = await contributions(zhang, query)
      expect({ query, status: response.status, field: response.body.error?.field }).toEqual({ query, status: 400, field })
      expect(response.body.error.code).toBe('VALIDATION_FAILED')
    }
  })

  test('every route but verification needs a proven (level-4) session', async () => {
    const levelOne = await identity.login('weapp', 'wx-ss-level-1')
    for (const [method, path] of [
      ['GET', '/api/social-security/overview'],
      ['GET', '/api/social-security/contributions?year=2024'],
      ['POST', '/api/social-security/proofs'],
      ['GET', '/api/social-security/proofs'],
    ] as const) {
      const payload = method === 'POST' ? { from: '2024-01', to: '2024-12' } : undefined
      const anonymous = await identity.request(path, { method, payload })
      expect({ path, status: anonymous.status, code: anonymous.body.error.code }).toEqual({ path, status: 401, code: 'UNAUTHENTICATED' })
      const low = await identity.request(path, { method, payload, token: levelOne })
      expect({ path, status: low.status, error: low.body.error }).toEqual({
        path,
        status: 403,
        error: expect.objectContaining({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4, currentLevel: 1 }),
      })
    }
  })

  test('reads are audited with the citizen, never with full numbers', async () => {
    await get('/api/social-security/overview', zhang)
    const rows = await auditRows(identity.db, 'social_security.read')
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.at(-1)).toMatchObject({ outcome: 'success', detail: { view: 'overview', found: true } })
    expect(rows.at(-1)!.citizen_id).toBeTruthy()
  })
})
