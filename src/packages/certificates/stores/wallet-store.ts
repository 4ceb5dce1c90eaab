import { makeAutoObservable } from 'mobx'
import type { CertificateDetail, CertificateSummary } from '@/contract/certificates/schemas'
import type { ApiClient } from '@/api/api-client'
import { certificatesService } from '../api'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'

/** The wallet (every certificate, masked) and each certificate's detail. */
export class WalletStore {
  readonly wallet = new LoadState<CertificateSummary[]>((items) => items.length === 0)
  private readonly details = new Map<string, LoadState<CertificateDetail>>()

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<WalletStore, 'api' | 'details'>(this, { api: false, details: false, wallet: false })
  }

  loadWallet(): Promise<void> {
    return this.wallet.run(async () => (await certificatesService.list(this.api)).items)
  }

  /** One LoadState per certificate, kept so returning to a card shows it at once. */
  detail(id: string): LoadState<CertificateDetail> {
    let state = this.details.get(id)
    if (!state) {
      state = new LoadState<CertificateDetail>()
      this.details.set(id, state)
    }
    return state
  }

  loadDetail(id: string): Promise<void> {
    return this.detail(id).run(() => certificatesService.detail(this.api, id))
  }

  forget(): void {
    // Pages may still hold a detail's LoadState: reset each before dropping them.
    this.details.forEach((state) => state.reset())
    forgetAll(this, new WalletStore(this.api))
  }
}
