import { makeAutoObservable, runInAction } from 'mobx'
import { normaliseIdNumber } from '@/contract/id-number'
import type { ApiError } from '@/platform/api-error'
import type { ApiClient } from '@/api/api-client'
import { identityService } from '@/api/identity'
import { forgetAll } from '@/stores/forget'
import { Mutation } from '@/stores/mutation'

/**
 * Re-verification: presenting, authorising and revealing may answer 403
 * RECENT_VERIFICATION_REQUIRED. The store then asks the page for the ID number
 * (`verificationNeeded`), re-verifies and repeats the action the citizen asked for, so they
 * never start over.
 */
export class ReverifyStore {
  /** Set when the server asked for a fresh verification: what the citizen was doing, in words. */
  verificationNeeded: { action: string } | undefined = undefined
  readonly call = new Mutation()
  private retryAfterVerification: (() => Promise<void>) | undefined = undefined

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<ReverifyStore, 'api' | 'retryAfterVerification'>(this, { api: false, retryAfterVerification: false, call: false })
  }

  get reverifying(): boolean {
    return this.call.busy
  }

  get reverifyError(): ApiError | undefined {
    return this.call.error
  }

  /**
   * For Mutation.run: takes a RECENT_VERIFICATION_REQUIRED answer (asking the citizen, then
   * running `retry`), leaves any other error to the caller.
   */
  claim(action: string, retry: () => Promise<void>): (error: ApiError) => boolean {
    return (error) => {
      if (error.code !== 'RECENT_VERIFICATION_REQUIRED') return false
      this.verificationNeeded = { action }
      this.call.clearError()
      this.retryAfterVerification = retry
      return true
    }
  }

  /** The citizen typed their ID number: the server re-checks it, then the interrupted action runs again. */
  async reverify(idNumber: string): Promise<boolean> {
    const verified = await this.call.run(async () => {
      await identityService.reverify(this.api, normaliseIdNumber(idNumber))
    })
    if (!verified) return false
    const retry = this.retryAfterVerification
    runInAction(() => {
      this.verificationNeeded = undefined
      this.retryAfterVerification = undefined
    })
    await retry?.()
    return true
  }

  cancelVerification(): void {
    this.verificationNeeded = undefined
    this.call.clearError()
    this.retryAfterVerification = undefined
  }

  forget(): void {
    forgetAll(this, new ReverifyStore(this.api))
  }
}
