import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors'
import { Value } from '@sinclair/typebox/value'
import { isFreeTextFormat, NO_CONTROL_CHARACTERS } from '../../src/contract/free-text'
import { ONLINE_LEVELS } from '../../src/contract/services/data'
import { ServiceItemImportSchema, type ImportFieldError, type ServiceItemImport } from '../../src/contract/services/schemas'
// Also registers the free-text formats with TypeBox, which Value.Errors needs for the texts of an item.
import { controlCharacterMessage } from '../free-text'
import { resultRuleErrors } from '../results/declarations'

/**
 * The import rules, shared by the operator route, `npm run catalogue:import` and the seed
 * test: every item is checked against the contract's shape, then the rules a shape cannot
 * say. Every bad field of every item is reported (not just the first), named by item code
 * and field path, so an operator fixes a file in one round.
 */

export type CheckOutcome = { ok: true; items: ServiceItemImport[] } | { ok: false; errors: ImportFieldError[] }

export function checkImport(input: readonly unknown[]): CheckOutcome {
  const errors: ImportFieldError[] = []
  const seenCodes = new Map<string, number>()
  input.forEach((raw, index) => {
    const item = labelOf(raw, index)
    const report = (field: string, rule: string, message: string) => errors.push({ item, index, field, rule, message })
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      report('(item)', 'type object', '每个事项应是一个 JSON 对象')
      return
    }
    for (const error of shapeErrors(raw)) report(error.field, error.rule, error.message)
    const candidate = raw as Partial<ServiceItemImport>
    if (typeof candidate.code === 'string') {
      const first = seenCodes.get(candidate.code)
      if (first !== undefined) report('code', 'unique', `事项编码与第 ${first + 1} 个事项重复`)
      else seenCodes.set(candidate.code, index)
    }
    for (const error of ruleErrors(candidate)) report(error.field, error.rule, error.message)
  })
  return errors.length > 0 ? { ok: false, errors } : { ok: true, items: input as ServiceItemImport[] }
}

/** `<code>: <field> <rule>`, one line per bad field (the import command prints these). */
export function describeError(error: ImportFieldError): string {
  return `${error.item}: ${error.field} ${error.rule}`
}

function labelOf(raw: unknown, index: number): string {
  const code = (raw as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.trim() ? code : `#${index + 1}`
}

interface FieldError {
  field: string
  rule: string
  message: string
}

// --- shape (the contract's TypeBox schema) -------------------------------------------------------

function shapeErrors(raw: object): FieldError[] {
  const byField = new Map<string, FieldError>()
  for (const error of Value.Errors(ServiceItemImportSchema, raw)) {
    const field = fieldOf(error.path)
    // A missing property is reported twice (required, then its type): keep the first.
    if (!byField.has(field)) byField.set(field, { field, rule: ruleOf(error), message: messageOf(error) })
  }
  return [...byField.values()]
}

/** `/materials/2/certificateType` → `materials[2].certificateType`. */
function fieldOf(path: string): string {
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((field, segment) => (/^\d+$/.test(segment) ? `${field}[${segment}]` : field ? `${field}.${segment}` : segment), '')
}

function ruleOf(error: ValueError): string {
  const schema = error.schema as Record<string, unknown>
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'required'
    case ValueErrorType.ObjectAdditionalProperties:
      return 'unknown property'
    case ValueErrorType.StringMinLength:
      return `minLength ${String(schema.minLength)}`
    case ValueErrorType.StringMaxLength:
      return `maxLength ${String(schema.maxLength)}`
    case ValueErrorType.StringPattern:
      return `pattern ${String(schema.pattern)}`
    case ValueErrorType.StringFormat:
      return isFreeTextFormat(schema.format) ? NO_CONTROL_CHARACTERS : `format ${String(schema.format)}`
    case ValueErrorType.ArrayMinItems:
      return `minItems ${String(schema.minItems)}`
    case ValueErrorType.ArrayMaxItems:
      return `maxItems ${String(schema.maxItems)}`
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      return `minimum ${String(schema.minimum)}`
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      return `maximum ${String(schema.maximum)}`
    case ValueErrorType.Union: {
      const options = (schema.anyOf as { const?: unknown }[] | undefined)?.map((option) => option.const)
      return options?.every((option) => typeof option === 'string') ? `one of ${options.join('|')}` : 'union'
    }
    default:
      return typeof schema.type === 'string' ? `type ${schema.type}` : error.message
  }
}

function messageOf(error: ValueError): string {
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return '缺少必填项'
    case ValueErrorType.ObjectAdditionalProperties:
      return '不支持的字段，请去掉'
    case ValueErrorType.Union:
      return '不是可选的取值之一'
    case ValueErrorType.StringFormat:
      if (isFreeTextFormat((error.schema as { format?: unknown }).format)) return controlCharacterMessage('', '')
      return `不符合要求：${error.message}`
    default:
      return `不符合要求：${error.message}`
  }
}

// --- rules the shape cannot say ------------------------------------------------------------------

function ruleErrors(item: Partial<ServiceItemImport>): FieldError[] {
  const errors: FieldError[] = []
  const blank = (field: string, value: unknown) => {
    if (typeof value === 'string' && value.length > 0 && !value.trim()) errors.push({ field, rule: 'not blank', message: '不能只有空白' })
  }
  for (const key of ['name', 'department', 'region', 'legalBasis', 'fees', 'counterAddress', 'counterHours'] as const) blank(key, item[key])
  strings(item.aliases).forEach((alias, index) => blank(`aliases[${index}]`, alias))
  strings(item.conditions).forEach((condition, index) => blank(`conditions[${index}]`, condition))
  list(item.materials).forEach((material, index) => blank(`materials[${index}].name`, material?.name))
  // 办理结果: a money result's fields and a proof's placeholders are fields of the form.
  errors.push(...resultRuleErrors(item))
  // How a material is met online (免提交 first, upload second): a form answer must name a field of the form; an original cannot be uploaded.
  const fieldKeys = new Set(list(item.formSchema?.fields).map((field) => field?.key))
  list(item.materials).forEach((material, index) => {
    if (typeof material?.formField === 'string' && !fieldKeys.has(material.formField)) {
      errors.push({ field: `materials[${index}].formField`, rule: 'a field of formSchema', message: '该材料对应的表单字段不存在' })
    }
    if (material?.original !== undefined && material.upload === true) {
      errors.push({ field: `materials[${index}].upload`, rule: 'not with original', message: '需要原件的材料不能同时允许上传' })
    }
  })
  list(item.faq).forEach((entry, index) => {
    blank(`faq[${index}].question`, entry?.question)
    blank(`faq[${index}].answer`, entry?.answer)
  })
  errors.push(...duplicates('aliases', strings(item.aliases).map((alias) => alias?.trim())))
  if (typeof item.name === 'string' && strings(item.aliases).some((alias) => alias?.trim() === item.name!.trim())) {
    errors.push({ field: 'aliases', rule: 'not the name', message: '别名不能与事项名称相同' })
  }
  errors.push(...duplicates('audiences', strings(item.audiences)))
  errors.push(...duplicates('lifeEvents', strings(item.lifeEvents)))

  if (item.onlineLevel === 'full_online' && item.formSchema === undefined) {
    errors.push({ field: 'formSchema', rule: 'required for full_online', message: `${ONLINE_LEVELS.full_online}事项必须提供申请表单` })
  }
  // 在线预审 items are applied for online too (form, uploads), then pre-checked before the hall visit.
  if (item.onlineLevel !== undefined && item.onlineLevel !== 'full_online' && item.onlineLevel !== 'pre_review' && item.formSchema !== undefined) {
    errors.push({ field: 'formSchema', rule: 'only for full_online or pre_review', message: `只有${ONLINE_LEVELS.full_online}和${ONLINE_LEVELS.pre_review}事项才有申请表单` })
  }
  if (item.formSchema !== undefined) errors.push(...formErrors(item.formSchema))
  return errors
}

function formErrors(form: Partial<NonNullable<ServiceItemImport['formSchema']>>): FieldError[] {
  const errors: FieldError[] = []
  const fields = list(form.fields)
  errors.push(...duplicates('formSchema.fields', fields.map((field) => (typeof field?.key === 'string' ? field.key : undefined)), 'key'))
  fields.forEach((field, index) => {
    if (!field || typeof field !== 'object') return
    const at = `formSchema.fields[${index}]`
    if (field.type === 'select' && list(field.options).length === 0) {
      errors.push({ field: `${at}.options`, rule: 'required for select', message: '下拉选择字段必须列出可选项' })
    }
    if (field.type === 'select') errors.push(...duplicates(`${at}.options`, strings(field.options)))
    if (field.type !== undefined && field.type !== 'select' && field.options !== undefined) {
      errors.push({ field: `${at}.options`, rule: 'only for select', message: '只有下拉选择字段才有可选项' })
    }
    if (typeof field.min === 'number' && typeof field.max === 'number' && field.min > field.max) {
      errors.push({ field: `${at}.min`, rule: 'not above max', message: '最小值不能大于最大值' })
    }
    if (typeof field.label === 'string' && field.label.length > 0 && !field.label.trim()) {
      errors.push({ field: `${at}.label`, rule: 'not blank', message: '不能只有空白' })
    }
  })
  return errors
}

/** One error per value seen before, at the later position. */
function duplicates(field: string, values: readonly (string | undefined)[], property?: string): FieldError[] {
  const seen = new Set<string>()
  const errors: FieldError[] = []
  values.forEach((value, index) => {
    if (value === undefined) return
    if (seen.has(value)) {
      errors.push({ field: `${field}[${index}]${property ? `.${property}` : ''}`, rule: 'unique', message: `“${value}”重复` })
    }
    seen.add(value)
  })
  return errors
}

function list<T>(value: T[] | undefined): (T | undefined)[] {
  return Array.isArray(value) ? value : []
}

/** The strings of an array, other entries as undefined (so indices stay those of the input). */
function strings(value: unknown): (string | undefined)[] {
  return Array.isArray(value) ? value.map((entry: unknown) => (typeof entry === 'string' ? entry : undefined)) : []
}
