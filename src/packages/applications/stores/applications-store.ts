import { makeAutoObservable, runInAction } from 'mobx'
import type { ApplicationDetail, ApplicationForm, ApplicationSummary, NotificationTemplates, SubscriptionRequest } from '@/contract/applications'
import { ApiError } from '@/platform/api-error'
import type { Platform, SubscribeDecision } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'
import { applicationsService } from '@/packages/applications/api'
import { draftProblems, initialDraft, newIdempotencyKey, submitRequest, type Draft } from './application-draft'
import { LoadState } from '@/stores/load-state'
import type { RootStore } from '@/stores/root-store'
import { forgetAll } from '@/stores/forget'

/** Applications per request on 我的办件; older ones on demand. */
export const APPLICATION_PAGE_SIZE = 20

/** What became of the offer to be notified about status changes. */
export type SubscribeOutcome = 'subscribed' | 'declined' | 'unavailable' | 'failed'

export interface ApplicationList {
  items: ApplicationSummary[]
  page: number
  total: number
}

/** The answers worth telling the server about; the others mean nobody was asked. */
const RECORDED_DECISIONS: readonly SubscribeDecision[] = ['accept', 'reject', 'ban']
const isRecorded = (decision: SubscribeDecision | undefined): decision is SubscriptionRequest['result'] =>
  decision !== undefined && RECORDED_DECISIONS.includes(decision)

const errorOf = (error: unknown) => (error instanceof ApiError ? error : new ApiError('INTERNAL'))

/**
 * 网上申请: the apply form (prefilled by the server, edited here, submitted once however
 * often the citizen retries), the offer of status notifications, 我的办件 and one
 * application's timeline with withdrawal.
 *
 * Idempotency: a form session makes ONE key at its first submit and sends it on every
 * retry of that submit (a lost answer, a tap on 重试), so the server answers a retry with
 * the application the first attempt may already have created. The key is dropped only when
 * the session ends (the page is left, or another item's form is opened).
 */
export class ApplicationsStore {
  readonly list = new LoadState<ApplicationList>((list) => list.items.length === 0)
  readonly form = new LoadState<ApplicationForm>()
  readonly templates = new LoadState<NotificationTemplates>()
  private readonly details = new Map<string, LoadState<ApplicationDetail>>()

  /** The item whose form is open. */
  formCode: string | undefined = undefined
  draft: Draft = {}
  /** The citizen pressed 提交 once: empty required fields now count as problems. */
  attempted = false
  /** This form session's Idempotency-Key, made at the first submit. */
  submitKey: string | undefined = undefined
  submitting = false
  submitError: ApiError | undefined = undefined
  /** The application the submit created (or found again on a retry). */
  submitted: ApplicationDetail | undefined = undefined

  subscribing = false
  subscribeOutcome: SubscribeOutcome | undefined = undefined

  listLoadingMore = false
  listMoreError: ApiError | undefined = undefined

  /** The application whose withdrawal waits for the citizen's confirmation. */
  confirmingWithdraw: string | undefined = undefined
  withdrawing = false
  withdrawError: ApiError | undefined = undefined

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'requestSubscribeMessage'>,
    private readonly makeKey: () => string = () => newIdempotencyKey(),
  ) {
    makeAutoObservable<ApplicationsStore, 'api' | 'platform' | 'details' | 'makeKey'>(this, {
      api: false,
      platform: false,
      details: false,
      makeKey: false,
      list: false,
      form: false,
      templates: false,
    })
  }

  // --- the apply form ----------------------------------------------------------------------

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

  /** Ends the form session: the draft, the key and the outcome are forgotten. */
  closeForm(): void {
    this.form.reset()
    this.formCode = undefined
    this.draft = {}
    this.attempted = false
    this.submitKey = undefined
    this.submitting = false
    this.submitError = undefined
    this.submitted = undefined
    this.subscribing = false
    this.subscribeOutcome = undefined
  }

  setValue(key: string, value: string): void {
    this.draft[key] = value
    // A server complaint about this field is stale once the citizen changes it.
    if (this.submitError?.field !== undefined && fieldKeyOf(this.submitError.field) === key) this.submitError = undefined
  }

  /** Problems by field key: what is typed is checked at once, empty required fields after 提交. */
  get problems(): Record<string, string> {
    const form = this.form.data
    return form ? draftProblems(form, this.draft, this.attempted) : {}
  }

  /** The field a server validation error names, if it is one of the form's. */
  get serverFieldError(): { key: string; message: string } | undefined {
    const error = this.submitError
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
    if (!form || this.submitting || this.submitted) return this.submitted !== undefined
    this.attempted = true
    if (Object.keys(draftProblems(form, this.draft, true)).length > 0) return false
    if (!this.submitKey) this.submitKey = this.makeKey()
    const key = this.submitKey
    this.submitting = true
    this.submitError = undefined
    try {
      const detail = await applicationsService.submit(this.api, submitRequest(form, this.draft), key)
      runInAction(() => {
        this.submitted = detail
        this.detail(detail.id).restore(detail, new Date())
        // 我的办件 lacks the new application: fetched again when next shown.
        this.list.reset()
      })
      return true
    } catch (error) {
      runInAction(() => {
        this.submitError = errorOf(error)
      })
      return false
    } finally {
      runInAction(() => {
        this.submitting = false
      })
    }
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

  // --- 我的办件 --------------------------------------------------------------------------------

  loadList(): Promise<void> {
    this.listMoreError = undefined
    return this.list.run(async () => {
      const page = await applicationsService.list(this.api, { page: 1, pageSize: APPLICATION_PAGE_SIZE })
      return { items: page.items, page: page.page, total: page.total }
    })
  }

  get hasMore(): boolean {
    const list = this.list.data
    return list !== undefined && list.items.length < list.total
  }

  async loadMore(): Promise<void> {
    const list = this.list.data
    if (!list || !this.hasMore || this.listLoadingMore || this.list.status === 'loading') return
    this.listLoadingMore = true
    this.listMoreError = undefined
    try {
      const page = await applicationsService.list(this.api, { page: list.page + 1, pageSize: APPLICATION_PAGE_SIZE })
      runInAction(() => {
        if (this.list.data !== list) return
        const known = new Set(list.items.map((item) => item.id))
        list.items.push(...page.items.filter((item) => !known.has(item.id)))
        list.page = page.page
        list.total = page.total
      })
    } catch (error) {
      runInAction(() => {
        this.listMoreError = errorOf(error)
      })
    } finally {
      runInAction(() => {
        this.listLoadingMore = false
      })
    }
  }

  // --- one application -------------------------------------------------------------------------

  detail(id: string): LoadState<ApplicationDetail> {
    let state = this.details.get(id)
    if (!state) {
      state = new LoadState<ApplicationDetail>()
      this.details.set(id, state)
    }
    return state
  }

  loadDetail(id: string): Promise<void> {
    return this.detail(id).run(() => applicationsService.detail(this.api, id))
  }

  askWithdraw(id: string): void {
    this.confirmingWithdraw = id
    this.withdrawError = undefined
  }

  cancelWithdraw(): void {
    this.confirmingWithdraw = undefined
    this.withdrawError = undefined
  }

  async withdraw(id: string): Promise<void> {
    if (this.withdrawing || this.confirmingWithdraw !== id) return
    this.withdrawing = true
    this.withdrawError = undefined
    try {
      const detail = await applicationsService.withdraw(this.api, id)
      runInAction(() => {
        this.detail(id).restore(detail, new Date())
        this.confirmingWithdraw = undefined
        this.list.reset()
      })
    } catch (error) {
      runInAction(() => {
        this.withdrawError = errorOf(error)
      })
      // The status may have moved on (accepted meanwhile): show what it is now.
      if (error instanceof ApiError && error.code === 'APPLICATION_STATUS_CONFLICT') void this.loadDetail(id)
    } finally {
      runInAction(() => {
        this.withdrawing = false
      })
    }
  }

  // --- logout -------------------------------------------------------------------------------------

  /** Forgets everything about this citizen's applications (another person may pick up the phone). */
  forget(): void {
    this.details.forEach((state) => state.reset())
    forgetAll(this, new ApplicationsStore(this.api, this.platform, this.makeKey))
  }
}

/** `body.values.phone`, `/values/phone`, `values.phone` → `phone`. */
function fieldKeyOf(field: string): string | undefined {
  const match = /values[./](\w+)$/.exec(field)
  return match?.[1]
}

/** The ApplicationsStore, built on first use: only the applications subpackage imports this module, so the store stays out of the main package. */
export function applicationsStore(root: RootStore): ApplicationsStore {
  return root.feature('applications', () => new ApplicationsStore(root.api, root.platform))
}
