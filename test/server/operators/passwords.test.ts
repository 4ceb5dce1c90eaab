import { AppError } from '../../../server/errors'
import { assertAcceptablePassword } from '../../../server/operators/password-rule'
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../../server/operators/passwords'

describe('operator password hashing (scrypt)', () => {
  let stored: string
  beforeAll(async () => {
    stored = await hashPassword('correct horse battery')
  })

  test('stored as scrypt$N$r$p$salt$hash with N = 2^15, r = 8, p = 1, a 16-byte salt and a 32-byte key', () => {
    const match = /^scrypt\$32768\$8\$1\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored)
    expect(match).not.toBeNull()
    expect(Buffer.from(match![1]!, 'base64')).toHaveLength(16)
    expect(Buffer.from(match![2]!, 'base64')).toHaveLength(32)
    expect(stored).not.toContain('correct horse')
  })

  test('the right password verifies, a wrong one (even one character off) does not', async () => {
    expect(await verifyPassword('correct horse battery', stored)).toBe(true)
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false)
    expect(await verifyPassword('', stored)).toBe(false)
  })

  test('the same password hashes differently each time (random salt), and both verify', async () => {
    const again = await hashPassword('correct horse battery')
    expect(again).not.toBe(stored)
    expect(await verifyPassword('correct horse battery', again)).toBe(true)
  })

  test('composed and decomposed forms of the same characters are the same password (NFC)', async () => {
    const composed = await hashPassword('café-password-1')
    expect(await verifyPassword('cafe\u0301-password-1', composed)).toBe(true)
  })

  test('malformed or out-of-bounds stored hashes verify nothing and never throw', async () => {
    const [, , , , salt, key] = stored.split('$')
    for (const bad of [
      '',
      'plain-text-password',
      `bcrypt$32768$8$1$${salt}$${key}`,
      `scrypt$30000$8$1$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 22}$8$1$${salt}$${key}`, // would need 4 GiB: refused, not run
      `scrypt$32768$0$1$${salt}$${key}`,
      `scrypt$32768$8$1$${salt}`,
      `scrypt$32768$8$1$c2FsdA==$${key}`, // salt too short
    ]) {
      expect({ bad, ok: await verifyPassword('correct horse battery', bad) }).toEqual({ bad, ok: false })
    }
  })

  test('the dummy verification (unknown usernames) is always false, whatever the password', async () => {
    expect(await verifyAgainstDummy('correct horse battery')).toBe(false)
    expect(await verifyAgainstDummy('')).toBe(false)
  })
})

describe('operator password rule', () => {
  const refusal = (password: string, username = 'zhao.ops') => {
    try {
      assertAcceptablePassword(password, username, 'body.password')
      return undefined
    } catch (error) {
      expect(error).toBeInstanceOf(AppError)
      return { code: (error as AppError).code, field: (error as AppError).field, rule: (error as AppError).rule }
    }
  }

  test('12 or more characters that are neither the username nor a common password pass', () => {
    expect(refusal('twelve-chars')).toBeUndefined()
    expect(refusal('一二三四五六七八九十一二')).toBeUndefined()
  })

  test('shorter than 12 characters (counted as characters, not bytes) is refused', () => {
    expect(refusal('eleven-char')).toEqual({ code: 'VALIDATION_FAILED', field: 'body.password', rule: 'minLength 12' })
    expect(refusal('一二三四五六七八九十一')).toMatchObject({ rule: 'minLength 12' })
  })

  test('the username, in any case or inside the password, is refused', () => {
    expect(refusal('ZHAO.OPS-2026-ok')).toMatchObject({ rule: 'not the username' })
    expect(refusal('zhao.ops.zhao.ops')).toMatchObject({ rule: 'not the username' })
  })

  test('a common password is refused in any case', () => {
    expect(refusal('Password1234')).toMatchObject({ rule: 'not a common password' })
    expect(refusal('1QAZ2WSX3EDC')).toMatchObject({ rule: 'not a common password' })
    expect(refusal('123456789012')).toMatchObject({ rule: 'not a common password' })
  })
})
