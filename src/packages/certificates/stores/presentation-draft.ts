import { makeAutoObservable } from 'mobx'
import type { CertificateDetail, CertificateType, PresentationPurpose, PurposeList } from '@/contract/certificates/schemas'
import type { ApiClient } from '@/api/api-client'
import { certificatesService } from '../api'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'

export type Purpose = PurposeList['items'][number]

/** What the citizen is choosing in the 亮证 view: one purpose and the fields to show. */
export interface PresentationDraft {
  certificateId: string
  type: CertificateType
  /** All field keys of the certificate in display order (the selection keeps this order). */
  fieldOrder: string[]
  purpose: PresentationPurpose | undefined
  fields: string[]
}

/**
 * The 亮证 form (form state, apart from the code it produces): why the certificate is shown and
 * which fields. `changed` runs on every edit (the presentation clears its error).
 */
export class PresentationDraftForm {
  readonly purposes = new LoadState<Purpose[]>((items) => items.length === 0)
  draft: PresentationDraft | undefined = undefined

  constructor(
    private readonly api: ApiClient,
    private readonly changed: () => void = () => {},
  ) {
    makeAutoObservable<PresentationDraftForm, 'api' | 'changed'>(this, { api: false, changed: false, purposes: false })
  }

  loadPurposes(): Promise<void> {
    if (this.purposes.status === 'ready' || this.purposes.status === 'loading') return Promise.resolve()
    return this.purposes.run(async () => (await certificatesService.purposes(this.api)).items)
  }

  /** Starts (or keeps) the selection for this certificate; answers whether it is a new one. */
  open(detail: CertificateDetail): boolean {
    if (this.draft?.certificateId === detail.id) return false
    this.draft = { certificateId: detail.id, type: detail.type, fieldOrder: detail.fields.map((field) => field.key), purpose: undefined, fields: [] }
    return true
  }

  /** Chooses why the certificate is shown; the purpose's suggested fields for this type are ticked. */
  choosePurpose(purpose: PresentationPurpose): void {
    const draft = this.draft
    if (!draft) return
    const suggested = this.purposes.data?.find((item) => item.purpose === purpose)?.suggestedFields.find((entry) => entry.type === draft.type)?.fields ?? []
    draft.purpose = purpose
    draft.fields = draft.fieldOrder.filter((key) => suggested.includes(key))
    this.changed()
  }

  toggleField(key: string): void {
    const draft = this.draft
    if (!draft || !draft.fieldOrder.includes(key)) return
    const chosen = draft.fields.includes(key) ? draft.fields.filter((candidate) => candidate !== key) : [...draft.fields, key]
    draft.fields = draft.fieldOrder.filter((candidate) => chosen.includes(candidate))
    this.changed()
  }

  /** What keeps the code from being made, in words; undefined when it can be. */
  get draftProblem(): string | undefined {
    if (!this.draft?.purpose) return '请先选择亮证用途'
    if (this.draft.fields.length === 0) return '请至少选择一项要出示的信息'
    return undefined
  }

  forget(): void {
    forgetAll(this, new PresentationDraftForm(this.api, this.changed))
  }
}
