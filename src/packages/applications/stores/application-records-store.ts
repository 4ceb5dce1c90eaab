import { makeAutoObservable, runInAction } from 'mobx'
import type { ApplicationDetail } from '@/contract/applications/schemas'
import type { ApiError } from '@/platform/api-error'
import type { Platform } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'
import { applicationsService } from '../api'
import { MaterialUploadsStore } from './material-uploads-store'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'
import { Mutation } from '@/stores/mutation'

/** One application at a time: its timeline (kept per application) and withdrawal with an inline confirmation. */
export class ApplicationRecordsStore {
  private readonly details = new Map<string, LoadState<ApplicationDetail>>()
  /** The application whose withdrawal waits for the citizen's confirmation. */
  confirmingWithdraw: string | undefined = undefined
  readonly withdrawCall = new Mutation()
  /** 已补正: the note being written, and its call. */
  supplementNote = ''
  readonly supplementCall = new Mutation()
  /** 补正 naming materials: the new files for those, sent with 已补正 (the same control as the apply form). */
  readonly supplementUploads: MaterialUploadsStore
  /** Named materials 已补正 was pressed without a new file for (said under the button). */
  supplementMissing: string[] = []

  constructor(
    private readonly api: ApiClient,
    /** Told when an application changed (the list is fetched again when next shown). */
    private readonly onChanged: () => void = () => {},
    private readonly platform: Pick<Platform, 'chooseFile'> = { chooseFile: async () => Promise.reject(new Error('no file picker')) },
  ) {
    this.supplementUploads = new MaterialUploadsStore(api, platform)
    makeAutoObservable<ApplicationRecordsStore, 'api' | 'details' | 'onChanged' | 'platform'>(this, {
      api: false,
      details: false,
      onChanged: false,
      platform: false,
      withdrawCall: false,
      supplementCall: false,
      supplementUploads: false,
    })
  }

  /** The materials a 补正 names that the citizen can upload again here: named by exact name, met by an upload before. */
  static reuploadable(application: ApplicationDetail): string[] {
    if (application.status !== 'supplement_requested' || !application.supplementItems) return []
    const named = application.supplementItems
    return application.materials.filter((material) => material.provision === 'upload' && named.includes(material.name)).map((material) => material.name)
  }

  get withdrawing(): boolean {
    return this.withdrawCall.busy
  }

  get withdrawError(): ApiError | undefined {
    return this.withdrawCall.error
  }

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
    this.withdrawCall.clearError()
  }

  cancelWithdraw(): void {
    this.confirmingWithdraw = undefined
    this.withdrawCall.clearError()
  }

  async withdraw(id: string): Promise<void> {
    if (this.withdrawCall.busy || this.confirmingWithdraw !== id) return
    await this.withdrawCall.run(async () => {
      const detail = await applicationsService.withdraw(this.api, id)
      runInAction(() => {
        this.detail(id).restore(detail, new Date())
        this.confirmingWithdraw = undefined
        this.onChanged()
      })
    })
    // The status may have moved on (accepted meanwhile): show what it is now.
    if (this.withdrawCall.error?.code === 'APPLICATION_STATUS_CONFLICT') void this.loadDetail(id)
  }

  setSupplementNote(note: string): void {
    this.supplementNote = note
    this.supplementCall.clearError()
  }

  /** 已补正 with the note: the server checks it (2-500 characters) and names the field when it is not right. */
  async supplement(id: string, reupload: string[] = []): Promise<void> {
    if (this.supplementCall.busy || this.supplementUploads.busy) return
    const note = this.supplementNote
    const chosen = this.supplementUploads.chosen.filter((choice) => reupload.includes(choice.name))
    this.supplementMissing = reupload.filter((name) => !chosen.some((choice) => choice.name === name))
    if (this.supplementMissing.length > 0) return
    await this.supplementCall.run(async () => {
      const detail = await applicationsService.supplement(this.api, id, note, chosen)
      runInAction(() => {
        this.detail(id).restore(detail, new Date())
        this.supplementNote = ''
        this.supplementUploads.reset()
        this.onChanged()
      })
    })
    if (this.supplementCall.error?.code === 'APPLICATION_STATUS_CONFLICT') void this.loadDetail(id)
  }

  forget(): void {
    this.details.forEach((state) => state.reset())
    forgetAll(this, new ApplicationRecordsStore(this.api, this.onChanged, this.platform))
  }
}
