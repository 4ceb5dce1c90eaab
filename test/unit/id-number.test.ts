import { idCheckCharacter, idNumberProblem } from '@/contract/id-number'

const withCheck = (first17: string) => first17 + idCheckCharacter(first17)
const today = new Date('2026-11-22T00:00:00Z')

describe('ID number validation (GB 11643)', () => {
  test('a well-formed number passes, with X as check character in any case', () => {
    expect(idNumberProblem('11010519491231002X', today)).toBeUndefined()
    expect(idNumberProblem('11010519491231002x', today)).toBeUndefined()
    expect(idNumberProblem(withCheck('44030419900307123'), today)).toBeUndefined()
  })
  test('each rule is named when broken', () => {
    expect(idNumberProblem('1101051949123100', today)).toBe('length')
    expect(idNumberProblem('1101051949123100AB', today)).toBe('characters')
    expect(idNumberProblem(withCheck('99010519491231002'), today)).toBe('region')
    expect(idNumberProblem(withCheck('11010519490231002'), today)).toBe('birthDate')
    expect(idNumberProblem(withCheck('11010520301231002'), today)).toBe('birthDate')
    expect(idNumberProblem('110105194912310021', today)).toBe('checkDigit')
  })
})
