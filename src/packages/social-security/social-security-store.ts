import { makeAutoObservable, runInAction } from 'mobx'
import { addMonths, monthIndex, monthsInclusive } from '@/contract/months'
import type { ContributionRecord, InsuranceType, MonthRange, Overview, Proof, ProofSummary, YearTotal } from '@/contract/social-security/schemas'
import { type ApiError } from '@/platform/api-error'
import type { ApiClient } from '@/api/api-client'
import { socialSecurityService } from './api'
import { LoadState } from '@/stores/load-state'
import { Mutation } from '@/stores/mutation'
import type { RootStore } from '@/stores/root-store'
import { forgetAll } from '@/stores/forget'
import { MAX_PROOF_MONTHS } from '@/contract/social-security/data'

/** Rows per request: three months of all five types, or over a year of one type. */
export const CONTRIBUTIONS_PAGE_SIZE = 15

/** One year's list as the page shows it: the pages loaded so far, appended. */
export interface ContributionsList {
  year: number
  type: InsuranceType | undefined
  years: number[]
  items: ContributionRecord[]
  total: number
  hasMore: boolean
  /** The last page loaded. */
  page: number
  totals: YearTotal[]
}

/** Unpaid months, one entry per month with the types owed. */
export interface ArrearsMonth {
  month: string
  types: InsuranceType[]
  employerName: string
  personalCents: number
  employerCents: number
}

export type PeriodPreset = 6 | 12 | 36 | 'all'

/**
 * 社保查询: the overview, one year's contribution list (year switcher, type filter, more
 * pages on demand so a long list never crosses into the render layer at once) and the
 * proofs of contributions the citizen issues.
 */
export class SocialSecurityStore {
  readonly overview = new LoadState<Overview>((data) => data.person === null)
  readonly contributions = new LoadState<ContributionsList>((data) => data.items.length === 0)
  readonly proofs = new LoadState<ProofSummary[]>((items) => items.length === 0)
  /** The year and type chosen on the list page; undefined until chosen or first loaded. */
  year: number | undefined = undefined
  type: InsuranceType | undefined = undefined
  /** The next page of contributions (加载更多). */
  readonly moreCall = new Mutation()
  /** The proof just issued on this visit. */
  issued: Proof | undefined = undefined
  /** Issuing a proof of contributions. */
  readonly issueCall = new Mutation()
  /** The period chosen for a new proof. */
  period: MonthRange | undefined = undefined

  get loadingMore(): boolean {
    return this.moreCall.busy
  }

  get moreError(): ApiError | undefined {
    return this.moreCall.error
  }

  get issuing(): boolean {
    return this.issueCall.busy
  }

  get issueError(): ApiError | undefined {
    return this.issueCall.error
  }

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<SocialSecurityStore, 'api'>(this, { api: false, overview: false, contributions: false, proofs: false, moreCall: false, issueCall: false })
  }

  // --- overview ---------------------------------------------------------------------------

  loadOverview(): Promise<void> {
    return this.overview.run(() => socialSecurityService.overview(this.api))
  }

  get arrearsByMonth(): ArrearsMonth[] {
    const months: ArrearsMonth[] = []
    for (const item of this.overview.data?.arrears ?? []) {
      let entry = months.find((candidate) => candidate.month === item.month && candidate.employerName === item.employerName)
      if (!entry) {
        entry = { month: item.month, types: [], employerName: item.employerName, personalCents: 0, employerCents: 0 }
        months.push(entry)
      }
      entry.types.push(item.type)
      entry.personalCents += item.personalCents
      entry.employerCents += item.employerCents
    }
    return months
  }

  // --- contributions ------------------------------------------------------------------------

  /** The year the list shows: the chosen one, else the last year on record, else this year. */
  get selectedYear(): number {
    if (this.year !== undefined) return this.year
    const lastMonth = this.overview.data?.recordRange?.to
    return lastMonth ? Number(lastMonth.slice(0, 4)) : new Date().getFullYear()
  }

  /** The years the switcher offers, newest first. */
  get years(): number[] {
    const offered = this.contributions.data?.years
    if (offered?.length) return offered
    const newest = this.selectedYear
    return [newest, newest - 1, newest - 2, newest - 3, newest - 4]
  }

  loadContributions(): Promise<void> {
    const year = this.selectedYear
    const type = this.type
    return this.contributions.run(async () => {
      const page = await socialSecurityService.contributions(this.api, { year, type, page: 1, pageSize: CONTRIBUTIONS_PAGE_SIZE })
      return { year, type, years: page.years, items: page.items, total: page.total, hasMore: page.hasMore, page: 1, totals: page.totals }
    })
  }

  selectYear(year: number): Promise<void> {
    this.year = year
    this.moreCall.clearError()
    return this.loadContributions()
  }

  /** undefined: all types. */
  selectType(type: InsuranceType | undefined): Promise<void> {
    this.type = type
    this.moreCall.clearError()
    return this.loadContributions()
  }

  /** Appends the next page; a year or type switched meanwhile discards it. */
  async loadMore(): Promise<void> {
    const list = this.contributions.data
    if (!list || !list.hasMore || this.moreCall.busy || this.contributions.status === 'loading') return
    await this.moreCall.run(async () => {
      const next = await socialSecurityService.contributions(this.api, { year: list.year, type: list.type, page: list.page + 1, pageSize: CONTRIBUTIONS_PAGE_SIZE })
      runInAction(() => {
        if (this.contributions.data !== list) return
        list.items.push(...next.items)
        list.page += 1
        list.hasMore = next.hasMore
        list.total = next.total
      })
    })
  }

  // --- proofs -------------------------------------------------------------------------------

  loadProofs(): Promise<void> {
    return this.proofs.run(async () => (await socialSecurityService.proofs(this.api)).items)
  }

  /** The months a proof may cover: the record, at most the last MAX_PROOF_MONTHS of it. */
  get proofRange(): MonthRange | undefined {
    return this.overview.data?.recordRange ?? undefined
  }

  /** Sets the period to the last `months` of the record (or all of it, up to ten years). */
  choosePreset(preset: PeriodPreset): void {
    const range = this.proofRange
    if (!range) return
    const months = preset === 'all' ? MAX_PROOF_MONTHS : preset
    const earliest = addMonths(range.to, -(months - 1))
    this.period = { from: monthIndex(earliest) < monthIndex(range.from) ? range.from : earliest, to: range.to }
    this.issueCall.clearError()
  }

  /** Moves one end of the period by `delta` months, kept inside the record. */
  shiftPeriod(end: 'from' | 'to', delta: number): void {
    const range = this.proofRange
    if (!range || !this.period) return
    const moved = addMonths(this.period[end], delta)
    const clamped = monthIndex(moved) < monthIndex(range.from) ? range.from : monthIndex(moved) > monthIndex(range.to) ? range.to : moved
    this.period = { ...this.period, [end]: clamped }
    this.issueCall.clearError()
  }

  /** What is wrong with the chosen period, in words; undefined when it can be issued. */
  get periodProblem(): string | undefined {
    if (!this.period) return '请先选择证明的时间段'
    if (monthIndex(this.period.from) > monthIndex(this.period.to)) return '截止月份不能早于起始月份'
    if (monthsInclusive(this.period.from, this.period.to) > MAX_PROOF_MONTHS) return '一份证明最长可开具10年（120个月）'
    return undefined
  }

  async issueProof(): Promise<void> {
    const period = this.period
    if (!period || this.periodProblem || this.issueCall.busy) return
    const issued = await this.issueCall.run(async () => {
      const proof = await socialSecurityService.issueProof(this.api, period)
      runInAction(() => {
        this.issued = proof
      })
    })
    if (issued) void this.loadProofs()
  }

  /** Forgets everything about this citizen's social security (logout: another person may pick up the phone). */
  forget(): void {
    forgetAll(this, new SocialSecurityStore(this.api))
  }
}

/** The SocialSecurityStore, built on first use: only the social-security subpackage imports this module, so the store stays out of the main package. */
export function socialSecurityStore(root: RootStore): SocialSecurityStore {
  return root.feature('social-security', () => new SocialSecurityStore(root.api))
}
