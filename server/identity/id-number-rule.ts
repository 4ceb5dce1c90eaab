import { ID_NUMBER_MESSAGES, idNumberProblem } from '../../src/contract/id-number'
import { AppError } from '../errors'

/**
 * Refuses an ID number that breaks GB 11643 with a 400 naming the field and the broken
 * rule (e.g. `GB 11643 checkDigit`), the same check the client runs inline.
 */
export function assertValidIdNumber(idNumber: string, field: string, today: Date): void {
  const problem = idNumberProblem(idNumber, today)
  if (problem) throw new AppError('VALIDATION_FAILED', { message: ID_NUMBER_MESSAGES[problem], field, rule: `GB 11643 ${problem}` })
}
