import { Value } from '@sinclair/typebox/value'
import type { Kysely } from 'kysely'
import { ResultDeclarationSchema, type ResultDeclaration } from '../../src/contract/results/schemas'
import type { Database } from '../db/database'
import { fieldsOf } from '../certificates/catalogue'
import { AppError } from '../errors'
import { resultsDb } from './tables'

/** What an item delivers when 办结, or undefined when it declares nothing (its result stays offline). */
export async function findDeclaration(db: Kysely<Database>, itemCode: string): Promise<ResultDeclaration | undefined> {
  const row = await resultsDb(db).selectFrom('service_result_kinds').select('declaration').where('item_code', '=', itemCode).executeTakeFirst()
  if (!row) return undefined
  const parsed: unknown = JSON.parse(row.declaration)
  // A row edited by hand into something else is treated as no declaration rather than a 500 at 办结.
  return Value.Check(ResultDeclarationSchema, parsed) ? parsed : undefined
}

/** Sets (or replaces) an item's declaration; `null` removes it. */
export async function setDeclaration(db: Kysely<Database>, itemCode: string, declaration: ResultDeclaration | null, now: Date): Promise<void> {
  const results = resultsDb(db)
  if (declaration === null) {
    await results.deleteFrom('service_result_kinds').where('item_code', '=', itemCode).execute()
    return
  }
  const values = { item_code: itemCode, declaration: JSON.stringify(declaration), updated_at: now.toISOString() }
  await results
    .insertInto('service_result_kinds')
    .values(values)
    .onConflict((conflict) => conflict.column('item_code').doUpdateSet({ declaration: values.declaration, updated_at: values.updated_at }))
    .execute()
}

/**
 * The import rule for an item's optional `result`: a valid declaration, or a 400 naming the
 * field (e.g. `items[3].result.validDays`) in words an operator understands.
 */
export function checkDeclaration(value: unknown, field: string): ResultDeclaration {
  if (Value.Check(ResultDeclarationSchema, value)) return value
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined
  if (kind !== 'proof' && kind !== 'money' && kind !== 'physical' && kind !== 'certificate') {
    throw new AppError('VALIDATION_FAILED', {
      field: `${field}.kind`,
      rule: 'one of proof, money, physical, certificate',
      message: '办理结果类型只能是电子证明（proof）、款项（money）、纸质结果（physical）或电子证照（certificate）',
    })
  }
  const branch = ResultDeclarationSchema.anyOf.find((schema) => schema.properties.kind.const === kind)!
  const first = Value.Errors(branch, value).First()
  const path = first?.path.replace(/^\//, '').replace(/\//g, '.') ?? ''
  throw new AppError('VALIDATION_FAILED', {
    field: path ? `${field}.${path}` : field,
    rule: first?.message ?? 'invalid',
    message: `办理结果的“${path || kind}”不符合要求：${first?.message ?? '格式不正确'}`,
  })
}

/**
 * The import rules a declaration's shape cannot say, for a catalogue item carrying `result`:
 * a money result's amount and account are fields of the item's form, and a proof statement's
 * placeholders are {name}, {idNumber} or fields of the form (else the proof would read 未填写).
 */
export function resultRuleErrors(item: { result?: unknown; formSchema?: { fields?: readonly { key?: unknown }[] } }): { field: string; rule: string; message: string }[] {
  const result = item.result
  if (result === undefined) return []
  if (!Value.Check(ResultDeclarationSchema, result)) {
    // The shape check names only `result` (a union); name the field inside it too.
    try {
      checkDeclaration(result, 'result')
    } catch (error) {
      if (error instanceof AppError && error.field) return [{ field: error.field, rule: error.rule ?? 'invalid', message: error.message }]
    }
    return []
  }
  const keys = new Set((item.formSchema?.fields ?? []).map((field) => field?.key))
  const errors: { field: string; rule: string; message: string }[] = []
  if (result.kind === 'money') {
    for (const field of ['amountField', 'accountField'] as const) {
      if (result[field] !== undefined && !keys.has(result[field])) errors.push({ field: `result.${field}`, rule: 'a field of formSchema', message: `款项的“${field === 'amountField' ? '金额' : '收款账户'}”必须是申请表中的字段` })
    }
  }
  if (result.kind === 'proof') {
    for (const [, key] of result.statement.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)) {
      if (key !== 'name' && key !== 'idNumber' && !keys.has(key)) errors.push({ field: 'result.statement', rule: `{${key}} a field of formSchema`, message: `证明内容中的{${key}}不是申请表中的字段` })
    }
  }
  if (result.kind === 'certificate') {
    // Every field of the certificate type has a source (else the wallet would show a blank), and each source is a form field or a $ source.
    const typeFields = fieldsOf(result.certificateType)
    for (const key of Object.keys(result.fields)) {
      if (!typeFields.some((typeField) => typeField.key === key)) errors.push({ field: `result.fields.${key}`, rule: `a field of ${result.certificateType}`, message: `证照“${result.title}”没有“${key}”这一项` })
    }
    for (const typeField of typeFields) {
      const source = result.fields[typeField.key]
      if (source === undefined) errors.push({ field: `result.fields.${typeField.key}`, rule: 'required', message: `请说明证照的“${typeField.label}”从哪里来（申请表字段或 $name、$idNumber、$issuedOn、$serial）` })
      else if (!source.startsWith('$') && !keys.has(source)) errors.push({ field: `result.fields.${typeField.key}`, rule: 'a field of formSchema', message: `证照的“${typeField.label}”取自的“${source}”不是申请表中的字段` })
    }
  }
  return errors
}
