import type { Platform } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'
import { forgetAll } from '@/stores/forget'
import type { RootStore } from '@/stores/root-store'
import { AuthorisationsStore } from './authorisations-store'
import { LedgerStore } from './ledger-store'
import { PresentationStore } from './presentation-store'
import { RevealStore } from './reveal-store'
import { ReverifyStore } from './reverify-store'
import { VerifierStore } from './verifier-store'
import { WalletStore } from './wallet-store'

export { LEDGER_PAGE_SIZE, type LedgerList } from './ledger-store'
export type { Purpose, PresentationDraft } from './presentation-draft'
export { PRESENTATION_POLL_MS, type ShownPresentation } from './presentation-store'

/**
 * 电子证照, one store per concept: the wallet (masked) and details, reveal of single fields,
 * re-verification when the server asks for it, 亮证 (form and code), the ledger, third-party
 * authorisations, and a verifier's scan. Pages reach each through this one accessor.
 */
export class CertificatesStore {
  readonly cards: WalletStore
  readonly recheck: ReverifyStore
  readonly reveals: RevealStore
  readonly ledgers: LedgerStore
  readonly presenter: PresentationStore
  readonly grants: AuthorisationsStore
  readonly verifier: VerifierStore

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'scanCode'>,
  ) {
    this.cards = new WalletStore(api)
    this.recheck = new ReverifyStore(api)
    this.reveals = new RevealStore(api, this.recheck)
    this.ledgers = new LedgerStore(api)
    this.presenter = new PresentationStore(api, this.recheck, this.ledgers)
    this.grants = new AuthorisationsStore(api, this.recheck, this.ledgers)
    this.verifier = new VerifierStore(api, platform)
  }

  /** The 亮证 form (purpose and fields) of the presentation. */
  get draftForm() {
    return this.presenter.form
  }

  /** Forgets everything about this citizen's certificates (another person may pick up the phone). */
  forget(): void {
    forgetAll(this, new CertificatesStore(this.api, this.platform))
  }
}

/** The CertificatesStore, built on first use: only the certificates subpackage imports this module, so the store stays out of the main package. */
export function certificatesStore(root: RootStore): CertificatesStore {
  return root.feature('certificates', () => new CertificatesStore(root.api, root.platform))
}
