import { makeAutoObservable, runInAction } from 'mobx'
import { ApiError } from '@/platform/api-error'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** What a view needs to know about remote data, whatever its type. */
export interface LoadView {
  readonly status: LoadStatus
  readonly data: unknown
  readonly error: ApiError | undefined
  readonly loadedAt: Date | undefined
  readonly empty: boolean
  readonly offline: boolean
}

/**
 * The state of one piece of remote data: what every page needs to show loading, empty,
 * error and offline states. Data already loaded stays visible (with `loadedAt`) when a
 * refresh fails, so a citizen on a weak network still sees what they had.
 */
export class LoadState<T> implements LoadView {
  status: LoadStatus = 'idle'
  data: T | undefined = undefined
  error: ApiError | undefined = undefined
  loadedAt: Date | undefined = undefined
  private generation = 0

  constructor(private readonly isEmpty: (data: T) => boolean = () => false) {
    makeAutoObservable<LoadState<T>, 'generation' | 'isEmpty'>(this, { generation: false, isEmpty: false })
  }

  get empty(): boolean {
    return this.status === 'ready' && this.data !== undefined && this.isEmpty(this.data)
  }

  /** Offline: the last attempt failed because the network or the server did not answer. */
  get offline(): boolean {
    return this.status === 'error' && this.error?.isOffline === true
  }

  /** Shows data kept from an earlier session (e.g. the last health code) until a fetch succeeds. */
  restore(data: T, loadedAt: Date): void {
    this.data = data
    this.loadedAt = loadedAt
    if (this.status === 'idle') this.status = 'ready'
  }

  /** Forgets the data, e.g. after logout. */
  reset(): void {
    this.generation++
    this.status = 'idle'
    this.data = undefined
    this.error = undefined
    this.loadedAt = undefined
  }

  /** Runs the fetch; a newer run supersedes an older one still in flight. */
  async run(fetcher: () => Promise<T>): Promise<void> {
    const generation = ++this.generation
    this.status = 'loading'
    this.error = undefined
    try {
      const data = await fetcher()
      if (generation !== this.generation) return
      runInAction(() => {
        this.data = data
        this.loadedAt = new Date()
        this.status = 'ready'
      })
    } catch (cause) {
      if (generation !== this.generation) return
      runInAction(() => {
        this.error = cause instanceof ApiError ? cause : new ApiError('INTERNAL')
        this.status = 'error'
      })
    }
  }
}
