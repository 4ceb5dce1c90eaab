/**
 * Filling an online application form (全程网办) as a citizen would, for the render budgets
 * (a real application to open the detail pages with) and the API bench (a real submit body).
 */
import type { ApplicationForm } from '../../src/contract/applications/schemas'
import { idCheckCharacter } from '../../src/contract/id-number'

type FormField = ApplicationForm['fields'][number]

const first17 = '11010819800101777'
const SOMEONE_ELSES_ID_NUMBER = first17 + idCheckCharacter(first17)

/** Plausible values for the fields the government does not fill in itself (locked or prefilled ones are left out). */
export function fillApplicationForm(fields: FormField[]): Record<string, string | number> {
  const values: Record<string, string | number> = {}
  for (const field of fields) {
    if (field.locked || field.value !== undefined) continue
    const text = (wanted: string) => wanted.slice(0, field.maxLength ?? wanted.length)
    switch (field.type) {
      case 'number':
        values[field.key] = field.min ?? 1
        break
      case 'date':
        values[field.key] = '2026-12-01'
        break
      case 'select':
        if (field.options?.length) values[field.key] = field.options[0]
        break
      case 'phone':
        values[field.key] = '13800138000'
        break
      case 'id_number':
        values[field.key] = SOMEONE_ELSES_ID_NUMBER
        break
      case 'textarea':
        values[field.key] = text('因工作调动需要办理，材料已备齐，请审核。')
        break
      default:
        values[field.key] = text('测试填写')
    }
  }
  return values
}

/** Every item code in an API answer (search hits, list items), in order. */
export function itemCodesIn(value: unknown, codes = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => itemCodesIn(item, codes))
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'code' && typeof inner === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(inner)) codes.add(inner)
      else itemCodesIn(inner, codes)
    }
  }
  return codes
}
