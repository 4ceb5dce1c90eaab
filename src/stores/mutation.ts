import { makeAutoObservable, runInAction } from 'mobx'
import { ApiError } from '@/platform/api-error'

/** Any failure as the ApiError a page can show (an unexpected throw is an internal error). */
export const errorOf = (cause: unknown): ApiError => (cause instanceof ApiError ? cause : new ApiError('INTERNAL'))

/**
 * One action that changes something on the server (submit, withdraw, revoke…): whether it is
 * running and the error it last ended with. The counterpart of LoadState for writes, so no
 * store repeats the busy flag / try / finally / error dance.
 */
export class Mutation {
  busy = false
  error: ApiError | undefined = undefined

  constructor() {
    makeAutoObservable(this)
  }

  /**
   * Runs `action` unless a run is in flight (then does nothing and answers false). A failure
   * becomes `error` unless `claim` takes it (e.g. a request for re-verification) by answering
   * true. Answers whether the action succeeded.
   */
  async run(action: () => Promise<void>, claim?: (error: ApiError) => boolean): Promise<boolean> {
    if (this.busy) return false
    this.busy = true
    this.error = undefined
    try {
      await action()
      return true
    } catch (cause) {
      const error = errorOf(cause)
      runInAction(() => {
        if (!claim?.(error)) this.error = error
      })
      return false
    } finally {
      runInAction(() => {
        this.busy = false
      })
    }
  }

  clearError(): void {
    this.error = undefined
  }

  reset(): void {
    this.busy = false
    this.error = undefined
  }
}
