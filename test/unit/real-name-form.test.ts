import { idCheckCharacter } from '@/contract/id-number'
import { validateRealName } from '@/packages/identity/real-name-form'

const validId = '11010519491231002X'

describe('real-name form validation', () => {
  test('says nothing while the citizen is still typing', () => {
    expect(validateRealName('', '', false)).toEqual({})
    expect(validateRealName('张', '1101', false)).toEqual({ name: '请输入与身份证一致的中文姓名' })
  })

  test('on submit, empty fields are named', () => {
    expect(validateRealName('', '', true)).toEqual({ name: '请输入与身份证一致的中文姓名', idNumber: '请输入身份证号码' })
  })

  test('a full-length ID number is checked at once, naming the broken rule', () => {
    expect(validateRealName('张伟', '110105194912310021', false).idNumber).toBe('身份证号码校验位不正确，请核对')
    const badDate = '11010519491331002'
    expect(validateRealName('张伟', badDate + idCheckCharacter(badDate), false).idNumber).toBe('身份证号码中的出生日期不正确')
  })

  test('valid input passes, lower-case x included', () => {
    expect(validateRealName('张伟', validId.toLowerCase(), true)).toEqual({})
    expect(validateRealName('阿卜杜·热合曼', validId, true)).toEqual({})
  })
})
