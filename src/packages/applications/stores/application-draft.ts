/**
 * The apply form's pure rules: what a field starts with, what is wrong with what the
 * citizen typed (in words that name the field and the problem), what is sent, and the
 * submit's idempotency key. The server checks the same rules; these only save a round trip.
 */
import type { ApplicationForm, FormFieldView, SubmitApplicationRequest } from '@/contract/applications/schemas'
import { ID_NUMBER_MESSAGES, idNumberProblem, normaliseIdNumber } from '@/contract/id-number'

/** Defaults of service-form.ts: text 200, textarea 2000 characters. */
const DEFAULT_MAX_LENGTH = { textarea: 2000, other: 200 } as const
/** Mainland mobile or a landline with area code (010-12345678), as the server accepts. */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export type Draft = Record<string, string>

/** Characters as the citizen sees them (a Chinese character is one). */
const length = (text: string) => Array.from(text).length

function maxLengthOf(field: FormFieldView): number {
  return field.maxLength ?? (field.type === 'textarea' ? DEFAULT_MAX_LENGTH.textarea : DEFAULT_MAX_LENGTH.other)
}

function validDate(text: string): boolean {
  const match = DATE.exec(text)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** A field the citizen fills in: not prefilled-and-locked. */
export const isEditable = (field: FormFieldView) => !field.locked

/** The mask of a value shown back (139****0001): never data, see server/applications/submit.ts. */
const MASK = /[*＊]{2,}/

/**
 * An editable field whose value the government holds and shows masked (联系电话 139****0001,
 * 联系地址 四川省成都市****). It is never edited in place — typing after the asterisks would
 * send the mask as data — but shown read-only with 修改, which starts a fresh entry.
 */
export const isMaskedOnRecord = (field: FormFieldView) => isEditable(field) && typeof field.value === 'string' && MASK.test(field.value)

/** Starting values: what the server prefilled for editable fields, else empty. */
export function initialDraft(form: ApplicationForm): Draft {
  const draft: Draft = {}
  for (const field of form.fields) if (isEditable(field)) draft[field.key] = field.value === undefined ? '' : String(field.value)
  return draft
}

/**
 * What is wrong with one value, naming the field; undefined when nothing is. `complete`:
 * the citizen pressed 提交, so an empty required field counts too (not while still typing).
 */
export function fieldProblem(field: FormFieldView, raw: string | undefined, complete: boolean): string | undefined {
  if (!isEditable(field)) return undefined
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
    case 'date':
      return validDate(value) ? undefined : `${field.label}请按“年-月-日”选择日期`
    case 'select':
      return field.options?.includes(value) ? undefined : `请从选项中选择${field.label}`
    case 'phone':
      return PHONE.test(value) ? undefined : `${field.label}：请填写正确的手机号码或带区号的固定电话`
    case 'id_number': {
      const problem = idNumberProblem(value)
      return problem ? `${field.label}：${ID_NUMBER_MESSAGES[problem]}` : undefined
    }
    default:
      return length(value) > maxLengthOf(field) ? `${field.label}不能超过${maxLengthOf(field)}个字` : undefined
  }
}

/** Every problem of the form, by field key. */
export function draftProblems(form: ApplicationForm, draft: Draft, complete: boolean): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const field of form.fields) {
    const problem = fieldProblem(field, draft[field.key], complete)
    if (problem) problems[field.key] = problem
  }
  return problems
}

/**
 * The submit body. Locked fields are left out (the server fills them from its own copy),
 * and so are prefilled values the citizen did not change: they may be masked on screen
 * (138****5678), and the server keeps its full copy for them.
 */
export function submitRequest(form: ApplicationForm, draft: Draft, uploads: readonly { name: string; uploadId: string }[] = []): SubmitApplicationRequest {
  const values: SubmitApplicationRequest['values'] = {}
  for (const field of form.fields) {
    if (!isEditable(field)) continue
    const value = (draft[field.key] ?? '').trim()
    if (value === '') continue
    if (field.value !== undefined && value === String(field.value)) continue
    if (field.type === 'number') values[field.key] = Number(value)
    else if (field.type === 'id_number') values[field.key] = normaliseIdNumber(value)
    else values[field.key] = value
  }
  // A material uploaded anyway is sent as the upload; the others met by a certificate, by reference.
  const uploaded = new Set(uploads.map((upload) => upload.name))
  const materials = [
    ...form.materials.flatMap((material) => (material.certificate && !uploaded.has(material.name) ? [{ name: material.name, certificateId: material.certificate.id }] : [])),
    ...uploads.map((upload) => ({ name: upload.name, uploadId: upload.uploadId })),
  ]
  return { itemCode: form.item.code, values, ...(materials.length > 0 ? { materials } : {}) }
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * One submit's Idempotency-Key: 32 random characters (the server takes 16–128 of
 * [A-Za-z0-9_-]). crypto.getRandomValues where the runtime has it; mini-program runtimes
 * may not, and the key only has to be unique among this citizen's submits, for which
 * Math.random with the time prefix is plenty.
 */
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
