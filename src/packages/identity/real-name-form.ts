import { ID_NUMBER_MESSAGES, idNumberProblem, normaliseIdNumber } from '@/contract/id-number'

const NAME_PATTERN = /^[\u4e00-\u9fa5·]{2,30}$/

export interface RealNameErrors {
  name?: string
  idNumber?: string
}

/**
 * Inline validation with the same rules the server enforces (the ID number rules are the
 * shared GB 11643 module). `complete` = the citizen pressed submit, so empty fields count.
 */
export function validateRealName(name: string, idNumber: string, complete: boolean): RealNameErrors {
  const errors: RealNameErrors = {}
  const trimmedName = name.trim()
  if (trimmedName ? !NAME_PATTERN.test(trimmedName) : complete) errors.name = '请输入与身份证一致的中文姓名'
  const id = normaliseIdNumber(idNumber)
  if (id.length === 18 || (complete && id)) {
    const problem = idNumberProblem(id)
    if (problem) errors.idNumber = ID_NUMBER_MESSAGES[problem]
  } else if (complete) {
    errors.idNumber = id ? ID_NUMBER_MESSAGES.length : '请输入身份证号码'
  }
  return errors
}
