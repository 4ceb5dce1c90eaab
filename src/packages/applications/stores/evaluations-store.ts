import { makeAutoObservable, runInAction } from 'mobx'
import type { EvaluationRequest, EvaluationState } from '@/contract/evaluations/schemas'
import { BAD_RATING_MAX, characterCount, ratingGroup, TAGS, TEXT_LIMITS, type Rating } from '@/contract/evaluations/data'
import { type ApiError } from '@/platform/api-error'
import type { ApiClient } from '@/api/api-client'
import { evaluationsService } from '@/packages/applications/evaluations-api'
import { LoadState } from '@/stores/load-state'
import type { RootStore } from '@/stores/root-store'
import { forgetAll } from '@/stores/forget'
import { Mutation } from '@/stores/mutation'

export type RatingField = 'rating' | 'reason' | 'comment'

/** The rating being chosen on the rate page. */
export interface RatingDraft {
  applicationId: string
  rating: Rating | undefined
  tags: string[]
  comment: string
  reason: string
}


/** A rating at or below BAD_RATING_MAX is a 差评: it needs a reason. */
export const needsReason = (rating: Rating | undefined) => rating !== undefined && rating <= BAD_RATING_MAX

/** The tags offered for a rating (its group's), none before a rating is chosen. */
export const tagsFor = (rating: Rating | undefined): readonly string[] => (rating === undefined ? [] : TAGS[ratingGroup(rating)])

/**
 * 好差评: the evaluation state of an application (may it be rated, re-rated; what was said
 * and what the department answered), and the draft of a rating or the one re-rate.
 */
export class EvaluationsStore {
  private readonly states = new Map<string, LoadState<EvaluationState>>()
  draft: RatingDraft | undefined = undefined
  /** The citizen pressed 提交评价: empty required parts now count. */
  attempted = false
  readonly sendCall = new Mutation()
  /** Set after a rating was recorded, until the page is left. */
  justRated = false

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<EvaluationsStore, 'api' | 'states'>(this, { api: false, states: false, sendCall: false })
  }

  get sending(): boolean {
    return this.sendCall.busy
  }

  get sendError(): ApiError | undefined {
    return this.sendCall.error
  }

  state(applicationId: string): LoadState<EvaluationState> {
    let state = this.states.get(applicationId)
    if (!state) {
      state = new LoadState<EvaluationState>()
      this.states.set(applicationId, state)
    }
    return state
  }

  load(applicationId: string): Promise<void> {
    return this.state(applicationId).run(() => evaluationsService.state(this.api, applicationId))
  }

  /** Starts a fresh draft for this application (keeps one already open for it). */
  openDraft(applicationId: string): void {
    if (this.draft?.applicationId === applicationId) return
    this.draft = { applicationId, rating: undefined, tags: [], comment: '', reason: '' }
    this.attempted = false
    this.sendCall.clearError()
    this.justRated = false
  }

  closeDraft(): void {
    this.draft = undefined
    this.attempted = false
    this.sendCall.clearError()
    this.justRated = false
  }

  chooseRating(rating: Rating): void {
    const draft = this.draft
    if (!draft) return
    draft.rating = rating
    // Tags belong to a rating group: those of another group go.
    draft.tags = draft.tags.filter((tag) => tagsFor(rating).includes(tag))
    this.sendCall.clearError()
  }

  toggleTag(tag: string): void {
    const draft = this.draft
    if (!draft || !tagsFor(draft.rating).includes(tag)) return
    draft.tags = draft.tags.includes(tag) ? draft.tags.filter((chosen) => chosen !== tag) : [...draft.tags, tag]
  }

  setComment(comment: string): void {
    if (this.draft) this.draft.comment = comment
  }

  setReason(reason: string): void {
    if (this.draft) this.draft.reason = reason
  }

  /** Problems by part, in words: too long at once, missing after 提交评价. */
  get problems(): Partial<Record<RatingField, string>> {
    const draft = this.draft
    const found: Partial<Record<RatingField, string>> = {}
    if (!draft) return found
    if (this.attempted && draft.rating === undefined) found.rating = '请选择满意程度'
    const reason = characterCount(draft.reason.trim())
    if (reason > TEXT_LIMITS.reason.max) found.reason = `原因不能超过${TEXT_LIMITS.reason.max}个字`
    else if (needsReason(draft.rating) && this.attempted && reason < TEXT_LIMITS.reason.min) found.reason = `请写明不满意的原因（至少${TEXT_LIMITS.reason.min}个字），部门会据此整改并答复您`
    if (characterCount(draft.comment.trim()) > TEXT_LIMITS.comment.max) found.comment = `评价内容不能超过${TEXT_LIMITS.comment.max}个字`
    return found
  }

  /** Sends the rating, or the re-rate when the department has answered a 差评. */
  async send(): Promise<boolean> {
    const draft = this.draft
    if (!draft || this.sending) return false
    this.attempted = true
    if (Object.keys(this.problems).length > 0 || draft.rating === undefined) return false
    const current = this.state(draft.applicationId).data
    const reRate = current?.canReRate === true && current.canRate === false
    const comment = draft.comment.trim()
    const reason = draft.reason.trim()
    const request: EvaluationRequest = {
      rating: draft.rating,
      ...(draft.tags.length > 0 ? { tags: [...draft.tags] } : {}),
      ...(comment ? { comment } : {}),
      ...(needsReason(draft.rating) && reason ? { reason } : {}),
    }
    return this.sendCall.run(
      async () => {
        const state = reRate ? await evaluationsService.reRate(this.api, draft.applicationId, request) : await evaluationsService.rate(this.api, draft.applicationId, request)
        runInAction(() => {
          this.state(draft.applicationId).restore(state, new Date())
          this.draft = { applicationId: draft.applicationId, rating: undefined, tags: [], comment: '', reason: '' }
          this.attempted = false
          this.justRated = true
        })
      },
      (error) => {
        // Rated meanwhile (another device)? Show what is recorded now (the error is still shown).
        if (error.status === 409) void this.load(draft.applicationId)
        return false
      },
    )
  }

  forget(): void {
    this.states.forEach((state) => state.reset())
    forgetAll(this, new EvaluationsStore(this.api))
  }
}

/** The EvaluationsStore, built on first use: only the applications subpackage imports this module, so the store stays out of the main package. */
export function evaluationsStore(root: RootStore): EvaluationsStore {
  return root.feature('evaluations', () => new EvaluationsStore(root.api))
}
