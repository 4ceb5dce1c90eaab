/** Applications as responses show them: statuses in words, the deadline, values masked. */
import { APPLICATION_STATUSES } from '../../src/contract/applications/data'
import type { ApplicationDetail, ApplicationSummary } from '../../src/contract/applications/schemas'
import type { FormFieldType, MaterialProvision, PrefillSource } from '../../src/contract/services/data'
import { PREFILL_SOURCES } from '../../src/contract/services/data'
import type { IdentityCrypto } from '../identity/crypto'
import { maskBankAccount, maskIdNumber, maskNumbersInText, maskPhone } from '../privacy/masking'
import { deadlineOf } from './deadline'
import { resolverFor } from './prefill'
import type { ApplicationRow, EventRow } from './store'

/** What is stored (encrypted) per field: the value with the label and source it had at submit. */
export interface StoredField {
  key: string
  label: string
  type: FormFieldType
  source?: PrefillSource
  /** The prefill source whose masking applies to a value the citizen typed instead (a typed address is masked as an address). */
  maskAs?: PrefillSource
  /** bank_account: masked to its last four digits. */
  format?: 'bank_account'
  value: string | number
}

export interface StoredForm {
  fields: StoredField[]
}

export interface StoredMaterial {
  name: string
  provision: MaterialProvision
  certificateType?: string
  certificateId?: string
  /** `upload`: the files in force (a 补正 replaces them; the replaced stay in application_uploads). */
  uploadIds?: string[]
  formField?: string
}

/** The stored form; a plain key → value object (rows written by other tools) is read as unlabelled text fields. */
function storedForm(json: string): StoredForm {
  const parsed = JSON.parse(json) as StoredForm | Record<string, string | number>
  if (Array.isArray((parsed as StoredForm).fields)) return parsed as StoredForm
  return { fields: Object.entries(parsed).map(([key, value]) => ({ key, label: key, type: 'text', value: typeof value === 'number' ? value : String(value) })) }
}

export function maskStoredValue(field: StoredField): string {
  const value = String(field.value)
  if (field.format === 'bank_account') return maskBankAccount(value)
  const maskingSource = field.source ?? field.maskAs
  if (maskingSource) return resolverFor(maskingSource).mask(value)
  if (field.type === 'id_number') return maskIdNumber(value)
  if (field.type === 'phone') return maskPhone(value)
  // Free text: a number typed into it that looks like an ID or a mobile is masked too.
  return maskNumbersInText(value)
}

export function toSummary(row: ApplicationRow, itemName: string, now: Date): ApplicationSummary {
  return {
    id: row.id,
    number: row.number,
    itemCode: row.item_code,
    itemName,
    status: row.status,
    statusName: APPLICATION_STATUSES[row.status],
    submittedAt: row.submitted_at,
    acceptedAt: row.accepted_at,
    finishedAt: row.finished_at,
    canWithdraw: row.status === 'submitted',
    ...(row.status === 'supplement_requested' && row.supplement_items ? { supplementItems: JSON.parse(row.supplement_items) as string[] } : {}),
    ...deadlineOf({ status: row.status, timeLimitDays: Number(row.time_limit_days), dueOn: row.due_on, finishedAt: row.finished_at }, now),
  }
}

export function toDetail(
  row: ApplicationRow,
  item: { name: string; department: string },
  events: readonly EventRow[],
  crypto: IdentityCrypto,
  now: Date,
): ApplicationDetail {
  const form = storedForm(crypto.decrypt(row.form_encrypted))
  const materials = JSON.parse(row.materials) as StoredMaterial[]
  return {
    ...toSummary(row, item.name, now),
    department: item.department,
    values: form.fields.map((field) => ({
      key: field.key,
      label: field.label,
      value: maskStoredValue(field),
      ...(field.source ? { sourceLabel: PREFILL_SOURCES[field.source].label } : {}),
    })),
    materials: materials.map((material) => ({
      name: material.name,
      provision: material.provision,
      ...(material.certificateType ? { certificateType: material.certificateType } : {}),
      ...(material.certificateId ? { certificateId: material.certificateId } : {}),
      ...(material.uploadIds ? { uploadIds: material.uploadIds } : {}),
      ...(material.formField ? { formField: material.formField } : {}),
    })),
    timeline: events.map((event) => ({ status: event.status, statusName: APPLICATION_STATUSES[event.status], at: event.at, reason: event.reason })),
  }
}
