/**
 * The values of a package submit, checked once each: the shared data (body.shared) against
 * the package's shared fields, each member's own values (body.members.<itemCode>) against
 * that member's fields. Every refusal is a 400 naming the field where the citizen typed it:
 * `body.shared.babyName`, `body.members.SF-GA-0006.relationToHead`.
 *
 * Prefilled shared fields follow the item form's rules: a locked one (name, ID number) is
 * always the record's value, whatever was sent; an editable one the citizen left out is the
 * record's; a value still carrying the mask (“137****0006”) is refused rather than stored.
 */
import type { LifeEventPackage } from '../../src/contract/life-events/data'
import type { PrefilledField } from '../applications/form'
import { validateValues, type FormValues } from '../applications/validation'
import { AppError } from '../errors'

const MASK_PATTERN = /[*＊]{2,}/

/** Re-aims a form-validation error (body.values.<key>) at where the value was sent. */
export function underPath<T>(prefix: string, check: () => T): T {
  try {
    return check()
  } catch (error) {
    if (error instanceof AppError && error.field?.startsWith('body.values.')) {
      throw new AppError(error.code, { field: `${prefix}.${error.field.slice('body.values.'.length)}`, rule: error.rule, message: error.message })
    }
    throw error
  }
}

export interface SharedValues {
  values: FormValues
  /** Keys whose value came from the citizen's records (stored with their source). */
  fromRecord: Set<string>
}

export function checkSharedValues(definition: LifeEventPackage, prefilled: readonly PrefilledField[], sent: FormValues, today: Date): SharedValues {
  const merged: FormValues = { ...sent }
  const fromRecord = new Set<string>()
  for (const { field, value, locked } of prefilled) {
    if (!field.prefill) continue
    const given = sent[field.key]
    if (typeof given === 'string' && MASK_PATTERN.test(given)) {
      throw new AppError('VALIDATION_FAILED', {
        field: `body.shared.${field.key}`,
        rule: 'not a masked value',
        message: `${field.label}：请填写完整的内容，不要保留“*”遮挡的部分（点“修改”后重新填写）`,
      })
    }
    if (value === undefined) continue
    if (locked || given === undefined) {
      merged[field.key] = value
      fromRecord.add(field.key)
    }
  }
  const values = underPath('body.shared', () => validateValues({ fields: definition.sharedFields }, merged, today))
  return { values, fromRecord }
}

/** Each member's own values, checked in the package's order; a member left out entirely is refused by its first required field. */
export function checkMemberValues(definition: LifeEventPackage, sent: Record<string, FormValues>, today: Date): FormValues[] {
  const known = new Set(definition.members.map((member) => member.itemCode))
  const unknown = Object.keys(sent).find((code) => !known.has(code))
  if (unknown !== undefined) {
    throw new AppError('VALIDATION_FAILED', { field: `body.members.${unknown}`, rule: 'member of the package', message: `“${unknown}”不是“${definition.name}”包含的事项，请刷新页面后重试` })
  }
  return definition.members.map((member) => {
    const given = sent[member.itemCode] ?? {}
    const sharedKey = Object.keys(given).find((key) => key in member.shared)
    if (sharedKey !== undefined) {
      throw new AppError('VALIDATION_FAILED', {
        field: `body.members.${member.itemCode}.${sharedKey}`,
        rule: 'entered once in body.shared',
        message: '这一项已在共同信息中填写，只需填写一次',
      })
    }
    return underPath(`body.members.${member.itemCode}`, () => validateValues({ fields: member.fields }, given, today))
  })
}
