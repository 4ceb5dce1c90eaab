/**
 * Resident identity card numbers (GB 11643-1999): 17 digits + a MOD 11-2 check character,
 * a valid birth date at positions 7–14, and a known province-level region prefix.
 * Pure and dependency-free: the client validates inline with it, the server enforces it.
 */

/** Province-level codes (first two digits) of GB/T 2260. */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
])
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

export type IdNumberProblem = 'length' | 'characters' | 'region' | 'birthDate' | 'checkDigit'

/** The check character for the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** What is wrong with a number, or undefined when it is valid. `today` bounds the birth date. */
export function idNumberProblem(value: string, today: Date = new Date()): IdNumberProblem | undefined {
  const id = value.trim().toUpperCase()
  if (id.length !== 18) return 'length'
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters'
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return 'region'
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const birth = new Date(Date.UTC(year, month - 1, day))
  const valid = year >= 1900 && birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day && birth.getTime() <= today.getTime()
  if (!valid) return 'birthDate'
  if (idCheckCharacter(id) !== id[17]) return 'checkDigit'
  return undefined
}

/** Messages a citizen can act on, one per problem. */
export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  length: '身份证号码应为18位',
  characters: '身份证号码只能包含数字，最后一位可以是X',
  region: '身份证号码前两位地区代码不正确',
  birthDate: '身份证号码中的出生日期不正确',
  checkDigit: '身份证号码校验位不正确，请核对',
}

export function normaliseIdNumber(value: string): string {
  return value.trim().toUpperCase()
}
