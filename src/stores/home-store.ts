import { makeAutoObservable, runInAction } from 'mobx'
import type { HomeServices } from '@/contract/home/schemas'
import type { MessagesResponse, MessagesUnread } from '@/contract/messages/schemas'
import type { Platform } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'
import { LoadState } from './load-state'
import { PERSONAL_STORAGE_KEYS } from './personal-keys'

/** How many recently used features the home page shows. */
export const RECENT_COUNT = 4

export const MESSAGES_PATH = '/api/me/messages'

/**
 * What the home page shows besides notices: 最近使用 (kept on this device, newest first, one
 * entry per feature opened), 热门服务 and 一件事 (GET /api/home/services: one small request), and
 * the message centre's unread count (level 4 only: the messages are personal).
 */
export class HomeStore {
  readonly services = new LoadState<HomeServices>()
  recent: string[] = []
  unreadCount = 0

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'storage'>,
  ) {
    makeAutoObservable<HomeStore, 'api' | 'platform'>(this, { api: false, platform: false, services: false })
    const kept = platform.storage.get<unknown>(PERSONAL_STORAGE_KEYS.recentFeatures)
    this.recent = Array.isArray(kept) ? kept.filter((key): key is string => typeof key === 'string').slice(0, RECENT_COUNT) : []
  }

  /** Records that the citizen opened a feature (from the grid or 最近使用). */
  opened(featureKey: string): void {
    this.recent = [featureKey, ...this.recent.filter((key) => key !== featureKey)].slice(0, RECENT_COUNT)
    this.platform.storage.set(PERSONAL_STORAGE_KEYS.recentFeatures, this.recent)
  }

  loadServices(): Promise<void> {
    return this.services.run(() => this.api.get<HomeServices>('/api/home/services'))
  }

  /** The unread count for the badge; quietly 0 when it cannot be read (the badge is a hint). */
  async loadUnread(): Promise<void> {
    try {
      const answer = await this.api.get<MessagesResponse>(MESSAGES_PATH, { limit: 1 })
      runInAction(() => this.setUnread(answer))
    } catch {
      runInAction(() => this.setUnread({ unreadCount: 0 }))
    }
  }

  setUnread(answer: MessagesUnread): void {
    this.unreadCount = answer.unreadCount
  }

  /** Logout: another person may pick up the phone. */
  forget(): void {
    this.recent = []
    this.unreadCount = 0
  }
}
