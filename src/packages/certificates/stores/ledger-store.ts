import { makeAutoObservable, runInAction } from 'mobx'
import type { LedgerEntry } from '@/contract/certificates/schemas'
import type { ApiError } from '@/platform/api-error'
import type { ApiClient } from '@/api/api-client'
import { certificatesService } from '../api'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'
import { Mutation } from '@/stores/mutation'

/** Ledger entries per request; older ones on demand. */
export const LEDGER_PAGE_SIZE = 20

export interface LedgerList {
  certificateId: string
  items: LedgerEntry[]
  /** Pass as `before` for older entries; absent when there are none. */
  nextBefore: number | undefined
}

/** Each certificate's ledger (who saw it, when, for what), newest first, older pages on demand. */
export class LedgerStore {
  private readonly ledgers = new Map<string, LoadState<LedgerList>>()
  readonly more = new Mutation()

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<LedgerStore, 'api' | 'ledgers'>(this, { api: false, ledgers: false, more: false })
  }

  get ledgerLoadingMore(): boolean {
    return this.more.busy
  }

  get ledgerMoreError(): ApiError | undefined {
    return this.more.error
  }

  ledger(certificateId: string): LoadState<LedgerList> {
    let state = this.ledgers.get(certificateId)
    if (!state) {
      state = new LoadState<LedgerList>((list) => list.items.length === 0)
      this.ledgers.set(certificateId, state)
    }
    return state
  }

  /** The ledger has a new entry (a scan, a grant, a revocation): the next visit fetches it again. */
  stale(certificateId: string): void {
    this.ledgers.get(certificateId)?.reset()
  }

  loadLedger(certificateId: string): Promise<void> {
    this.more.clearError()
    return this.ledger(certificateId).run(async () => {
      const page = await certificatesService.ledger(this.api, certificateId, { limit: LEDGER_PAGE_SIZE })
      return { certificateId, items: page.items, nextBefore: page.nextBefore }
    })
  }

  async loadMoreLedger(certificateId: string): Promise<void> {
    const state = this.ledger(certificateId)
    const list = state.data
    if (!list || list.nextBefore === undefined || this.more.busy || state.status === 'loading') return
    const before = list.nextBefore
    await this.more.run(async () => {
      const page = await certificatesService.ledger(this.api, certificateId, { limit: LEDGER_PAGE_SIZE, before })
      runInAction(() => {
        if (state.data !== list) return
        list.items.push(...page.items)
        list.nextBefore = page.nextBefore
      })
    })
  }

  forget(): void {
    this.ledgers.forEach((state) => state.reset())
    forgetAll(this, new LedgerStore(this.api))
  }
}
