import { makeAutoObservable, runInAction } from 'mobx'
import type { Authorisation, AuthorisationCreated, AuthorisationRequest } from '@/contract/certificates/schemas'
import type { ApiError } from '@/platform/api-error'
import type { ApiClient } from '@/api/api-client'
import { certificatesService } from '../api'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'
import { Mutation } from '@/stores/mutation'
import type { LedgerStore } from './ledger-store'
import type { ReverifyStore } from './reverify-store'

/** Third-party authorisations: the list, granting one (its access key shown once) and revoking. */
export class AuthorisationsStore {
  readonly authorisations = new LoadState<Authorisation[]>((items) => items.length === 0)
  /** The certificate the authorisation list was loaded for (undefined: all certificates). */
  authorisationsFor: string | undefined = undefined
  /** The authorisation just granted, with its access key: shown once, forgotten on leaving the page. */
  created: AuthorisationCreated | undefined = undefined
  readonly authoriseCall = new Mutation()
  /** The grant whose revocation waits for the citizen's confirmation (inline, never a pop-up). */
  confirmingRevoke: string | undefined = undefined
  /** The grant being revoked. */
  revoking: string | undefined = undefined
  readonly revokeCall = new Mutation()

  constructor(
    private readonly api: ApiClient,
    private readonly recheck: ReverifyStore,
    private readonly ledgers: LedgerStore,
  ) {
    makeAutoObservable<AuthorisationsStore, 'api' | 'recheck' | 'ledgers'>(this, {
      api: false,
      recheck: false,
      ledgers: false,
      authorisations: false,
      authoriseCall: false,
      revokeCall: false,
    })
  }

  get authorising(): boolean {
    return this.authoriseCall.busy
  }

  get authoriseError(): ApiError | undefined {
    return this.authoriseCall.error
  }

  get revokeError(): ApiError | undefined {
    return this.revokeCall.error
  }

  loadAuthorisations(certificateId?: string): Promise<void> {
    if (this.authorisationsFor !== certificateId) this.authorisations.reset()
    this.authorisationsFor = certificateId
    this.cancelRevoke()
    return this.authorisations.run(async () => (await certificatesService.authorisations(this.api, certificateId)).items)
  }

  async authorise(certificateId: string, request: AuthorisationRequest): Promise<void> {
    await this.authoriseCall.run(
      async () => {
        const created = await certificatesService.authorise(this.api, certificateId, request)
        runInAction(() => {
          this.created = created
          // The list (if kept) lacks the new grant; it is fetched again when next shown.
          this.authorisations.reset()
          this.ledgers.stale(certificateId)
        })
      },
      this.recheck.claim('授权', () => this.authorise(certificateId, request)),
    )
  }

  /** The access key is shown once: leaving the page forgets it for good. */
  forgetCreated(): void {
    this.created = undefined
    this.authoriseCall.clearError()
  }

  askRevoke(grantId: string): void {
    this.confirmingRevoke = grantId
    this.revokeCall.clearError()
  }

  cancelRevoke(): void {
    this.confirmingRevoke = undefined
    this.revokeCall.clearError()
  }

  async revoke(grantId: string): Promise<void> {
    if (this.revoking) return
    this.revoking = grantId
    await this.revokeCall.run(async () => {
      const revoked = await certificatesService.revoke(this.api, grantId)
      runInAction(() => {
        const items = this.authorisations.data
        const index = items?.findIndex((item) => item.id === grantId) ?? -1
        if (items && index >= 0) items[index] = revoked
        this.confirmingRevoke = undefined
        this.ledgers.stale(revoked.certificateId)
      })
    })
    runInAction(() => {
      this.revoking = undefined
    })
  }

  forget(): void {
    forgetAll(this, new AuthorisationsStore(this.api, this.recheck, this.ledgers))
  }
}
