/**
 * The application form of an item for one citizen: each field with its prefilled value
 * (masked) and source, and each material with how this citizen meets it (./materials.ts:
 * their e-certificate, data the government holds, a form answer, an upload, or — only where
 * the law needs the original — post or the counter).
 */
import type { ApplicationForm, FormFieldView } from '../../src/contract/applications/schemas'
import { PREFILL_SOURCES, type FormField } from '../../src/contract/services/data'
import type { ApplicationsContext } from './context'
import type { OnlineItem } from './items'
import { materialView, planMaterials } from './materials'
import { createPrefillLoader, resolverFor, type PrefillLoader } from './prefill'

// The plan lives in ./materials.ts; kept importable from here for the modules that already do (一件事).
export { planMaterials, type MaterialPlan } from './materials'

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

function fieldView({ field, masked, locked }: PrefilledField): FormFieldView {
  const view: FormFieldView = { key: field.key, label: field.label, type: field.type, required: field.required, locked }
  if (field.maxLength !== undefined) view.maxLength = field.maxLength
  if (field.min !== undefined) view.min = field.min
  if (field.max !== undefined) view.max = field.max
  if (field.options) view.options = [...field.options]
  if (field.hint) view.hint = field.hint
  if (field.format) view.format = field.format
  // A source only for a value that came from it: an empty field says nothing about where it is from.
  if (field.prefill && masked !== undefined) {
    const source = PREFILL_SOURCES[field.prefill.source]
    view.source = { key: field.prefill.source, label: source.label, field: source.field }
  }
  if (masked !== undefined) view.value = masked
  return view
}

export async function buildForm(context: ApplicationsContext, item: OnlineItem, citizenId: string): Promise<ApplicationForm> {
  const now = context.clock()
  const loader = createPrefillLoader(context, citizenId, now)
  const [fields, materials] = await Promise.all([prefillFields(item, loader), planMaterials(item, loader, now)])
  return {
    item: { code: item.code, name: item.name, department: item.department, timeLimitDays: item.timeLimitDays },
    fields: fields.map(fieldView),
    materials: materials.map((plan) => materialView(plan, item)),
    submitAllowed: true,
  }
}
