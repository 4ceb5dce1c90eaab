import { generateKeyPairSync } from 'node:crypto'
import { CERTIFICATE_TYPE_KEYS, CERTIFICATE_TYPES } from '../../../src/contract/certificates/data'
import { PRESENTATION_PURPOSES } from '../../../src/contract/certificates/schemas'
import { fieldsOf } from '../../../server/certificates/catalogue'
import { maskField } from '../../../server/certificates/field-masking'
import { createPresentationSigner } from '../../../server/certificates/presentation-token'
import { certificateStatus, chinaDate } from '../../../server/certificates/status'
import { buildUscc, isValidUscc, organisationCodeCheckCharacter, usccCheckCharacter } from '../../../server/certificates/uscc'
import { demoCertificates } from '../../../server/seed-data/demo-certificates'
import { idNumberProblem } from '../../../src/contract/id-number'

describe('unified social credit codes (GB 32100)', () => {
  test.each(['91440300708461136T', '914403001922038216', '91330100716105852F', '91110000802100433B'])('the published code %s checks out', (code) => {
    expect(isValidUscc(code)).toBe(true)
    expect(organisationCodeCheckCharacter(code.slice(8, 16))).toBe(code[16])
  })

  test('a changed character or check character is refused', () => {
    expect(isValidUscc('91440300708461136U')).toBe(false)
    expect(isValidUscc('91440300708461137T')).toBe(false)
    expect(isValidUscc('9144030070846113')).toBe(false)
    // I, O, S, V and Z are not in the alphabet.
    expect(usccCheckCharacter('9144030070846113I')).toBeUndefined()
  })

  test('built codes carry both check characters', () => {
    const code = buildUscc('11', '110101', '00001931')
    expect(code).toMatch(/^1111010100001931\d[0-9A-HJ-NPQRTUWXY]$/)
    expect(isValidUscc(code)).toBe(true)
  })

  test('every seeded issuer, credit code, ID number and VIN is well-formed', () => {
    for (const certificate of demoCertificates) {
      expect(isValidUscc(certificate.issuer.code)).toBe(true)
      const fields = certificate.fields as Record<string, string>
      if (fields.creditCode) expect(isValidUscc(fields.creditCode)).toBe(true)
      for (const key of ['idNumber', 'licenceNumber', 'spouseIdNumber']) if (fields[key]) expect(idNumberProblem(fields[key]!)).toBeUndefined()
      if (fields.vin) expect(fields.vin).toMatch(/^[A-HJ-NPR-Z0-9]{8}[0-9X][A-HJ-NPR-Z0-9]{8}$/)
    }
  })
})

describe('field masking', () => {
  test.each([
    ['name', '欧阳明月', '欧*月'],
    ['idNumber', '110101198503120014', '110***********0014'],
    ['date', '1985-03-12', '1985-**-**'],
    ['address', '北京市东城区景山前街4号', '北京市东城区****'],
    ['plate', '京N·D3K72', '京N****72'],
    ['code', 'LGXCE4CB0L0123478', 'LGX**********3478'],
    ['code', '110100518273', '11********73'],
    ['code', '083512647', '08*****47'],
    ['code', 'ABC', '***'],
  ] as const)('%s %s → %s', (kind, value, masked) => {
    expect(maskField(kind, value)).toBe(masked)
  })

  test('every sensitive field has a rule, and the mask never equals the value', () => {
    for (const type of CERTIFICATE_TYPE_KEYS) for (const field of fieldsOf(type)) expect(field.sensitive).toBe(field.mask !== undefined)
    for (const certificate of demoCertificates) {
      for (const field of fieldsOf(certificate.type)) {
        const value = (certificate.fields as Record<string, string>)[field.key]!
        expect(value).toBeDefined()
        if (field.mask) expect(maskField(field.mask, value)).not.toBe(value)
      }
    }
  })
})

describe('the contract', () => {
  test('every suggested field of every purpose is a field of that type', () => {
    for (const purpose of Object.values(PRESENTATION_PURPOSES)) {
      for (const [type, keys] of Object.entries(purpose.suggestedFields)) {
        const known = CERTIFICATE_TYPES[type as keyof typeof CERTIFICATE_TYPES].fields.map((field) => field.key as string)
        for (const key of keys ?? []) expect(known).toContain(key)
      }
    }
  })

  test("each type's number field is one of its sensitive fields", () => {
    for (const type of CERTIFICATE_TYPE_KEYS) {
      expect(fieldsOf(type).find((field) => field.key === CERTIFICATE_TYPES[type].numberField)?.sensitive).toBe(true)
    }
  })
})

describe('certificate status', () => {
  test('validity dates are China calendar dates: valid through the whole last day', () => {
    const certificate = { validUntil: '2030-06-30', revokedAt: null }
    // 2030-06-30 23:59 in Beijing is 15:59 UTC.
    expect(certificateStatus(certificate, new Date('2030-06-30T15:59:00Z'))).toBe('valid')
    expect(certificateStatus(certificate, new Date('2030-06-30T16:00:00Z'))).toBe('expired')
    expect(chinaDate(new Date('2030-06-30T16:00:00Z'))).toBe('2030-07-01')
    expect(certificateStatus({ validUntil: null, revokedAt: null }, new Date('2090-01-01T00:00:00Z'))).toBe('valid')
    expect(certificateStatus({ validUntil: null, revokedAt: '2020-01-01T00:00:00Z' }, new Date())).toBe('revoked')
  })
})

describe('presentation token', () => {
  const signer = createPresentationSigner(generateKeyPairSync('ed25519').privateKey)

  test('round-trips and stays QR-sized', () => {
    const code = signer.sign({ pid: 'AAAAAAAAAAAAAAAAAAAAAA', iat: 1_800_000_000, exp: 1_800_000_120 })
    expect(code.length).toBeLessThan(300)
    expect(signer.open(code)).toEqual({ ok: true, claims: { pid: 'AAAAAAAAAAAAAAAAAAAAAA', kid: signer.kid, iat: 1_800_000_000, exp: 1_800_000_120 } })
    expect(signer.kid).toMatch(/^ec-[A-Za-z0-9_-]{8}$/)
  })

  test.each([
    ['a payload that is not JSON', `EC1.${Buffer.from('nope').toString('base64url')}.${'A'.repeat(86)}`],
    ['claims of the wrong types', `EC1.${Buffer.from(JSON.stringify({ pid: 1, kid: 'x', iat: 'a', exp: 2 })).toString('base64url')}.${'A'.repeat(86)}`],
    ['an empty string', ''],
  ])('%s is malformed', (_case, code) => {
    expect(signer.open(code)).toEqual({ ok: false, reason: 'malformed' })
  })
})
