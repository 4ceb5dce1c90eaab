import { makeAutoObservable, runInAction } from 'mobx'
import type {
  Authorisation,
  AuthorisationCreated,
  AuthorisationRequest,
  CertificateDetail,
  CertificateSummary,
  CertificateType,
  CertificateVerifyResponse,
  LedgerEntry,
  Presentation,
  PresentationPurpose,
  PresentationState,
  PresentationStatus,
  PurposeList,
} from '@/contract/certificates'
import { normaliseIdNumber } from '@/contract/id-number'
import { ApiError } from '@/platform/api-error'
import type { Platform } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'
import { certificatesService } from '@/packages/certificates/api'
import { LoadState } from '@/stores/load-state'
import { identityService } from '@/api/identity'
import type { RootStore } from '@/stores/root-store'

/** Ledger entries per request; older ones on demand. */
export const LEDGER_PAGE_SIZE = 20
/** How often the 亮证 view asks whether the code was scanned. */
export const PRESENTATION_POLL_MS = 3000

export type Purpose = PurposeList['items'][number]

export interface LedgerList {
  certificateId: string
  items: LedgerEntry[]
  /** Pass as `before` for older entries; absent when there are none. */
  nextBefore: number | undefined
}

/** What the citizen is choosing in the 亮证 view: one purpose and the fields to show. */
export interface PresentationDraft {
  certificateId: string
  type: CertificateType
  /** All field keys of the certificate in display order (the selection keeps this order). */
  fieldOrder: string[]
  purpose: PresentationPurpose | undefined
  fields: string[]
}

/** The code on screen, with the certificate it belongs to. */
export type ShownPresentation = Presentation & { certificateId: string }

const errorOf = (error: unknown) => (error instanceof ApiError ? error : new ApiError('INTERNAL'))
const needsVerification = (error: unknown) => error instanceof ApiError && error.code === 'RECENT_VERIFICATION_REQUIRED'
const revealKey = (certificateId: string, field: string) => `${certificateId}:${field}`

/**
 * 电子证照: the wallet (masked), one certificate's detail with reveal of single fields, the
 * 亮证 flow (purpose → fields → a short-lived presentation code, polled until scanned,
 * withdrawable), the ledger, third-party authorisations, and a verifier's scan.
 *
 * Presenting, authorising and revealing may answer 403 RECENT_VERIFICATION_REQUIRED: the
 * store then asks the page for the ID number (`verificationNeeded`), re-verifies and
 * repeats the action the citizen asked for, so they never start over.
 */
export class CertificatesStore {
  readonly wallet = new LoadState<CertificateSummary[]>((items) => items.length === 0)
  readonly purposes = new LoadState<Purpose[]>((items) => items.length === 0)
  readonly authorisations = new LoadState<Authorisation[]>((items) => items.length === 0)
  /** The certificate the authorisation list was loaded for (undefined: all certificates). */
  authorisationsFor: string | undefined = undefined
  /** The verifier's last scan. */
  readonly verification = new LoadState<CertificateVerifyResponse>()
  private readonly details = new Map<string, LoadState<CertificateDetail>>()
  private readonly ledgers = new Map<string, LoadState<LedgerList>>()

  /** Full values revealed on this visit, by `certificateId:field`; hidden again on leaving. */
  revealed = new Map<string, string>()
  /** The field whose full value is being fetched (`certificateId:field`). */
  revealing: string | undefined = undefined
  revealError: ApiError | undefined = undefined

  /** Set when the server asked for a fresh verification: what the citizen was doing, in words. */
  verificationNeeded: { action: string } | undefined = undefined
  reverifying = false
  reverifyError: ApiError | undefined = undefined
  private retryAfterVerification: (() => Promise<void>) | undefined = undefined

  draft: PresentationDraft | undefined = undefined
  presentation: ShownPresentation | undefined = undefined
  presentationState: PresentationState | undefined = undefined
  presenting = false
  withdrawing = false
  presentError: ApiError | undefined = undefined
  /** The 亮证 view's clock, ticked once a second while it is shown. */
  now = Date.now()
  private lastPoll = 0
  private polling = false

  /** The authorisation just granted, with its access key: shown once, forgotten on leaving the page. */
  created: AuthorisationCreated | undefined = undefined
  authorising = false
  authoriseError: ApiError | undefined = undefined
  /** The grant whose revocation waits for the citizen's confirmation (inline, never a pop-up). */
  confirmingRevoke: string | undefined = undefined
  revoking: string | undefined = undefined
  revokeError: ApiError | undefined = undefined

  ledgerLoadingMore = false
  ledgerMoreError: ApiError | undefined = undefined

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'scanCode'>,
  ) {
    makeAutoObservable<CertificatesStore, 'api' | 'platform' | 'details' | 'ledgers' | 'retryAfterVerification' | 'lastPoll' | 'polling'>(this, {
      api: false,
      platform: false,
      details: false,
      ledgers: false,
      retryAfterVerification: false,
      lastPoll: false,
      polling: false,
      wallet: false,
      purposes: false,
      authorisations: false,
      verification: false,
    })
  }

  // --- wallet and detail ---------------------------------------------------------------------

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

  loadPurposes(): Promise<void> {
    if (this.purposes.status === 'ready' || this.purposes.status === 'loading') return Promise.resolve()
    return this.purposes.run(async () => (await certificatesService.purposes(this.api)).items)
  }

  // --- reveal and re-verification ------------------------------------------------------------

  revealedValue(certificateId: string, field: string): string | undefined {
    return this.revealed.get(revealKey(certificateId, field))
  }

  isRevealing(certificateId: string, field: string): boolean {
    return this.revealing === revealKey(certificateId, field)
  }

  async reveal(certificateId: string, field: string): Promise<void> {
    if (this.revealing) return
    const key = revealKey(certificateId, field)
    this.revealing = key
    this.revealError = undefined
    try {
      const revealed = await certificatesService.reveal(this.api, certificateId, field)
      runInAction(() => this.revealed.set(key, revealed.value))
    } catch (error) {
      runInAction(() => {
        if (needsVerification(error)) this.askVerification('查看完整信息', () => this.reveal(certificateId, field))
        else this.revealError = errorOf(error)
      })
    } finally {
      runInAction(() => {
        this.revealing = undefined
      })
    }
  }

  hide(certificateId: string, field: string): void {
    this.revealed.delete(revealKey(certificateId, field))
  }

  /** Masks every revealed value again (leaving the page, logout). */
  hideAll(): void {
    this.revealed.clear()
    this.revealError = undefined
  }

  private askVerification(action: string, retry: () => Promise<void>): void {
    this.verificationNeeded = { action }
    this.reverifyError = undefined
    this.retryAfterVerification = retry
  }

  /** The citizen typed their ID number: the server re-checks it, then the interrupted action runs again. */
  async reverify(idNumber: string): Promise<boolean> {
    if (this.reverifying) return false
    this.reverifying = true
    this.reverifyError = undefined
    try {
      await identityService.reverify(this.api, normaliseIdNumber(idNumber))
    } catch (error) {
      runInAction(() => {
        this.reverifyError = errorOf(error)
        this.reverifying = false
      })
      return false
    }
    const retry = this.retryAfterVerification
    runInAction(() => {
      this.verificationNeeded = undefined
      this.retryAfterVerification = undefined
      this.reverifying = false
    })
    await retry?.()
    return true
  }

  cancelVerification(): void {
    this.verificationNeeded = undefined
    this.reverifyError = undefined
    this.retryAfterVerification = undefined
  }

  // --- 亮证: purpose, fields, the presentation code ---------------------------------------------

  /**
   * Starts (or keeps) the selection for this certificate. Another certificate's code is
   * dropped from the screen: a refresh must never reissue it with this selection.
   */
  openDraft(detail: CertificateDetail): void {
    if (this.draft?.certificateId === detail.id) return
    this.draft = { certificateId: detail.id, type: detail.type, fieldOrder: detail.fields.map((field) => field.key), purpose: undefined, fields: [] }
    if (this.presentation && this.presentation.certificateId !== detail.id) this.clearPresentation()
    this.presentError = undefined
  }

  /** Chooses why the certificate is shown; the purpose's suggested fields for this type are ticked. */
  choosePurpose(purpose: PresentationPurpose): void {
    const draft = this.draft
    if (!draft) return
    const suggested = this.purposes.data?.find((item) => item.purpose === purpose)?.suggestedFields.find((entry) => entry.type === draft.type)?.fields ?? []
    draft.purpose = purpose
    draft.fields = draft.fieldOrder.filter((key) => suggested.includes(key))
    this.presentError = undefined
  }

  toggleField(key: string): void {
    const draft = this.draft
    if (!draft || !draft.fieldOrder.includes(key)) return
    const chosen = draft.fields.includes(key) ? draft.fields.filter((candidate) => candidate !== key) : [...draft.fields, key]
    draft.fields = draft.fieldOrder.filter((candidate) => chosen.includes(candidate))
    this.presentError = undefined
  }

  /** What keeps the code from being made, in words; undefined when it can be. */
  get draftProblem(): string | undefined {
    if (!this.draft?.purpose) return '请先选择亮证用途'
    if (this.draft.fields.length === 0) return '请至少选择一项要出示的信息'
    return undefined
  }

  async present(): Promise<void> {
    const draft = this.draft
    if (!draft || !draft.purpose || this.draftProblem || this.presenting) return
    this.presenting = true
    this.presentError = undefined
    try {
      const presentation = await certificatesService.present(this.api, { certificateId: draft.certificateId, purpose: draft.purpose, fields: [...draft.fields] })
      runInAction(() => {
        this.presentation = { ...presentation, certificateId: draft.certificateId }
        this.presentationState = { presentationId: presentation.presentationId, status: 'active', expiresAt: presentation.expiresAt }
        this.now = Date.now()
        this.lastPoll = this.now
      })
    } catch (error) {
      runInAction(() => {
        if (needsVerification(error)) this.askVerification('亮证', () => this.present())
        else this.presentError = errorOf(error)
      })
    } finally {
      runInAction(() => {
        this.presenting = false
      })
    }
  }

  /** The code shown for this certificate, if any (it outlives a visit to another page). */
  presentationOf(certificateId: string): ShownPresentation | undefined {
    return this.presentation?.certificateId === certificateId ? this.presentation : undefined
  }

  /** active / verified / expired / withdrawn; an active code past its time counts as expired at once. */
  get presentationStatus(): PresentationStatus | undefined {
    const state = this.presentationState
    if (!state) return undefined
    if (state.status === 'active' && this.now >= Date.parse(state.expiresAt)) return 'expired'
    return state.status
  }

  get presentationSecondsLeft(): number {
    const presentation = this.presentation
    return presentation ? Math.max(0, Math.ceil((Date.parse(presentation.expiresAt) - this.now) / 1000)) : 0
  }

  tick(now: number = Date.now()): void {
    this.now = now
  }

  /** Whether the page's timer should ask the server about the code now. */
  shouldPoll(): boolean {
    return this.presentationStatus === 'active' && this.now - this.lastPoll >= PRESENTATION_POLL_MS
  }

  /** Was the code scanned (and by whom)? A failed poll changes nothing: the next one retries. */
  async pollPresentation(): Promise<void> {
    const presentation = this.presentation
    if (!presentation || this.polling) return
    this.polling = true
    this.lastPoll = Date.now()
    try {
      const state = await certificatesService.presentationState(this.api, presentation.presentationId)
      runInAction(() => {
        if (this.presentation?.presentationId !== state.presentationId) return
        const wasVerified = this.presentationState?.status === 'verified'
        this.presentationState = state
        // The ledger has a new entry: the next visit fetches it again.
        if (state.status === 'verified' && !wasVerified) this.ledgers.get(presentation.certificateId)?.reset()
      })
    } catch {
      // Offline or a hiccup: the code on screen is still valid until it expires.
    } finally {
      this.polling = false
    }
  }

  /** Withdraws the code on screen at once: it can no longer be verified. */
  async withdraw(): Promise<void> {
    const presentation = this.presentation
    if (!presentation || this.withdrawing || this.presentationStatus !== 'active') return
    this.withdrawing = true
    this.presentError = undefined
    try {
      await certificatesService.withdraw(this.api, presentation.presentationId)
      runInAction(() => {
        if (this.presentationState?.presentationId === presentation.presentationId && this.presentationState.status === 'active') {
          this.presentationState = { ...this.presentationState, status: 'withdrawn' }
        }
      })
      void this.pollPresentation()
    } catch (error) {
      runInAction(() => {
        this.presentError = errorOf(error)
      })
    } finally {
      runInAction(() => {
        this.withdrawing = false
      })
    }
  }

  /** Back to choosing purpose and fields (after a code was used, expired or withdrawn). */
  clearPresentation(): void {
    this.presentation = undefined
    this.presentationState = undefined
    this.presentError = undefined
  }

  // --- ledger --------------------------------------------------------------------------------

  ledger(certificateId: string): LoadState<LedgerList> {
    let state = this.ledgers.get(certificateId)
    if (!state) {
      state = new LoadState<LedgerList>((list) => list.items.length === 0)
      this.ledgers.set(certificateId, state)
    }
    return state
  }

  loadLedger(certificateId: string): Promise<void> {
    this.ledgerMoreError = undefined
    return this.ledger(certificateId).run(async () => {
      const page = await certificatesService.ledger(this.api, certificateId, { limit: LEDGER_PAGE_SIZE })
      return { certificateId, items: page.items, nextBefore: page.nextBefore }
    })
  }

  async loadMoreLedger(certificateId: string): Promise<void> {
    const state = this.ledger(certificateId)
    const list = state.data
    if (!list || list.nextBefore === undefined || this.ledgerLoadingMore || state.status === 'loading') return
    this.ledgerLoadingMore = true
    this.ledgerMoreError = undefined
    try {
      const page = await certificatesService.ledger(this.api, certificateId, { limit: LEDGER_PAGE_SIZE, before: list.nextBefore })
      runInAction(() => {
        if (state.data !== list) return
        list.items.push(...page.items)
        list.nextBefore = page.nextBefore
      })
    } catch (error) {
      runInAction(() => {
        this.ledgerMoreError = errorOf(error)
      })
    } finally {
      runInAction(() => {
        this.ledgerLoadingMore = false
      })
    }
  }

  // --- authorisations --------------------------------------------------------------------------

  loadAuthorisations(certificateId?: string): Promise<void> {
    if (this.authorisationsFor !== certificateId) this.authorisations.reset()
    this.authorisationsFor = certificateId
    this.confirmingRevoke = undefined
    this.revokeError = undefined
    return this.authorisations.run(async () => (await certificatesService.authorisations(this.api, certificateId)).items)
  }

  async authorise(certificateId: string, request: AuthorisationRequest): Promise<void> {
    if (this.authorising) return
    this.authorising = true
    this.authoriseError = undefined
    try {
      const created = await certificatesService.authorise(this.api, certificateId, request)
      runInAction(() => {
        this.created = created
        // The list (if kept) lacks the new grant; it is fetched again when next shown.
        this.authorisations.reset()
        this.ledgers.get(certificateId)?.reset()
      })
    } catch (error) {
      runInAction(() => {
        if (needsVerification(error)) this.askVerification('授权', () => this.authorise(certificateId, request))
        else this.authoriseError = errorOf(error)
      })
    } finally {
      runInAction(() => {
        this.authorising = false
      })
    }
  }

  /** The access key is shown once: leaving the page forgets it for good. */
  forgetCreated(): void {
    this.created = undefined
    this.authoriseError = undefined
  }

  askRevoke(grantId: string): void {
    this.confirmingRevoke = grantId
    this.revokeError = undefined
  }

  cancelRevoke(): void {
    this.confirmingRevoke = undefined
    this.revokeError = undefined
  }

  async revoke(grantId: string): Promise<void> {
    if (this.revoking) return
    this.revoking = grantId
    this.revokeError = undefined
    try {
      const revoked = await certificatesService.revoke(this.api, grantId)
      runInAction(() => {
        const items = this.authorisations.data
        const index = items?.findIndex((item) => item.id === grantId) ?? -1
        if (items && index >= 0) items[index] = revoked
        this.confirmingRevoke = undefined
        this.ledgers.get(revoked.certificateId)?.reset()
      })
    } catch (error) {
      runInAction(() => {
        this.revokeError = errorOf(error)
      })
    } finally {
      runInAction(() => {
        this.revoking = undefined
      })
    }
  }

  // --- verifier --------------------------------------------------------------------------------

  /** Verifier: scan a presentation code and have the server say what it discloses. */
  async scanAndVerify(): Promise<void> {
    await this.verification.run(async () => {
      const code = await this.platform.scanCode()
      return certificatesService.verify(this.api, code)
    })
    // Closing the camera is not an error.
    if (this.verification.error?.code === 'CANCELLED') this.verification.reset()
  }

  clearVerification(): void {
    this.verification.reset()
  }

  // --- logout ----------------------------------------------------------------------------------

  /** Forgets everything about this citizen's certificates (another person may pick up the phone). */
  forget(): void {
    this.wallet.reset()
    this.authorisations.reset()
    this.authorisationsFor = undefined
    this.verification.reset()
    this.details.forEach((state) => state.reset())
    this.details.clear()
    this.ledgers.forEach((state) => state.reset())
    this.ledgers.clear()
    this.hideAll()
    this.cancelVerification()
    this.reverifying = false
    this.draft = undefined
    this.clearPresentation()
    this.presenting = false
    this.withdrawing = false
    this.forgetCreated()
    this.authorising = false
    this.cancelRevoke()
    this.revoking = undefined
    this.ledgerLoadingMore = false
    this.ledgerMoreError = undefined
  }
}

/** The CertificatesStore, built on first use: only the certificates subpackage imports this module, so the store stays out of the main package. */
export function certificatesStore(root: RootStore): CertificatesStore {
  return root.feature('certificates', () => new CertificatesStore(root.api, root.platform))
}
