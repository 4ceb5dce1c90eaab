import type { Platform } from '@/platform/types'
import { createApiClient, type ApiClient } from '@/api/api-client'
import { ActingStore, type ActingFor } from './acting-store'
import { HomeStore } from './home-store'
import { NoticesStore } from './notices-store'
import { PERSONAL_STORAGE_KEYS } from './personal-keys'
import { SessionStore } from './session-store'
import { UiStore } from './ui-store'

/** A feature store that keeps personal data: logout makes it forget. */
interface Forgetful {
  forget(): void
}

const isForgetful = (store: unknown): store is Forgetful =>
  typeof store === 'object' && store !== null && typeof (store as Partial<Forgetful>).forget === 'function'

/**
 * Builds the stores the main package needs (UI, session, notices) around one platform (the
 * transport). Feature stores are built on first use through feature(), called from their
 * subpackage, so their code, services and word tables are downloaded with that subpackage
 * and not by every citizen on every cold start.
 */
export class RootStore {
  readonly ui: UiStore
  readonly session: SessionStore
  readonly api: ApiClient
  readonly notices: NoticesStore
  readonly home: HomeStore
  /** 为谁办理: whom the citizen is acting for (亲情代办), read by the API client on every request. */
  readonly acting: ActingStore
  private readonly features = new Map<string, unknown>()

  constructor(readonly platform: Platform) {
    this.ui = new UiStore(platform)
    this.session = new SessionStore(platform)
    this.acting = new ActingStore(platform)
    this.api = createApiClient(platform, {
      token: () => this.session.token,
      renew: () => this.session.renew(),
      renewalError: () => this.session.loginError,
      actingFor: (path) => this.acting.headerFor(path),
      delegationInactive: (error) => this.stopActing(error.message),
    })
    this.session.attach(this.api)
    this.notices = new NoticesStore(this.api)
    this.home = new HomeStore(this.api, platform)
  }

  /** The feature store under `key`, built by `create` the first time it is asked for, then the same one. */
  feature<T>(key: string, create: (root: RootStore) => T): T {
    if (!this.features.has(key)) this.features.set(key, create(this))
    return this.features.get(key) as T
  }

  /** Logs out and forgets every personal thing kept on the device (another person may pick it up). */
  async logout(): Promise<void> {
    await this.session.logout()
    this.acting.forget()
    this.forgetPersonalData()
  }

  /**
   * 为谁办理: acts for a family member (亲情代办), or for oneself again (undefined). What the
   * feature stores hold (and the last health code on the device) belongs to the person shown
   * until now: it is forgotten, so no page shows one person's data under the other's name.
   */
  switchPerson(to: ActingFor | undefined): void {
    if (to?.delegationId === this.acting.current?.delegationId) return
    this.acting.set(to)
    this.forgetPersonalData()
  }

  /**
   * The server refused the delegation in use (the principal ended it, it expired): back to 本人 at
   * once, and what was shown of the other person is forgotten; the page says why (Screen).
   */
  private stopActing(message: string): void {
    const principalName = this.acting.current?.principalName
    if (!principalName) return
    this.acting.set(undefined)
    this.acting.markEnded(principalName, message)
    this.forgetPersonalData()
  }

  private forgetPersonalData(): void {
    this.home.forget()
    for (const store of this.features.values()) if (isForgetful(store)) store.forget()
    // Also what features not opened since launch kept on the device in an earlier one.
    for (const key of Object.values(PERSONAL_STORAGE_KEYS)) this.platform.storage.remove(key)
  }
}
