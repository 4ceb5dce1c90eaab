import { makeAutoObservable, runInAction } from 'mobx'
import type { ApplicationSummary } from '@/contract/applications/schemas'
import type { ApiError } from '@/platform/api-error'
import type { ApiClient } from '@/api/api-client'
import { applicationsService } from '../api'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'
import { Mutation } from '@/stores/mutation'

/** Applications per request on 我的办件; older ones on demand. */
export const APPLICATION_PAGE_SIZE = 20

export interface ApplicationList {
  items: ApplicationSummary[]
  page: number
  total: number
}

/** 我的办件: the citizen's applications, newest first, more pages on demand. */
export class MyApplicationsStore {
  readonly list = new LoadState<ApplicationList>((list) => list.items.length === 0)
  readonly more = new Mutation()

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<MyApplicationsStore, 'api'>(this, { api: false, list: false, more: false })
  }

  get listLoadingMore(): boolean {
    return this.more.busy
  }

  get listMoreError(): ApiError | undefined {
    return this.more.error
  }

  loadList(): Promise<void> {
    this.more.clearError()
    return this.list.run(async () => {
      const page = await applicationsService.list(this.api, { page: 1, pageSize: APPLICATION_PAGE_SIZE })
      return { items: page.items, page: page.page, total: page.total }
    })
  }

  get hasMore(): boolean {
    const list = this.list.data
    return list !== undefined && list.items.length < list.total
  }

  async loadMore(): Promise<void> {
    const list = this.list.data
    if (!list || !this.hasMore || this.more.busy || this.list.status === 'loading') return
    await this.more.run(async () => {
      const page = await applicationsService.list(this.api, { page: list.page + 1, pageSize: APPLICATION_PAGE_SIZE })
      runInAction(() => {
        if (this.list.data !== list) return
        const known = new Set(list.items.map((item) => item.id))
        list.items.push(...page.items.filter((item) => !known.has(item.id)))
        list.page = page.page
        list.total = page.total
      })
    })
  }

  forget(): void {
    forgetAll(this, new MyApplicationsStore(this.api))
  }
}
