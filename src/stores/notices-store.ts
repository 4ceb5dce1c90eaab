import { makeAutoObservable } from 'mobx'
import type { NoticeDetail, NoticeSummary } from '@/contract/schemas'
import type { ApiClient } from '@/api/api-client'
import { noticesService } from '@/api/notices'
import { LoadState } from './load-state'

/** How many notices the home page shows; the notices list page shows more. */
export const HOME_NOTICE_COUNT = 3
export const LIST_NOTICE_COUNT = 50

export class NoticesStore {
  readonly latest = new LoadState<NoticeSummary[]>((items) => items.length === 0)
  readonly all = new LoadState<NoticeSummary[]>((items) => items.length === 0)
  private readonly details = new Map<number, LoadState<NoticeDetail>>()

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<NoticesStore, 'api' | 'details'>(this, { api: false, details: false, latest: false, all: false })
  }

  loadLatest(): Promise<void> {
    return this.latest.run(async () => (await noticesService.list(this.api, HOME_NOTICE_COUNT)).items)
  }

  loadAll(): Promise<void> {
    return this.all.run(async () => (await noticesService.list(this.api, LIST_NOTICE_COUNT)).items)
  }

  /** One LoadState per notice, kept so returning to a notice shows it at once. */
  detail(id: number): LoadState<NoticeDetail> {
    let state = this.details.get(id)
    if (!state) {
      state = new LoadState<NoticeDetail>()
      this.details.set(id, state)
    }
    return state
  }

  loadDetail(id: number): Promise<void> {
    return this.detail(id).run(() => noticesService.get(this.api, id))
  }
}
