import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiError } from '@/platform/api-error'
import type { ApiClient } from '@/api/api-client'
import { certificatesService } from '../api'
import { forgetAll } from '@/stores/forget'
import { Mutation } from '@/stores/mutation'
import type { ReverifyStore } from './reverify-store'

const revealKey = (certificateId: string, field: string) => `${certificateId}:${field}`

/** Full values of single masked fields, revealed on request (audited by the server) and hidden on leaving. */
export class RevealStore {
  /** Full values revealed on this visit, by `certificateId:field`; hidden again on leaving. */
  revealed = new Map<string, string>()
  /** The field whose full value is being fetched (`certificateId:field`). */
  revealing: string | undefined = undefined
  readonly call = new Mutation()

  constructor(
    private readonly api: ApiClient,
    private readonly recheck: ReverifyStore,
  ) {
    makeAutoObservable<RevealStore, 'api' | 'recheck'>(this, { api: false, recheck: false, call: false })
  }

  get revealError(): ApiError | undefined {
    return this.call.error
  }

  revealedValue(certificateId: string, field: string): string | undefined {
    return this.revealed.get(revealKey(certificateId, field))
  }

  isRevealing(certificateId: string, field: string): boolean {
    return this.revealing === revealKey(certificateId, field)
  }

  async reveal(certificateId: string, field: string): Promise<void> {
    if (this.revealing) return
    const key = revealKey(certificateId, field)
    this.revealing = key
    await this.call.run(
      async () => {
        const revealed = await certificatesService.reveal(this.api, certificateId, field)
        runInAction(() => this.revealed.set(key, revealed.value))
      },
      this.recheck.claim('查看完整信息', () => this.reveal(certificateId, field)),
    )
    runInAction(() => {
      this.revealing = undefined
    })
  }

  hide(certificateId: string, field: string): void {
    this.revealed.delete(revealKey(certificateId, field))
  }

  /** Masks every revealed value again (leaving the page, logout). */
  hideAll(): void {
    this.revealed.clear()
    this.call.clearError()
  }

  forget(): void {
    forgetAll(this, new RevealStore(this.api, this.recheck))
  }
}
