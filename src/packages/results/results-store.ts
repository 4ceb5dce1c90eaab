import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '@/api/api-client'
import type { DeliveryChoice, IssuedResult } from '@/contract/results/schemas'
import type { ApiError } from '@/platform/api-error'
import type { Platform } from '@/platform/types'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'
import { Mutation } from '@/stores/mutation'
import type { RootStore } from '@/stores/root-store'
import { resultsService } from './api'

/** The EMS form as typed. */
export interface EmsForm {
  recipient: string
  phone: string
  address: string
}

/**
 * 我的证明 and one result: the list, the result on screen (by id, or by its application), the
 * PDF opened through the platform (downloadFile + openDocument on the mini programs, a link on
 * H5), and the delivery choice of a paper result.
 */
export class ResultsStore {
  readonly list = new LoadState<IssuedResult[]>((items) => items.length === 0)
  /** null: the application has no result yet. */
  readonly current = new LoadState<IssuedResult | null>((result) => result === null)
  readonly downloadCall = new Mutation()
  readonly deliveryCall = new Mutation()
  ems: EmsForm = { recipient: '', phone: '', address: '' }
  /** Set once the PDF was handed to the host (so the page can say where it went). */
  opened = false

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'openDocument' | 'apiBase'>,
  ) {
    makeAutoObservable<ResultsStore, 'api' | 'platform'>(this, { api: false, platform: false, list: false, current: false, downloadCall: false, deliveryCall: false })
  }

  get downloadError(): ApiError | undefined {
    return this.downloadCall.error
  }

  get deliveryError(): ApiError | undefined {
    return this.deliveryCall.error
  }

  loadList(): Promise<void> {
    return this.list.run(async () => (await resultsService.list(this.api)).items)
  }

  load(target: { id?: string; applicationId?: string }): Promise<void> {
    return this.current.run(async () => {
      if (target.id) return resultsService.one(this.api, target.id)
      if (target.applicationId) return (await resultsService.forApplication(this.api, target.applicationId)).result
      return null
    })
  }

  /** A fresh 5-minute link each time: the host downloads and opens it at once. */
  async openPdf(): Promise<void> {
    const result = this.current.data
    if (!result?.proof) return
    await this.downloadCall.run(async () => {
      const link = await resultsService.downloadLink(this.api, result.id)
      await this.platform.openDocument(`${this.platform.apiBase}${link.path}`)
      runInAction(() => {
        this.opened = true
      })
    })
  }

  updateEms(patch: Partial<EmsForm>): void {
    this.ems = { ...this.ems, ...patch }
  }

  async chooseDelivery(method: DeliveryChoice['method']): Promise<void> {
    const result = this.current.data
    if (!result?.physical) return
    const choice: DeliveryChoice = method === 'ems' ? { method, recipient: this.ems.recipient.trim(), phone: this.ems.phone.trim(), address: this.ems.address.trim() } : { method }
    await this.deliveryCall.run(async () => {
      const updated = await resultsService.chooseDelivery(this.api, result.id, choice)
      runInAction(() => {
        this.current.restore(updated, new Date())
        // What was typed is on the server now (shown masked); a reopened form starts empty, as its inputs do.
        this.ems = { recipient: '', phone: '', address: '' }
      })
    })
  }

  forget(): void {
    forgetAll(this, new ResultsStore(this.api, this.platform))
  }
}

export function resultsStore(root: RootStore): ResultsStore {
  return root.feature('results', () => new ResultsStore(root.api, root.platform))
}
