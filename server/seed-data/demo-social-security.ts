import type { EnrolmentStatus, InsuranceType } from '../../src/contract/social-security/schemas'

/**
 * Invented social-security histories for the demo citizens (server/seed-data/demo-citizens.ts),
 * from 2022-01 (or the first job) to 2026-10. Each has a change of employer, a gap between
 * jobs and one month the employer has not paid (欠缴), so every screen has something to
 * show. The records are computed from these facts (server/social-security/demo-records.ts),
 * never drawn at random, so every run seeds the same rows.
 */

/** Contribution-base floor and ceiling per year, yuan per month (approximately each city's published figures). */
export type BaseLimits = Record<number, { floor: number; ceiling: number }>

export const CITY_BASE_LIMITS: Record<string, BaseLimits> = {
  北京市: {
    2022: { floor: 5869, ceiling: 31884 },
    2023: { floor: 6326, ceiling: 33891 },
    2024: { floor: 6821, ceiling: 35283 },
    2025: { floor: 7162, ceiling: 37047 },
    2026: { floor: 7520, ceiling: 38900 },
  },
  上海市: {
    2022: { floor: 6520, ceiling: 34188 },
    2023: { floor: 7310, ceiling: 36549 },
    2024: { floor: 7384, ceiling: 36921 },
    2025: { floor: 7460, ceiling: 37302 },
    2026: { floor: 7720, ceiling: 38600 },
  },
  深圳市: {
    2022: { floor: 3523, ceiling: 26421 },
    2023: { floor: 3613, ceiling: 27501 },
    2024: { floor: 4492, ceiling: 28800 },
    2025: { floor: 4775, ceiling: 29700 },
    2026: { floor: 4900, ceiling: 30500 },
  },
  成都市: {
    2022: { floor: 4071, ceiling: 20355 },
    2023: { floor: 4246, ceiling: 21228 },
    2024: { floor: 4309, ceiling: 21546 },
    2025: { floor: 4492, ceiling: 22458 },
    2026: { floor: 4640, ceiling: 23200 },
  },
  南京市: {
    2022: { floor: 4250, ceiling: 21249 },
    2023: { floor: 4250, ceiling: 22470 },
    2024: { floor: 4494, ceiling: 24042 },
    2025: { floor: 4687, ceiling: 25071 },
    2026: { floor: 4880, ceiling: 26100 },
  },
  杭州市: {
    2022: { floor: 3957, ceiling: 19783 },
    2023: { floor: 4462, ceiling: 22311 },
    2024: { floor: 4462, ceiling: 24930 },
    2025: { floor: 4812, ceiling: 24930 },
    2026: { floor: 4950, ceiling: 25800 },
  },
}

/** Pension personal-account interest credited at each year end (养老保险个人账户记账利率), basis points. */
export const PENSION_INTEREST_BP: Record<number, number> = { 2022: 612, 2023: 397, 2024: 262, 2025: 250 }

export interface EmploymentSpell {
  employer: string
  /** First and last month with this employer, YYYY-MM. */
  from: string
  to: string
  /** Monthly wage in yuan, per year; the base is this clamped to the city's limits. */
  wages: Record<number, number>
  /** The types this employer insures; all five when absent. */
  types?: InsuranceType[]
}

export interface DemoSocialSecurity {
  /** The demo citizen's key (demo-citizens.ts). */
  citizenKey: string
  /** 社会保障卡卡号 */
  cardNumber: string
  insuredCity: keyof typeof CITY_BASE_LIMITS
  agency: string
  spells: EmploymentSpell[]
  /** Months the employer did not pay (every type of that month is in arrears). */
  arrears: string[]
  /** Types no longer contributed to, with their status and since when (YYYY-MM-DD). */
  stopped?: Partial<Record<InsuranceType, { status: Exclude<EnrolmentStatus, 'active'>; since: string }>>
  /**
   * What the citizen spent from the medical account each year (outpatient, pharmacy), yuan.
   * Never more than the account holds: the records start at the first month shown, with
   * nothing carried over, so every balance a citizen sees adds up from the months listed.
   */
  medicalSpendingYuan: Record<number, number>
}

/** The last month any demo record covers; balances are computed at its end. */
export const DEMO_LAST_MONTH = '2026-10'
export const DEMO_BALANCE_DATE = '2026-10-31'

export const demoSocialSecurity: readonly DemoSocialSecurity[] = [
  {
    citizenKey: 'zhang-wei',
    cardNumber: 'A10312850',
    insuredCity: '北京市',
    agency: '北京市东城区社会保险事业管理中心',
    spells: [
      { employer: '北京华信科技有限公司', from: '2022-01', to: '2024-03', wages: { 2022: 15000, 2023: 16500, 2024: 16500 } },
      // Paid above the ceiling: the base is capped at the city's ceiling.
      { employer: '北京智联数据服务有限公司', from: '2024-06', to: '2026-10', wages: { 2024: 36000, 2025: 38000, 2026: 40000 } },
    ],
    arrears: ['2026-08'],
    medicalSpendingYuan: { 2022: 1280, 2023: 960, 2024: 2150, 2025: 1730, 2026: 640 },
  },
  {
    citizenKey: 'li-na',
    cardNumber: 'S07210902',
    insuredCity: '上海市',
    agency: '上海市徐汇区社会保险事业管理中心',
    spells: [
      { employer: '上海浦江贸易有限公司', from: '2022-01', to: '2023-05', wages: { 2022: 9800, 2023: 10500 } },
      { employer: '上海徐汇医疗器械有限公司', from: '2023-07', to: '2026-10', wages: { 2023: 13200, 2024: 13800, 2025: 14500, 2026: 15200 } },
    ],
    // The latest month is not paid yet.
    arrears: ['2026-10'],
    medicalSpendingYuan: { 2022: 820, 2023: 1540, 2024: 690, 2025: 1210, 2026: 450 },
  },
  {
    citizenKey: 'wang-xiaoming',
    cardNumber: 'G11050013',
    insuredCity: '深圳市',
    agency: '深圳市社会保险基金管理局南山分局',
    spells: [
      // A first job paid below the floor: the base is raised to the city's floor.
      { employer: '深圳前海云帆网络科技有限公司', from: '2023-07', to: '2025-02', wages: { 2023: 3000, 2024: 6500, 2025: 7000 } },
      { employer: '深圳市南山区星河智能制造有限公司', from: '2025-05', to: '2026-10', wages: { 2025: 9000, 2026: 9500 } },
    ],
    arrears: ['2026-09'],
    medicalSpendingYuan: { 2024: 120, 2025: 380, 2026: 90 },
  },
  {
    citizenKey: 'zhao-lihua',
    cardNumber: 'C02290024',
    insuredCity: '成都市',
    agency: '成都市武侯区社会保险事业管理局',
    spells: [
      { employer: '成都锦城纺织有限公司', from: '2022-01', to: '2023-08', wages: { 2022: 5200, 2023: 5400 } },
      {
        employer: '成都武侯社区养老服务中心',
        from: '2023-11',
        to: '2026-10',
        wages: { 2023: 4800, 2024: 5000, 2025: 5200, 2026: 5300 },
        types: ['pension', 'medical', 'work_injury'],
      },
    ],
    arrears: ['2025-12'],
    stopped: {
      unemployment: { status: 'paused', since: '2023-09-01' },
      maternity: { status: 'ended', since: '2023-09-01' },
    },
    medicalSpendingYuan: { 2022: 860, 2023: 720, 2024: 880, 2025: 910, 2026: 570 },
  },
  {
    citizenKey: 'ouyang-mingyue',
    cardNumber: 'Z09300046',
    insuredCity: '杭州市',
    agency: '杭州市西湖区社会保险管理服务中心',
    spells: [
      { employer: '杭州市西湖区市场监督管理局', from: '2022-01', to: '2023-12', wages: { 2022: 11000, 2023: 11800 } },
      { employer: '杭州市上城区综合行政执法局', from: '2024-02', to: '2026-10', wages: { 2024: 12500, 2025: 13000, 2026: 13500 } },
    ],
    arrears: ['2025-11'],
    medicalSpendingYuan: { 2022: 1460, 2023: 1180, 2024: 1890, 2025: 1320, 2026: 760 },
  },
  {
    citizenKey: 'sun-jiankang',
    cardNumber: 'N06180035',
    insuredCity: '南京市',
    agency: '南京市玄武区社会保险管理中心',
    spells: [
      { employer: '南京市玄武区卫生健康委员会', from: '2022-01', to: '2024-08', wages: { 2022: 10800, 2023: 11500, 2024: 12000 } },
      { employer: '南京市卫生健康信息中心', from: '2024-10', to: '2026-10', wages: { 2024: 13000, 2025: 13600, 2026: 14200 } },
    ],
    arrears: ['2026-06'],
    medicalSpendingYuan: { 2022: 1650, 2023: 2040, 2024: 1380, 2025: 1720, 2026: 990 },
  },
]
