import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '@/api/api-client'
import { delegationsService } from '@/api/delegations'
import type { DelegationScope } from '@/contract/delegations/data'
import type { Delegation, DelegationList } from '@/contract/delegations/schemas'
import type { Platform } from '@/platform/types'
import { LoadState } from './load-state'

/** Whom the helper is acting for: the delegation and the principal's masked name (what every page shows). */
export interface ActingFor {
  delegationId: string
  principalName: string
  scopes: DelegationScope[]
}

const ACTING_KEY = 'acting.for'

/**
 * Paths that are always the caller's own, never sent as delegate: logging in, the caller's own
 * account and identity steps, and the delegations themselves. Everything else carries the
 * X-Acting-For header while acting, so the server decides (and refuses in words what a
 * delegate may not do, e.g. revealing a full number) — the client never quietly shows the
 * helper's own data under the principal's name.
 */
const SELF_PATHS = ['/api/auth/', '/api/identity/', '/api/delegations', '/api/me/bindings', '/api/me/reveal']

export function isSelfPath(path: string): boolean {
  return path === '/api/me' || SELF_PATHS.some((prefix) => path.startsWith(prefix))
}

/**
 * 为谁办理 (亲情代办): the helper's choice, kept on the device so every page and a cold start
 * agree on whose data is shown; the server checks the delegation on every request anyway.
 */
export class ActingStore {
  current: ActingFor | undefined
  /** Set when the server refused the delegation being used (ended, expired): what the page says instead of the other person's data. */
  ended: { principalName: string; message: string } | undefined = undefined
  readonly delegations = new LoadState<DelegationList>()

  constructor(private readonly platform: Pick<Platform, 'storage'>) {
    makeAutoObservable<ActingStore, 'platform'>(this, { platform: false, delegations: false })
    this.current = platform.storage.get<ActingFor>(ACTING_KEY)
  }

  /** The active delegations the caller may act under (as helper). */
  get choices(): Delegation[] {
    return (this.delegations.data?.asHelper ?? []).filter((delegation) => delegation.state === 'active')
  }

  /** Invitations waiting for the caller's consent (as principal). */
  get waitingForMe(): number {
    return (this.delegations.data?.asPrincipal ?? []).filter((delegation) => delegation.state === 'invited').length
  }

  /** The delegation id to send with a request to `path`, if any. */
  headerFor(path: string): string | undefined {
    return this.current && !isSelfPath(path) ? this.current.delegationId : undefined
  }

  set(to: ActingFor | undefined): void {
    this.current = to
    if (to) this.platform.storage.set(ACTING_KEY, to)
    else this.platform.storage.remove(ACTING_KEY)
  }

  /** Loads the lists; a choice that is no longer active (ended, expired) falls back to 本人. */
  async load(api: ApiClient): Promise<void> {
    await this.delegations.run(() => delegationsService.list(api))
    const current = this.current
    if (current && this.delegations.status === 'ready' && !this.choices.some((choice) => choice.id === current.delegationId)) {
      runInAction(() => this.set(undefined))
    }
  }

  markEnded(principalName: string, message: string): void {
    this.ended = { principalName, message }
  }

  clearEnded(): void {
    this.ended = undefined
  }

  forget(): void {
    this.set(undefined)
    this.ended = undefined
    this.delegations.reset()
  }
}

export function actingFor(delegation: Delegation): ActingFor {
  return { delegationId: delegation.id, principalName: delegation.otherName, scopes: delegation.scopes }
}
