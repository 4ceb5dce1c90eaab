import { makeAutoObservable, runInAction } from 'mobx'
import type { ApplicationDetail, ApplicationForm, NotificationTemplates, SubscriptionRequest } from '@/contract/applications/schemas'
import type { ApiError } from '@/platform/api-error'
import type { Platform, SubscribeDecision } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'
import { applicationsService } from '../api'
import { draftProblems, initialDraft, newIdempotencyKey, submitRequest, type Draft } from './application-draft'
import { MaterialUploadsStore } from './material-uploads-store'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'
import { Mutation } from '@/stores/mutation'

/** What became of the offer to be notified about status changes. */
export type SubscribeOutcome = 'subscribed' | 'declined' | 'unavailable' | 'failed'

/** The answers worth telling the server about; the others mean nobody was asked. */
const RECORDED_DECISIONS: readonly SubscribeDecision[] = ['accept', 'reject', 'ban']
const isRecorded = (decision: SubscribeDecision | undefined): decision is SubscriptionRequest['result'] =>
  decision !== undefined && RECORDED_DECISIONS.includes(decision)

/**
 * 网上申请, the apply form: prefilled by the server, edited here, submitted once however often
 * the citizen retries, then the offer of status notifications.
 *
 * Idempotency: a form session makes ONE key at its first submit and sends it on every
 * retry of that submit (a lost answer, a tap on 重试), so the server answers a retry with
 * the application the first attempt may already have created. The key is dropped only when
 * the session ends (the page is left, or another item's form is opened).
 */
export class ApplyFormStore {
  readonly form = new LoadState<ApplicationForm>()
  readonly templates = new LoadState<NotificationTemplates>()
  /** The item whose form is open. */
  formCode: string | undefined = undefined
  draft: Draft = {}
  /** Held, masked fields the citizen chose to replace (修改): their box starts empty. */
  replacing: string[] = []
  /** The citizen pressed 提交 once: empty required fields now count as problems. */
  attempted = false
  /** This form session's Idempotency-Key, made at the first submit. */
  submitKey: string | undefined = undefined
  readonly submitCall = new Mutation()
  /** The application the submit created (or found again on a retry). */
  submitted: ApplicationDetail | undefined = undefined
  subscribing = false
  subscribeOutcome: SubscribeOutcome | undefined = undefined
  /** 申请材料: the photos / PDFs uploaded for the materials met by an upload. */
  readonly uploads: MaterialUploadsStore

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'requestSubscribeMessage' | 'chooseFile'>,
    /** Told about the application a submit created (the list and detail views take it in). */
    private readonly onSubmitted: (detail: ApplicationDetail) => void = () => {},
    private readonly makeKey: () => string = () => newIdempotencyKey(),
  ) {
    makeAutoObservable<ApplyFormStore, 'api' | 'platform' | 'onSubmitted' | 'makeKey'>(this, {
      api: false,
      platform: false,
      onSubmitted: false,
      makeKey: false,
      form: false,
      templates: false,
      submitCall: false,
      uploads: false,
    })
    this.uploads = new MaterialUploadsStore(api, platform)
  }

  /** Materials met only by an upload that has none yet (the server would refuse the submit naming them). */
  get missingUploads(): string[] {
    const form = this.form.data
    if (!form) return []
    return form.materials.filter((material) => material.provision === 'upload' && this.uploads.of(material.name)?.status !== 'done').map((material) => material.name)
  }

  /** Picks and uploads a file for a material of the open form. */
  pickFile(material: string, source: 'photo' | 'document'): Promise<void> {
    const itemCode = this.formCode
    if (!itemCode) return Promise.resolve()
    return this.uploads.pick(itemCode, material, source)
  }

  get submitting(): boolean {
    return this.submitCall.busy
  }

  get submitError(): ApiError | undefined {
    return this.submitCall.error
  }

  /** Opens an item's form: a new session (new draft, no key yet) unless it is already open. */
  openForm(itemCode: string): Promise<void> {
    if (this.formCode !== itemCode) this.closeForm()
    this.formCode = itemCode
    void this.loadTemplates()
    return this.loadForm()
  }

  /** Loads (or reloads after an error) the open form; the draft is kept across a reload. */
  async loadForm(): Promise<void> {
    const itemCode = this.formCode
    if (!itemCode) return
    await this.form.run(() => applicationsService.form(this.api, itemCode))
    const form = this.form.data
    runInAction(() => {
      if (form && this.formCode === itemCode && Object.keys(this.draft).length === 0) this.draft = initialDraft(form)
    })
  }

  /** Ends the form session: the draft, the key and the outcome are forgotten (templates are not personal). */
  closeForm(): void {
    this.form.reset()
    this.formCode = undefined
    this.draft = {}
    this.replacing = []
    this.attempted = false
    this.submitKey = undefined
    this.submitCall.reset()
    this.submitted = undefined
    this.subscribing = false
    this.subscribeOutcome = undefined
    this.uploads.reset()
  }

  setValue(key: string, value: string): void {
    this.draft[key] = value
    // A server complaint about this field is stale once the citizen changes it.
    const field = this.submitCall.error?.field
    if (field !== undefined && fieldKeyOf(field) === key) this.submitCall.clearError()
  }

  /** 修改 on a held, masked value: a fresh, empty entry (never the masked text to edit around). */
  replaceHeld(key: string): void {
    if (!this.replacing.includes(key)) this.replacing.push(key)
    this.setValue(key, '')
  }

  /** 使用记录中的信息: back to the held value, which the server fills in on submit. */
  keepHeld(key: string): void {
    const field = this.form.data?.fields.find((candidate) => candidate.key === key)
    this.replacing = this.replacing.filter((candidate) => candidate !== key)
    if (field?.value !== undefined) this.setValue(key, String(field.value))
  }

  isReplacing(key: string): boolean {
    return this.replacing.includes(key)
  }

  /** Problems by field key: what is typed is checked at once, empty required fields after 提交. */
  get problems(): Record<string, string> {
    const form = this.form.data
    return form ? draftProblems(form, this.draft, this.attempted) : {}
  }

  /** The field a server validation error names, if it is one of the form's. */
  get serverFieldError(): { key: string; message: string } | undefined {
    const error = this.submitCall.error
    const key = error?.field === undefined ? undefined : fieldKeyOf(error.field)
    if (!error || key === undefined || !this.form.data?.fields.some((field) => field.key === key)) return undefined
    return { key, message: error.message }
  }

  /**
   * Submits the form. Resolves true when the application exists (created now, or by an
   * earlier attempt whose answer was lost). Any failure keeps the key for the retry.
   */
  async submit(): Promise<boolean> {
    const form = this.form.data
    if (!form || this.submitCall.busy || this.submitted) return this.submitted !== undefined
    this.attempted = true
    if (Object.keys(draftProblems(form, this.draft, true)).length > 0 || this.missingUploads.length > 0 || this.uploads.busy) return false
    if (!this.submitKey) this.submitKey = this.makeKey()
    const key = this.submitKey
    const request = submitRequest(form, this.draft, this.uploads.chosen)
    return this.submitCall.run(async () => {
      const detail = await applicationsService.submit(this.api, request, key)
      runInAction(() => {
        this.submitted = detail
        this.onSubmitted(detail)
      })
    })
  }

  // --- notifications -----------------------------------------------------------------------

  loadTemplates(): Promise<void> {
    if (this.templates.status === 'ready' || this.templates.status === 'loading') return Promise.resolve()
    return this.templates.run(() => applicationsService.notificationTemplates(this.api))
  }

  /** The templates this platform can ask for (none on the H5 preview or when unconfigured). */
  get subscribableTemplates(): { templateKey: SubscriptionRequest['templateKey']; templateId: string }[] {
    return (this.templates.data?.items ?? []).flatMap((item) => (item.templateId ? [{ templateKey: item.templateKey, templateId: item.templateId }] : []))
  }

  /**
   * Asks the citizen (the platform's own panel) and tells the server what they answered.
   * Must run straight from a tap: WeChat shows the panel only in answer to one. Never throws:
   * notifications are a convenience and must not stand between the citizen and the timeline.
   */
  async subscribeToStatus(): Promise<SubscribeOutcome> {
    const templates = this.subscribableTemplates
    if (templates.length === 0) return this.settleSubscription('unavailable')
    this.subscribing = true
    try {
      const decisions = await this.platform.requestSubscribeMessage(templates.map((template) => template.templateId))
      let recorded = 0
      let accepted = false
      for (const template of templates) {
        const result = decisions[template.templateId]
        // filter / unsupported / unknown: nobody was asked, so there is nothing to record.
        if (!isRecorded(result)) continue
        await applicationsService.subscribe(this.api, { templateKey: template.templateKey, result })
        recorded++
        if (result === 'accept') accepted = true
      }
      return this.settleSubscription(accepted ? 'subscribed' : recorded > 0 ? 'declined' : 'unavailable')
    } catch {
      return this.settleSubscription('failed')
    }
  }

  private settleSubscription(outcome: SubscribeOutcome): SubscribeOutcome {
    this.subscribing = false
    this.subscribeOutcome = outcome
    return outcome
  }

  forget(): void {
    forgetAll(this, new ApplyFormStore(this.api, this.platform, this.onSubmitted, this.makeKey))
  }
}

/** `body.values.phone`, `/values/phone`, `values.phone` → `phone`. */
function fieldKeyOf(field: string): string | undefined {
  const match = /values[./](\w+)$/.exec(field)
  return match?.[1]
}
