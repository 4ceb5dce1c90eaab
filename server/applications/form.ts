/**
 * The application form of an item for one citizen: each field with its prefilled value
 * (masked) and source, and each material with how it is provided — by reference to a valid
 * e-certificate the citizen holds, or at the counter (uploads are not offered).
 *
 * Submitting stays allowed when a material must go to the counter: the reviewer checks the
 * paper at acceptance (受理) and refuses it (不予受理, with the reason) if it is missing.
 */
import { CERTIFICATE_TYPES } from '../../src/contract/certificates/data'
import { type CertificateType } from '../../src/contract/certificates/schemas'
import type { ApplicationForm, FormFieldView, MaterialView } from '../../src/contract/applications/schemas'
import { PREFILL_SOURCES, type FormField } from '../../src/contract/services/data'
import { isCertificateType } from '../certificates/catalogue'
import { toSummary } from '../certificates/views'
import type { ApplicationsContext } from './context'
import type { GuideMaterial, OnlineItem } from './items'
import { createPrefillLoader, resolverFor, type PrefillLoader } from './prefill'

export interface PrefilledField {
  field: FormField
  /** The full value (server only). */
  value?: string
  masked?: string
  /** Locked and held: the server's value wins on submit. */
  locked: boolean
}

export async function prefillFields(item: OnlineItem, loader: PrefillLoader): Promise<PrefilledField[]> {
  return Promise.all(
    item.form.fields.map(async (field): Promise<PrefilledField> => {
      if (!field.prefill) return { field, locked: false }
      const resolver = resolverFor(field.prefill.source)
      const value = await resolver.resolve(loader)
      // Nothing held: the citizen fills it in, so it cannot be locked.
      if (value === undefined) return { field, locked: false }
      return { field, value, masked: resolver.mask(value), locked: field.prefill.locked }
    }),
  )
}

export interface MaterialPlan {
  material: GuideMaterial
  certificate?: { id: string; type: CertificateType; typeName: string; number: string }
}

export async function planMaterials(item: OnlineItem, loader: PrefillLoader, now: Date): Promise<MaterialPlan[]> {
  return Promise.all(
    item.materials.map(async (material): Promise<MaterialPlan> => {
      const type = material.certificateType
      if (!type || !isCertificateType(type)) return { material }
      const found = await loader.validCertificate(type)
      if (!found) return { material }
      const summary = toSummary(found.record, found.fields, now)
      return { material, certificate: { id: found.record.id, type, typeName: CERTIFICATE_TYPES[type].name, number: summary.number } }
    }),
  )
}

function fieldView({ field, masked, locked }: PrefilledField): FormFieldView {
  const view: FormFieldView = { key: field.key, label: field.label, type: field.type, required: field.required, locked }
  if (field.maxLength !== undefined) view.maxLength = field.maxLength
  if (field.min !== undefined) view.min = field.min
  if (field.max !== undefined) view.max = field.max
  if (field.options) view.options = [...field.options]
  if (field.hint) view.hint = field.hint
  // A source only for a value that came from it: an empty field says nothing about where it is from.
  if (field.prefill && masked !== undefined) {
    const source = PREFILL_SOURCES[field.prefill.source]
    view.source = { key: field.prefill.source, label: source.label, field: source.field }
  }
  if (masked !== undefined) view.value = masked
  return view
}

function materialView({ material, certificate }: MaterialPlan): MaterialView {
  const view: MaterialView = {
    name: material.name,
    provision: certificate ? 'certificate' : 'counter',
    instruction: certificate ? `已关联您的电子证照（${certificate.typeName}），无需另行提交` : '请到窗口提交纸质材料（受理时核验）',
  }
  if (material.copies !== undefined) view.copies = material.copies
  if (material.form) view.form = material.form
  if (material.note) view.note = material.note
  if (material.certificateType) view.certificateType = material.certificateType
  if (certificate) view.certificate = { id: certificate.id, typeName: certificate.typeName, number: certificate.number, name: certificate.typeName }
  return view
}

export async function buildForm(context: ApplicationsContext, item: OnlineItem, citizenId: string): Promise<ApplicationForm> {
  const now = context.clock()
  const loader = createPrefillLoader(context, citizenId, now)
  const [fields, materials] = await Promise.all([prefillFields(item, loader), planMaterials(item, loader, now)])
  return {
    item: { code: item.code, name: item.name, department: item.department, timeLimitDays: item.timeLimitDays },
    fields: fields.map(fieldView),
    materials: materials.map(materialView),
    submitAllowed: true,
  }
}
