/**
 * The package form's pure rules: the screens the citizen walks through (the shared data, then
 * each member item's own questions, then a check before submitting; in elderly mode one
 * question a screen), what is wrong with a value (naming the field), what is sent, and the
 * submit's idempotency key. The server checks the same rules; these only save a round trip.
 */
import type { FormFieldView } from '@/contract/applications/schemas'
import type { LifeEventForm, LifeEventSubmitRequest } from '@/contract/life-events/schemas'
import { ID_NUMBER_MESSAGES, idNumberProblem, normaliseIdNumber } from '@/contract/id-number'

/** `shared` or a member's item code. */
export type Scope = string
export const SHARED: Scope = 'shared'

/** Drafts by scope, then by field key. */
export type PackageDraft = Record<Scope, Record<string, string>>

export interface FieldRef {
  scope: Scope
  field: FormFieldView
}

export interface FormScreen {
  /** Stable across renders: the scope, or scope + field key in elderly mode. */
  key: string
  title: string
  /** Which department and item the screen's answers go to (members only). */
  subtitle?: string
  fields: FieldRef[]
  /** The member whose materials the screen shows (its last screen), if any. */
  materialsOf?: string
  /** The last screen: everything once more, then submit. */
  review?: boolean
}

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const MASK = /[*＊]{2,}/

export const isMaskedOnRecord = (field: FormFieldView) => !field.locked && typeof field.value === 'string' && MASK.test(field.value)

/** Screens of the form: shared data first, each member after; `onePerScreen` (elderly mode) splits every question onto its own screen. */
export function screensOf(form: LifeEventForm, onePerScreen: boolean): FormScreen[] {
  const groups: FormScreen[] = [
    { key: SHARED, title: '共同信息（只填一次）', subtitle: `以下信息会同时用于${form.members.length}个事项`, fields: form.sharedFields.filter((field) => !field.locked).map((field) => ({ scope: SHARED, field })) },
    ...form.members.map((member) => ({
      key: member.itemCode,
      title: member.itemName,
      subtitle: `由${member.department}办理`,
      fields: member.fields.map((field) => ({ scope: member.itemCode, field })),
      materialsOf: member.itemCode,
    })),
  ]
  const review: FormScreen = { key: 'review', title: '核对并提交', fields: [], review: true }
  if (!onePerScreen) return [...groups, review]
  const single = groups.flatMap((group) =>
    group.fields.map((ref, index): FormScreen => ({
      key: `${group.key}.${ref.field.key}`,
      title: group.title,
      ...(group.subtitle ? { subtitle: group.subtitle } : {}),
      fields: [ref],
      ...(group.materialsOf && index === group.fields.length - 1 ? { materialsOf: group.materialsOf } : {}),
    })),
  )
  return [...single, review]
}

/** Starting values: what the server prefilled for editable fields, else empty. */
export function initialDraft(form: LifeEventForm): PackageDraft {
  const draft: PackageDraft = { [SHARED]: {} }
  for (const field of form.sharedFields) if (!field.locked) draft[SHARED]![field.key] = field.value === undefined ? '' : String(field.value)
  for (const member of form.members) draft[member.itemCode] = Object.fromEntries(member.fields.map((field) => [field.key, field.value === undefined ? '' : String(field.value)]))
  return draft
}

/** What is wrong with one value, naming the field; `complete`: empty required fields count too. */
export function fieldProblem(field: FormFieldView, raw: string | undefined, complete: boolean): string | undefined {
  if (field.locked) return undefined
  const value = (raw ?? '').trim()
  if (value === '') {
    if (!field.required || !complete) return undefined
    return field.type === 'select' || field.type === 'date' ? `请选择${field.label}` : `请填写${field.label}`
  }
  // A prefilled value left as it was is the server's own copy (possibly masked): nothing to check.
  if (field.value !== undefined && value === String(field.value)) return undefined
  if (MASK.test(value)) return `${field.label}：请填写完整的内容，不要包含“*”`
  switch (field.type) {
    case 'number': {
      const number = Number(value)
      if (!Number.isFinite(number)) return `${field.label}请填写数字`
      if (field.min !== undefined && number < field.min) return `${field.label}不能小于${field.min}`
      if (field.max !== undefined && number > field.max) return `${field.label}不能大于${field.max}`
      return undefined
    }
    case 'date': {
      const match = DATE.exec(value)
      return match ? undefined : `${field.label}请按“年-月-日”选择日期`
    }
    case 'select':
      return field.options?.includes(value) ? undefined : `请从选项中选择${field.label}`
    case 'phone':
      return PHONE.test(value) ? undefined : `${field.label}：请填写正确的手机号码或带区号的固定电话`
    case 'id_number': {
      const problem = idNumberProblem(value)
      return problem ? `${field.label}：${ID_NUMBER_MESSAGES[problem]}` : undefined
    }
    default: {
      const max = field.maxLength ?? (field.type === 'textarea' ? 2000 : 200)
      return Array.from(value).length > max ? `${field.label}不能超过${max}个字` : undefined
    }
  }
}

/** `shared.babyName` / `SF-GA-0006.relationToHead` → problem, for the fields given. */
export function problemsOf(refs: readonly FieldRef[], draft: PackageDraft, complete: boolean): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const { scope, field } of refs) {
    const problem = fieldProblem(field, draft[scope]?.[field.key], complete)
    if (problem) problems[`${scope}.${field.key}`] = problem
  }
  return problems
}

/** Every editable field of the form. */
export function allFields(form: LifeEventForm): FieldRef[] {
  return [...form.sharedFields.map((field) => ({ scope: SHARED, field })), ...form.members.flatMap((member) => member.fields.map((field) => ({ scope: member.itemCode, field })))]
}

/** A server error's field (`body.shared.babyName`, `body.members.SF-GA-0006.relationToHead`) → `shared.babyName` / `SF-GA-0006.relationToHead`. */
export function draftKeyOf(field: string | undefined): string | undefined {
  if (!field) return undefined
  const shared = /^body\.shared\.(\w+)$/.exec(field)
  if (shared) return `${SHARED}.${shared[1]}`
  const member = /^body\.members\.([A-Za-z0-9_-]+)\.(\w+)$/.exec(field)
  return member ? `${member[1]}.${member[2]}` : undefined
}

function valueOf(field: FormFieldView, raw: string | undefined): string | number | undefined {
  const value = (raw ?? '').trim()
  if (value === '' || field.locked) return undefined
  // Left as prefilled: the server keeps its full copy (the screen shows it masked).
  if (field.value !== undefined && value === String(field.value)) return undefined
  if (field.type === 'number') return Number(value)
  if (field.type === 'id_number') return normaliseIdNumber(value)
  return value
}

/** The submit body: locked and untouched prefilled fields left out, numbers as numbers. */
export function submitRequest(form: LifeEventForm, draft: PackageDraft): LifeEventSubmitRequest {
  const pick = (scope: Scope, fields: readonly FormFieldView[]) => {
    const values: Record<string, string | number> = {}
    for (const field of fields) {
      const value = valueOf(field, draft[scope]?.[field.key])
      if (value !== undefined) values[field.key] = value
    }
    return values
  }
  return { shared: pick(SHARED, form.sharedFields), members: Object.fromEntries(form.members.map((member) => [member.itemCode, pick(member.itemCode, member.fields)])) }
}

/** A value as the review screen shows it. */
export function shownValue(field: FormFieldView, raw: string | undefined): string {
  if (field.locked) return field.value === undefined ? '未查到记录' : String(field.value)
  const value = (raw ?? '').trim()
  if (value === '') return '未填写'
  if (field.type === 'date' && DATE.test(value)) {
    const [year, month, day] = value.split('-')
    return `${year}年${Number(month)}月${Number(day)}日`
  }
  return value
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** One submit's Idempotency-Key: 32 characters of [A-Za-z0-9], made once per form session. */
export function newIdempotencyKey(random: (size: number) => number[] = defaultRandom): string {
  const bytes = random(24)
  let key = Date.now().toString(36)
  for (const byte of bytes) key += KEY_ALPHABET[byte % KEY_ALPHABET.length]
  return key.slice(0, 32)
}

function defaultRandom(size: number): number[] {
  const crypto = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto
  if (crypto?.getRandomValues) return Array.from(crypto.getRandomValues(new Uint8Array(size)))
  return Array.from({ length: size }, () => Math.floor(Math.random() * 256))
}
