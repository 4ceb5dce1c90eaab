import { makeAutoObservable, runInAction } from 'mobx'
import type { CertificateDetail, Presentation, PresentationState, PresentationStatus } from '@/contract/certificates/schemas'
import type { ApiError } from '@/platform/api-error'
import type { ApiClient } from '@/api/api-client'
import { certificatesService } from '../api'
import { forgetAll } from '@/stores/forget'
import { Mutation } from '@/stores/mutation'
import type { LedgerStore } from './ledger-store'
import { PresentationDraftForm } from './presentation-draft'
import type { ReverifyStore } from './reverify-store'

/** How often the 亮证 view asks whether the code was scanned. */
export const PRESENTATION_POLL_MS = 3000

/** The code on screen, with the certificate it belongs to. */
export type ShownPresentation = Presentation & { certificateId: string }

/**
 * 亮证: the form (purpose → fields, `form`) and the short-lived presentation code it produces,
 * polled until scanned, withdrawable.
 */
export class PresentationStore {
  readonly form: PresentationDraftForm
  presentation: ShownPresentation | undefined = undefined
  presentationState: PresentationState | undefined = undefined
  readonly presentCall = new Mutation()
  readonly withdrawCall = new Mutation()
  /** The 亮证 view's clock, ticked once a second while it is shown. */
  now = Date.now()
  private lastPoll = 0
  private polling = false

  constructor(
    private readonly api: ApiClient,
    private readonly recheck: ReverifyStore,
    private readonly ledgers: LedgerStore,
  ) {
    this.form = new PresentationDraftForm(api, () => this.clearErrors())
    makeAutoObservable<PresentationStore, 'api' | 'recheck' | 'ledgers' | 'lastPoll' | 'polling'>(this, {
      api: false,
      recheck: false,
      ledgers: false,
      lastPoll: false,
      polling: false,
      form: false,
      presentCall: false,
      withdrawCall: false,
    })
  }

  get presenting(): boolean {
    return this.presentCall.busy
  }

  get withdrawing(): boolean {
    return this.withdrawCall.busy
  }

  /** What went wrong making or withdrawing the code. */
  get presentError(): ApiError | undefined {
    return this.presentCall.error ?? this.withdrawCall.error
  }

  private clearErrors(): void {
    this.presentCall.clearError()
    this.withdrawCall.clearError()
  }

  /**
   * Starts (or keeps) the selection for this certificate. Another certificate's code is
   * dropped from the screen: a refresh must never reissue it with this selection.
   */
  openDraft(detail: CertificateDetail): void {
    if (!this.form.open(detail)) return
    if (this.presentation && this.presentation.certificateId !== detail.id) this.clearPresentation()
    this.clearErrors()
  }

  async present(): Promise<void> {
    const draft = this.form.draft
    const purpose = draft?.purpose
    if (!draft || !purpose || this.form.draftProblem || this.presentCall.busy) return
    this.withdrawCall.clearError()
    await this.presentCall.run(
      async () => {
        const presentation = await certificatesService.present(this.api, { certificateId: draft.certificateId, purpose, fields: [...draft.fields] })
        runInAction(() => {
          this.presentation = { ...presentation, certificateId: draft.certificateId }
          this.presentationState = { presentationId: presentation.presentationId, status: 'active', expiresAt: presentation.expiresAt }
          this.now = Date.now()
          this.lastPoll = this.now
        })
      },
      this.recheck.claim('亮证', () => this.present()),
    )
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
        if (state.status === 'verified' && !wasVerified) this.ledgers.stale(presentation.certificateId)
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
    if (!presentation || this.withdrawCall.busy || this.presentationStatus !== 'active') return
    this.presentCall.clearError()
    const withdrawn = await this.withdrawCall.run(async () => {
      await certificatesService.withdraw(this.api, presentation.presentationId)
      runInAction(() => {
        if (this.presentationState?.presentationId === presentation.presentationId && this.presentationState.status === 'active') {
          this.presentationState = { ...this.presentationState, status: 'withdrawn' }
        }
      })
    })
    if (withdrawn) void this.pollPresentation()
  }

  /** Back to choosing purpose and fields (after a code was used, expired or withdrawn). */
  clearPresentation(): void {
    this.presentation = undefined
    this.presentationState = undefined
    this.clearErrors()
  }

  forget(): void {
    forgetAll(this, new PresentationStore(this.api, this.recheck, this.ledgers))
  }
}
