/**
 * Checks submitted form values against the item's FormSchema. The first broken rule is a
 * 400 VALIDATION_FAILED naming `body.values.<key>` and the rule (required, type, maxLength,
 * minimum/maximum, enum, format date/phone, idNumber <problem>, no control characters), with a message that names
 * the field's label, as the client shows it next to the field.
 */
import { ID_NUMBER_MESSAGES, idNumberProblem, normaliseIdNumber } from '../../src/contract/id-number'
import type { FormField, FormSchema } from '../../src/contract/services/data'
import { AppError } from '../errors'
import { refuseControlCharacters } from '../free-text'

export type FormValue = string | number
export type FormValues = Record<string, FormValue>

const DEFAULT_MAX_LENGTH = { text: 200, textarea: 2000 } as const
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
/** Mainland mobile (1 + 10 digits) or a landline with area code (010-12345678). */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/

function invalid(field: FormField, rule: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { field: `body.values.${field.key}`, rule, message: `${field.label}：${message}` })
}

function isValidDate(value: string): boolean {
  const match = DATE.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

const isBlank = (value: FormValue | undefined) => value === undefined || (typeof value === 'string' && value.trim() === '')

/** Throws on the first broken rule; returns the values normalised (trimmed, ID numbers upper case). */
export function validateValues(schema: FormSchema, values: FormValues, today: Date): FormValues {
  const known = new Set(schema.fields.map((field) => field.key))
  const unknown = Object.keys(values).find((key) => !known.has(key))
  if (unknown !== undefined) {
    throw new AppError('VALIDATION_FAILED', { field: `body.values.${unknown}`, rule: 'unknown field', message: `表单中没有“${unknown}”这一项，请刷新页面后重试` })
  }
  const result: FormValues = {}
  for (const field of schema.fields) {
    const value = values[field.key]
    if (isBlank(value)) {
      if (field.required) throw invalid(field, 'required', '此项为必填项')
      continue
    }
    result[field.key] = checkField(field, value!, today)
  }
  return result
}

function checkField(field: FormField, value: FormValue, today: Date): FormValue {
  if (field.type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(field, 'type number', '请填写数字')
    if (field.min !== undefined && value < field.min) throw invalid(field, `minimum ${field.min}`, `不能小于 ${field.min}`)
    if (field.max !== undefined && value > field.max) throw invalid(field, `maximum ${field.max}`, `不能大于 ${field.max}`)
    return value
  }
  if (typeof value !== 'string') throw invalid(field, 'type string', '请填写文字')
  if (value.length > 10_000) throw invalid(field, 'maxLength 10000', '内容过长')
  const text = value.trim()
  // A bank card or account the money is paid to: digits only (spaces and hyphens as typed are dropped).
  if (field.format === 'bank_account') {
    const digits = text.replace(/[\s-]/g, '')
    if (!/^[0-9]{12,19}$/.test(digits)) throw invalid(field, 'format bank_account', '请填写 12-19 位银行卡号（只填数字）')
    return digits
  }
  switch (field.type) {
    case 'text':
    case 'textarea': {
      // The free-text rule of every route (server/free-text.ts); line breaks only in a textarea.
      refuseControlCharacters(text, `body.values.${field.key}`, field.type === 'textarea', `${field.label}：`)
      const maxLength = field.maxLength ?? DEFAULT_MAX_LENGTH[field.type]
      if (Array.from(text).length > maxLength) throw invalid(field, `maxLength ${maxLength}`, `不能超过 ${maxLength} 个字`)
      return text
    }
    case 'date':
      if (!isValidDate(text)) throw invalid(field, 'format date', '请填写正确的日期（年-月-日）')
      return text
    case 'select':
      if (!(field.options ?? []).includes(text)) throw invalid(field, `enum ${(field.options ?? []).join('|')}`, '请从选项中选择')
      return text
    case 'phone':
      if (!PHONE.test(text)) throw invalid(field, 'format phone', '请填写正确的手机号码或带区号的固定电话')
      return text
    case 'id_number': {
      const idNumber = normaliseIdNumber(text)
      const problem = idNumberProblem(idNumber, today)
      if (problem) throw invalid(field, `idNumber ${problem}`, ID_NUMBER_MESSAGES[problem])
      return idNumber
    }
  }
  return text
}
