import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '@/api/api-client'
import type { LifeEventApplication, LifeEventApplicationPage, LifeEventForm, LifeEventGuide, LifeEventPackageList } from '@/contract/life-events/schemas'
import type { ApiError } from '@/platform/api-error'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'
import { Mutation } from '@/stores/mutation'
import type { RootStore } from '@/stores/root-store'
import { lifeEventsService } from '../api'
import { allFields, draftKeyOf, initialDraft, newIdempotencyKey, problemsOf, screensOf, submitRequest, type FormScreen, type PackageDraft, type Scope } from './package-draft'

/**
 * 一件事一次办: the packages and their guides (public), the one form walked screen by screen
 * (shared data once, then each member's own questions, then a check), one idempotent submit,
 * and the package's progress. A form session makes ONE Idempotency-Key at its first submit
 * and repeats it on every retry; it is dropped only when the session ends.
 */
export class LifeEventsStore {
  readonly packages = new LoadState<LifeEventPackageList>((list) => list.items.length === 0)
  readonly mine = new LoadState<LifeEventApplicationPage>((page) => page.items.length === 0)
  readonly form = new LoadState<LifeEventForm>()
  private readonly guides = new Map<string, LoadState<LifeEventGuide>>()
  private readonly progress = new Map<string, LoadState<LifeEventApplication>>()

  /** The package whose form is open. */
  formKey: string | undefined = undefined
  draft: PackageDraft = {}
  /** Held, masked values the citizen chose to replace (修改), as `scope.key`. */
  replacing: string[] = []
  step = 0
  /** The citizen pressed 下一步 / 提交 on the current screen: its empty required fields count. */
  attempted = false
  submitKey: string | undefined = undefined
  readonly submitCall = new Mutation()
  submitted: LifeEventApplication | undefined = undefined

  constructor(
    private readonly api: ApiClient,
    private readonly makeKey: () => string = () => newIdempotencyKey(),
  ) {
    makeAutoObservable<LifeEventsStore, 'api' | 'makeKey' | 'guides' | 'progress'>(this, {
      api: false,
      makeKey: false,
      guides: false,
      progress: false,
      packages: false,
      mine: false,
      form: false,
      submitCall: false,
    })
  }

  loadPackages(): Promise<void> {
    return this.packages.run(() => lifeEventsService.packages(this.api))
  }

  loadMine(): Promise<void> {
    return this.mine.run(() => lifeEventsService.mine(this.api))
  }

  guide(key: string): LoadState<LifeEventGuide> {
    let state = this.guides.get(key)
    if (!state) {
      state = new LoadState<LifeEventGuide>()
      this.guides.set(key, state)
    }
    return state
  }

  loadGuide(key: string): Promise<void> {
    return this.guide(key).run(() => lifeEventsService.guide(this.api, key))
  }

  detail(id: string): LoadState<LifeEventApplication> {
    let state = this.progress.get(id)
    if (!state) {
      state = new LoadState<LifeEventApplication>()
      this.progress.set(id, state)
    }
    return state
  }

  loadDetail(id: string): Promise<void> {
    return this.detail(id).run(() => lifeEventsService.detail(this.api, id))
  }

  // --- the form -------------------------------------------------------------------------------

  /** Opens a package's form: a new session unless it is already open. */
  openForm(key: string): Promise<void> {
    if (this.formKey !== key) this.closeForm()
    this.formKey = key
    return this.loadForm()
  }

  async loadForm(): Promise<void> {
    const key = this.formKey
    if (!key) return
    await this.form.run(() => lifeEventsService.form(this.api, key))
    const form = this.form.data
    runInAction(() => {
      if (form && this.formKey === key && Object.keys(this.draft).length === 0) this.draft = initialDraft(form)
    })
  }

  closeForm(): void {
    this.form.reset()
    this.formKey = undefined
    this.draft = {}
    this.replacing = []
    this.step = 0
    this.attempted = false
    this.submitKey = undefined
    this.submitCall.reset()
    this.submitted = undefined
  }

  screens(onePerScreen: boolean): FormScreen[] {
    const form = this.form.data
    return form ? screensOf(form, onePerScreen) : []
  }

  value(scope: Scope, key: string): string {
    return this.draft[scope]?.[key] ?? ''
  }

  setValue(scope: Scope, key: string, value: string): void {
    this.draft[scope] = { ...this.draft[scope], [key]: value }
    // A server complaint about this field is stale once the citizen changes it.
    if (draftKeyOf(this.submitCall.error?.field) === `${scope}.${key}`) this.submitCall.clearError()
  }

  replaceHeld(scope: Scope, key: string): void {
    const id = `${scope}.${key}`
    if (!this.replacing.includes(id)) this.replacing.push(id)
    this.setValue(scope, key, '')
  }

  keepHeld(scope: Scope, key: string, held: string): void {
    this.replacing = this.replacing.filter((candidate) => candidate !== `${scope}.${key}`)
    this.setValue(scope, key, held)
  }

  isReplacing(scope: Scope, key: string): boolean {
    return this.replacing.includes(`${scope}.${key}`)
  }

  /** Problems of one screen's fields, by `scope.key`: what is typed at once, empty required ones after 下一步. */
  problemsOn(screen: FormScreen): Record<string, string> {
    return problemsOf(screen.fields, this.draft, this.attempted)
  }

  /** The server's complaint about one field, when it names one of the form's. */
  serverProblem(scope: Scope, key: string): string | undefined {
    const error = this.submitCall.error
    return error && draftKeyOf(error.field) === `${scope}.${key}` ? error.message : undefined
  }

  /** 下一步: on when the screen has no problem (empty required fields included); answers whether it moved. */
  next(screens: readonly FormScreen[]): boolean {
    const screen = screens[this.step]
    if (!screen) return false
    this.attempted = true
    if (Object.keys(problemsOf(screen.fields, this.draft, true)).length > 0) return false
    this.attempted = false
    this.step = Math.min(this.step + 1, screens.length - 1)
    return true
  }

  back(): void {
    this.attempted = false
    this.step = Math.max(0, this.step - 1)
  }

  /** Jumps to the screen holding a field (a server complaint names it), so the citizen sees it. */
  goToField(screens: readonly FormScreen[], draftKey: string): void {
    const index = screens.findIndex((screen) => screen.fields.some((ref) => `${ref.scope}.${ref.field.key}` === draftKey))
    if (index >= 0) this.step = index
  }

  get submitting(): boolean {
    return this.submitCall.busy
  }

  get submitError(): ApiError | undefined {
    return this.submitCall.error
  }

  /** Submits once; resolves true when the package exists (now, or from an earlier try whose answer was lost). */
  async submit(screens: readonly FormScreen[]): Promise<boolean> {
    const form = this.form.data
    const key = this.formKey
    if (!form || !key || this.submitCall.busy || this.submitted) return this.submitted !== undefined
    const problems = problemsOf(allFields(form), this.draft, true)
    const first = Object.keys(problems)[0]
    if (first) {
      this.attempted = true
      this.goToField(screens, first)
      return false
    }
    if (!this.submitKey) this.submitKey = this.makeKey()
    const idempotencyKey = this.submitKey
    const ok = await this.submitCall.run(async () => {
      const application = await lifeEventsService.submit(this.api, key, submitRequest(form, this.draft), idempotencyKey)
      runInAction(() => {
        this.submitted = application
        this.detail(application.id).restore(application, new Date())
        this.mine.reset()
      })
    })
    // A field the server refused: show the screen it is on.
    const named = draftKeyOf(this.submitCall.error?.field)
    if (!ok && named) runInAction(() => this.goToField(screens, named))
    return ok
  }

  forget(): void {
    // Guides and progress are Maps: forgetAll clears them.
    forgetAll(this, new LifeEventsStore(this.api, this.makeKey))
  }
}

/** Built on first use: only the life-events subpackage imports this module. */
export function lifeEventsStore(root: RootStore): LifeEventsStore {
  return root.feature('life-events', () => new LifeEventsStore(root.api))
}
