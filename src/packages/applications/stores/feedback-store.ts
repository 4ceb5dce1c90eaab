import { makeAutoObservable, runInAction } from 'mobx'
import type { Feedback, FeedbackRequest } from '@/contract/evaluations/schemas'
import { characterCount, TEXT_LIMITS, type FeedbackCategory, type FeedbackKind } from '@/contract/evaluations/data'
import type { ApiError } from '@/platform/api-error'
import type { ApiClient } from '@/api/api-client'
import { evaluationsService } from '@/packages/applications/evaluations-api'
import { LoadState } from '@/stores/load-state'
import type { RootStore } from '@/stores/root-store'
import { forgetAll } from '@/stores/forget'
import { Mutation } from '@/stores/mutation'

export type FeedbackField = 'kind' | 'category' | 'text'

export interface FeedbackDraft {
  kind: FeedbackKind | undefined
  category: FeedbackCategory | undefined
  text: string
  /** From the guide page or the no-result search: sent along, shown, not typed. */
  itemCode: string | undefined
  searchQuery: string | undefined
}


/** 投诉 / 建议 / 咨询: writing one, and the citizen's list with each status and reply. */
export class FeedbackStore {
  readonly list = new LoadState<Feedback[]>((items) => items.length === 0)
  draft: FeedbackDraft = emptyDraft()
  attempted = false
  readonly sendCall = new Mutation()
  /** The feedback just sent, shown as a receipt until the page is left. */
  sent: Feedback | undefined = undefined
  readonly closeCall = new Mutation()
  /** The feedback whose 已办结 is being sent. */
  closingId: string | undefined = undefined

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<FeedbackStore, 'api'>(this, { api: false, list: false, sendCall: false, closeCall: false })
  }

  get sending(): boolean {
    return this.sendCall.busy
  }

  get sendError(): ApiError | undefined {
    return this.sendCall.error
  }

  get closing(): string | undefined {
    return this.closeCall.busy ? this.closingId : undefined
  }

  get closeError(): ApiError | undefined {
    return this.closeCall.error
  }

  /** A new draft, with what the page that sent the citizen here already knows. */
  openDraft(context: { kind?: FeedbackKind; category?: FeedbackCategory; itemCode?: string; searchQuery?: string }): void {
    this.draft = { ...emptyDraft(), ...context }
    this.attempted = false
    this.sendCall.reset()
    this.sent = undefined
  }

  update(patch: Partial<Pick<FeedbackDraft, 'kind' | 'category' | 'text'>>): void {
    Object.assign(this.draft, patch)
    if (this.sendError?.field) this.sendCall.clearError()
  }

  get problems(): Partial<Record<FeedbackField, string>> {
    const found: Partial<Record<FeedbackField, string>> = {}
    const length = characterCount(this.draft.text.trim())
    if (this.attempted && !this.draft.kind) found.kind = '请选择投诉、建议还是咨询'
    if (this.attempted && !this.draft.category) found.category = '请选择问题类别'
    if (length > TEXT_LIMITS.feedbackText.max) found.text = `内容不能超过${TEXT_LIMITS.feedbackText.max}个字`
    else if (this.attempted && length < TEXT_LIMITS.feedbackText.min) found.text = `请把情况写清楚（至少${TEXT_LIMITS.feedbackText.min}个字）`
    return found
  }

  async send(): Promise<boolean> {
    if (this.sending || this.sent) return this.sent !== undefined
    this.attempted = true
    const { kind, category, text, itemCode, searchQuery } = this.draft
    if (Object.keys(this.problems).length > 0 || !kind || !category) return false
    const request: FeedbackRequest = {
      kind,
      category,
      text: text.trim(),
      ...(itemCode ? { itemCode } : {}),
      ...(searchQuery ? { searchQuery: Array.from(searchQuery.trim()).slice(0, TEXT_LIMITS.searchQuery.max).join('') } : {}),
    }
    return this.sendCall.run(async () => {
      const sent = await evaluationsService.sendFeedback(this.api, request)
      runInAction(() => {
        this.sent = sent
        this.list.reset()
      })
    })
  }

  loadList(): Promise<void> {
    this.closeCall.clearError()
    return this.list.run(async () => (await evaluationsService.feedbackList(this.api)).items)
  }

  /** The citizen confirms an answered feedback is settled (已办结). */
  async close(id: string): Promise<void> {
    if (this.closeCall.busy) return
    this.closingId = id
    await this.closeCall.run(async () => {
      const closed = await evaluationsService.closeFeedback(this.api, id)
      runInAction(() => {
        const items = this.list.data
        const index = items?.findIndex((item) => item.id === id) ?? -1
        if (items && index >= 0) items[index] = closed
      })
    })
  }

  forget(): void {
    forgetAll(this, new FeedbackStore(this.api))
  }
}

function emptyDraft(): FeedbackDraft {
  return { kind: undefined, category: undefined, text: '', itemCode: undefined, searchQuery: undefined }
}

/** The FeedbackStore, built on first use: only the applications subpackage imports this module, so the store stays out of the main package. */
export function feedbackStore(root: RootStore): FeedbackStore {
  return root.feature('feedback', () => new FeedbackStore(root.api))
}
