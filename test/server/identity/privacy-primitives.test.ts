import { createIdentityCrypto } from '../../../server/identity/crypto'
import { maskCitizen, maskIdNumber, maskName, maskNumbersInText, maskPhone } from '../../../server/privacy/masking'

describe('masking', () => {
  test.each([
    ['110101198503120017', '110***********0017'],
    ['31010419900721002X', '310***********002X'],
  ])('ID %s → %s', (id, masked) => expect(maskIdNumber(id)).toBe(masked))

  test('phone keeps the first 3 and last 4 digits', () => expect(maskPhone('13812345678')).toBe('138****5678'))

  test.each([
    ['张三', '张*'],
    ['张三丰', '张*丰'],
    ['欧阳明月', '欧*月'],
    ['阿依古丽·买买提', '阿*提'],
    ['李', '*'],
  ])('name %s → %s', (name, masked) => expect(maskName(name)).toBe(masked))

  test('values too short to keep both ends are masked entirely', () => {
    expect(maskPhone('12345')).toBe('*****')
  })

  test('a citizen without a phone has no phone field', () => {
    expect(maskCitizen({ name: '赵丽华', idNumber: '510107196802290241', phone: null })).toEqual({ name: '赵*华', idNumber: '510***********0241' })
  })

  test('numbers inside free text are masked, other digits left alone', () => {
    expect(maskNumbersInText('id 110101198503120017, tel 13812345678, order 20270301')).toBe('id 110***********0017, tel 138****5678, order 20270301')
  })
})

describe('identity crypto', () => {
  const crypto = createIdentityCrypto({ encryptionKey: Buffer.alloc(32, 1), hashKey: Buffer.alloc(32, 2) })

  test('encrypts with a fresh IV each time and decrypts back', () => {
    const first = crypto.encrypt('110101198503120017')
    const second = crypto.encrypt('110101198503120017')
    expect(first).not.toBe(second)
    expect(first).not.toContain('110101')
    expect(crypto.decrypt(first)).toBe('110101198503120017')
  })

  test('a tampered value fails to decrypt instead of decrypting to something else', () => {
    const [version, iv, tag, ciphertext] = crypto.encrypt('13812345678').split('.') as [string, string, string, string]
    const flipped = Buffer.from(ciphertext, 'base64url')
    flipped[0]! ^= 1
    expect(() => crypto.decrypt([version, iv, tag, flipped.toString('base64url')].join('.'))).toThrow()
    const other = createIdentityCrypto({ encryptionKey: Buffer.alloc(32, 3), hashKey: Buffer.alloc(32, 2) })
    expect(() => other.decrypt(crypto.encrypt('13812345678'))).toThrow()
  })

  test('the lookup hash is keyed and ignores case and surrounding spaces', () => {
    const hash = crypto.hashIdNumber('31010419900721002X')
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(crypto.hashIdNumber(' 31010419900721002x ')).toBe(hash)
    const otherKey = createIdentityCrypto({ encryptionKey: Buffer.alloc(32, 1), hashKey: Buffer.alloc(32, 9) })
    expect(otherKey.hashIdNumber('31010419900721002X')).not.toBe(hash)
    expect(crypto.sameHash(hash, crypto.hashIdNumber('31010419900721002X'))).toBe(true)
    expect(crypto.sameHash(hash, otherKey.hashIdNumber('31010419900721002X'))).toBe(false)
  })
})
