import { makeAutoObservable } from 'mobx'
import type { MarkMessagesReadRequest, MessagesResponse, MessagesUnread } from '@/contract/messages/schemas'
import type { ApiClient } from '@/api/api-client'
import { MESSAGES_PATH, type HomeStore } from '@/stores/home-store'
import { LoadState } from '@/stores/load-state'
import type { RootStore } from '@/stores/root-store'
import { forgetAll } from '@/stores/forget'

/** 消息中心: this account's application-status messages; marking read also updates the home badge. */
export class InboxStore {
  readonly messages = new LoadState<MessagesResponse>((data) => data.items.length === 0)

  constructor(
    private readonly api: ApiClient,
    private readonly home: HomeStore,
  ) {
    makeAutoObservable<InboxStore, 'api' | 'home'>(this, { api: false, home: false, messages: false })
  }

  async load(): Promise<void> {
    await this.messages.run(() => this.api.get<MessagesResponse>(MESSAGES_PATH, { limit: 50 }))
    if (this.messages.data) this.home.setUnread(this.messages.data)
  }

  /** `ids`: those messages; none: all of them. */
  async markRead(ids?: number[]): Promise<void> {
    const body: MarkMessagesReadRequest = ids ? { ids } : {}
    const answer = await this.api.post<MessagesUnread>(`${MESSAGES_PATH}/read`, body)
    this.home.setUnread(answer)
    await this.load()
  }

  forget(): void {
    forgetAll(this, new InboxStore(this.api, this.home))
  }
}

export function inboxStore(root: RootStore): InboxStore {
  return root.feature('messages', () => new InboxStore(root.api, root.home))
}
