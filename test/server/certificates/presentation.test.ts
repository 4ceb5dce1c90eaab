import { generateKeyPairSync, sign } from 'node:crypto'
import { CERTIFICATE_VERIFY_REASON_WORDS } from '../../../src/contract/certificates/schemas'
import { createPresentationSigner } from '../../../server/certificates/presentation-token'
import {
  fieldValues,
  liNa,
  ouyangMingyue,
  seeded,
  startCertificatesApp,
  undisclosedValues,
  wangXiaoming,
  zhangWei,
  zhaoLihua,
  
} from '../../support/certificates'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows } from '../../support/identity'

describe.each(dialects())('presentation codes (亮证码) on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startCertificatesApp)

  const present = (token: string, payload: Record<string, unknown>) => app.request('/api/certificates/presentations', { method: 'POST', token, payload })
  const verify = (code: string, token?: string) => app.disclosing('/api/certificates/verify', { method: 'POST', token, payload: { code } })

  test('a proven holder gets a short signed code for exactly the chosen scope; a verifier sees exactly those fields in full', async () => {
    const holder = await app.fresh('wx-present', zhangWei)
    const certificateId = await app.certificateId(holder, 'driving_licence')
    const issued = await present(holder, { certificateId, purpose: 'traffic_enforcement', fields: ['vehicleClass', 'name', 'licenceNumber'] })
    expect(issued.status).toBe(201)
    expect(issued.body).toEqual({
      presentationId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      code: expect.stringMatching(/^EC1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/),
      issuedAt: app.clock().toISOString().replace(/\.\d{3}Z$/, '.000Z'),
      expiresAt: new Date(Math.floor(app.clock().getTime() / 1000) * 1000 + 120_000).toISOString(),
      purpose: 'traffic_enforcement',
      purposeName: '交通执法',
      // Display order, whatever order they were chosen in.
      fields: [
        { key: 'name', label: '姓名' },
        { key: 'licenceNumber', label: '证号' },
        { key: 'vehicleClass', label: '准驾车型' },
      ],
    })
    expect(issued.body.code.length).toBeLessThan(300)
    // The code itself carries no personal data.
    const payload = Buffer.from(issued.body.code.split('.')[1], 'base64url').toString()
    expect(Object.keys(JSON.parse(payload))).toEqual(['pid', 'kid', 'iat', 'exp'])

    const verifier = await app.verifier()
    const verified = await verify(issued.body.code, verifier)
    expect(verified.status).toBe(200)
    expect(verified.body).toEqual({
      valid: true,
      certificate: { type: 'driving_licence', typeName: '机动车驾驶证', issuer: '北京市公安局公安交通管理局', validUntil: '2032-04-18', status: 'valid', statusName: '有效' },
      holder: { name: '张*' },
      purpose: 'traffic_enforcement',
      purposeName: '交通执法',
      fields: [
        { key: 'name', label: '姓名', value: zhangWei.name },
        { key: 'licenceNumber', label: '证号', value: zhangWei.idNumber },
        { key: 'vehicleClass', label: '准驾车型', value: 'C1' },
      ],
      presentedAt: issued.body.issuedAt,
      verifiedAt: app.clock().toISOString(),
    })
    for (const value of undisclosedValues(seeded(zhangWei, 'driving_licence', '002'), ['name', 'licenceNumber', 'vehicleClass'])) {
      expect({ value, found: verified.text.includes(value) }).toEqual({ value, found: false })
    }
    expect(verified.headers.get('cache-control')).toBe('no-store')
  })

  test('undisclosed fields never appear: an ID card shown for a hotel with name only', async () => {
    const holder = await app.fresh('wx-present-hotel', liNa)
    const certificateId = await app.certificateId(holder, 'resident_id_card')
    const issued = await present(holder, { certificateId, purpose: 'hotel_check_in', fields: ['name'] })
    const verified = await verify(issued.body.code)
    expect(verified.body.fields).toEqual([{ key: 'name', label: '姓名', value: liNa.name }])
    const hidden = undisclosedValues(seeded(liNa, 'resident_id_card'), ['name'])
    expect(hidden).toEqual(expect.arrayContaining([liNa.idNumber, liNa.address, '1990-07-21']))
    for (const value of hidden) expect({ value, found: verified.text.includes(value) }).toEqual({ value, found: false })
    expect(verified.text).not.toContain(liNa.phone)
  })

  test('anyone holding the code may verify it once; the verifier is recorded (anonymous, citizen or verifier)', async () => {
    const holder = await app.fresh('wx-present-once', wangXiaoming)
    const certificateId = await app.certificateId(holder, 'degree_certificate')
    const issued = await present(holder, { certificateId, purpose: 'counter_service', fields: ['degree', 'major'] })
    const first = await verify(issued.body.code)
    expect(first.body).toMatchObject({ valid: true, holder: { name: '王*明' }, fields: [{ key: 'degree', value: '工学学士' }, { key: 'major', value: '软件工程' }] })
    const again = await verify(issued.body.code, await app.verifier())
    expect(again.body).toEqual({ valid: false, reason: 'already_used', reasonText: CERTIFICATE_VERIFY_REASON_WORDS.already_used })

    const state = await app.request(`/api/certificates/presentations/${issued.body.presentationId}`, { token: holder })
    expect(state.body).toEqual({
      presentationId: issued.body.presentationId,
      status: 'verified',
      expiresAt: issued.body.expiresAt,
      verifiedAt: first.body.verifiedAt,
      verifier: { kind: 'anonymous', label: '未登录的核验方' },
    })

    // A logged-in citizen without the verifier role (a landlord) is recorded as such.
    const landlord = await app.fresh('wx-landlord', zhaoLihua)
    const second = await present(holder, { certificateId, purpose: 'rental_signing', fields: ['name'] })
    expect((await verify(second.body.code, landlord)).body.valid).toBe(true)
    const secondState = await app.request(`/api/certificates/presentations/${second.body.presentationId}`, { token: holder })
    expect(secondState.body.verifier).toEqual({ kind: 'citizen', label: '已登录用户 赵*华' })
  })

  test('a claimed identity (level 3, name + ID number only) cannot present, even right after real-name; after face verification it can', async () => {
    const claimed = await app.login('weapp', 'wx-present-claimed')
    expect((await app.realName(claimed, liNa)).status).toBe(200)
    const holder = await app.faceVerified('wx-present-l4', liNa)
    const certificateId = await app.certificateId(holder, 'resident_id_card')
    const refused = await present(claimed, { certificateId, purpose: 'hotel_check_in', fields: ['name'] })
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4, currentLevel: 3 })
    expect(refused.body.error.message).toMatch(/人脸核验/)
    expect((await app.request('/api/certificates', { token: claimed })).status).toBe(403)

    // A proven holder presents without another verification, however long ago the face check was.
    const issued = await present(holder, { certificateId, purpose: 'hotel_check_in', fields: ['name'] })
    expect(issued.status).toBe(201)
    expect((await app.faceVerify(claimed)).status).toBe(200)
    expect((await present(claimed, { certificateId, purpose: 'hotel_check_in', fields: ['name'] })).status).toBe(201)
  })

  test('expired and revoked certificates cannot be presented: 409 CERTIFICATE_NOT_PRESENTABLE', async () => {
    const holder = await app.fresh('wx-present-invalid', zhangWei)
    for (const [status, words] of [
      ['expired', '已过期'],
      ['revoked', '已注销'],
    ] as const) {
      const certificateId = await app.certificateId(holder, status === 'expired' ? 'residence_permit' : 'driving_licence', status)
      const response = await present(holder, { certificateId, purpose: 'counter_service', fields: ['name'] })
      expect(response.status).toBe(409)
      expect(response.body.error).toEqual({ code: 'CERTIFICATE_NOT_PRESENTABLE', message: expect.stringContaining(words) })
    }
  })

  test.each([
    [{ fields: [] }, 'body.fields', 'minItems 1'],
    [{ fields: ['spouseName'] }, 'body.fields', expect.stringContaining('items one of name|licenceNumber')],
    [{ fields: ['name', 'name'] }, 'body.fields', 'uniqueItems'],
    [{ fields: ['na me'] }, 'body.fields.0', expect.stringMatching(/^pattern/)],
    [{ purpose: 'shopping' }, 'body.purpose', expect.any(String)],
    [{ certificateId: 'abc' }, 'body.certificateId', 'format uuid'],
    [{ code: 'x' }, 'body.code', 'additionalProperties false'],
  ])('presenting with %j is 400 naming %s', async (override, field, rule) => {
    const holder = await app.fresh('wx-present-bad', zhangWei)
    const certificateId = await app.certificateId(holder, 'driving_licence')
    const response = await present(holder, { certificateId, purpose: 'traffic_enforcement', fields: ['name'], ...override })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field, rule })
  })

  test('an expired code is refused with its reason and the attempt is in the ledger', async () => {
    const holder = await app.fresh('wx-present-expired', zhaoLihua)
    const certificateId = await app.certificateId(holder, 'household_register')
    const issued = await present(holder, { certificateId, purpose: 'counter_service', fields: ['householdNumber'] })
    app.clock.advance(119_000)
    const stillValid = await present(holder, { certificateId, purpose: 'counter_service', fields: ['householdNumber'] })
    app.clock.advance(1_000 + (Date.parse(issued.body.expiresAt) - app.clock().getTime()))
    const response = await verify(issued.body.code)
    expect(response.body).toEqual({ valid: false, reason: 'expired', reasonText: '亮证码已过期，请让对方刷新后重新出示' })
    expect(response.text).not.toContain('315206478')
    expect((await verify(stillValid.body.code)).body.valid).toBe(true)
    const state = await app.request(`/api/certificates/presentations/${issued.body.presentationId}`, { token: holder })
    expect(state.body.status).toBe('expired')
    const ledger = await app.request(`/api/certificates/${certificateId}/ledger`, { token: holder })
    expect(ledger.body.items.find((entry: { presentationId?: string; event: string }) => entry.presentationId === issued.body.presentationId && entry.event === 'presentation_verified')).toMatchObject({
      outcome: 'refused',
      reason: 'expired',
      reasonText: '亮证码已过期，请让对方刷新后重新出示',
      actor: { kind: 'anonymous' },
      fields: [{ key: 'householdNumber', label: '户号' }],
    })
  })

  test('tampered, forged and malformed codes are refused with the reason', async () => {
    const holder = await app.fresh('wx-present-tamper', zhangWei)
    const certificateId = await app.certificateId(holder, 'resident_id_card')
    const issued = await present(holder, { certificateId, purpose: 'hotel_check_in', fields: ['name', 'idNumber'] })
    const [prefix, payload, signature] = issued.body.code.split('.') as [string, string, string]

    // A longer life written into the payload: the signature no longer matches.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const extended = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 })).toString('base64url')
    expect((await verify(`${prefix}.${extended}.${signature}`)).body).toMatchObject({ valid: false, reason: 'bad_signature' })
    // A flipped signature character.
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11)
    expect((await verify(`${prefix}.${payload}.${flipped}`)).body).toMatchObject({ valid: false, reason: 'bad_signature' })
    // Signed by someone else's key under our key id.
    const { privateKey } = generateKeyPairSync('ed25519')
    const forged = sign(null, Buffer.from(`${prefix}.${payload}`), privateKey).toString('base64url')
    expect((await verify(`${prefix}.${payload}.${forged}`)).body).toMatchObject({ valid: false, reason: 'bad_signature' })
    // A well-formed code from another key entirely.
    const other = createPresentationSigner(privateKey).sign({ pid: claims.pid, iat: claims.iat, exp: claims.exp })
    expect((await verify(other)).body).toMatchObject({ valid: false, reason: 'unknown_key', reasonText: expect.stringContaining('伪造') })
    for (const code of ['hello', `EC2.${payload}.${signature}`, `EC1.${payload}`, `EC1.!!.${signature}`]) {
      expect((await verify(code)).body).toEqual({ valid: false, reason: 'malformed', reasonText: '无法识别的亮证码' })
    }
    // None of that used up the genuine code, and none of it disclosed anything.
    expect((await verify(issued.body.code)).body.valid).toBe(true)
    const failures = (await auditRows(app.db, 'certificate.verify')).filter((row) => row.outcome === 'failure')
    expect(failures.map((row) => row.detail?.reason)).toEqual(expect.arrayContaining(['bad_signature', 'unknown_key', 'malformed']))
  })

  test('a withdrawn code is refused; withdrawing is idempotent and only for the holder', async () => {
    const holder = await app.fresh('wx-present-withdraw', liNa)
    const certificateId = await app.certificateId(holder, 'degree_certificate')
    const issued = await present(holder, { certificateId, purpose: 'counter_service', fields: ['degree'] })
    const withdrawPath = `/api/certificates/presentations/${issued.body.presentationId}/withdraw`

    const stranger = await app.fresh('wx-present-stranger', zhangWei)
    expect((await app.request(withdrawPath, { method: 'POST', token: stranger })).status).toBe(404)
    expect((await app.request(`/api/certificates/presentations/${issued.body.presentationId}`, { token: stranger })).status).toBe(404)

    expect((await app.request(withdrawPath, { method: 'POST', token: holder })).status).toBe(204)
    expect((await app.request(withdrawPath, { method: 'POST', token: holder })).status).toBe(204)
    expect((await verify(issued.body.code)).body).toMatchObject({ valid: false, reason: 'withdrawn' })
    expect((await app.request(`/api/certificates/presentations/${issued.body.presentationId}`, { token: holder })).body.status).toBe('withdrawn')
  })

  test('a certificate revoked after the code was issued is refused as revoked', async () => {
    const holder = await app.fresh('wx-present-revoked-later', ouyangMingyue)
    const certificateId = await app.certificateId(holder, 'driving_licence')
    const issued = await present(holder, { certificateId, purpose: 'traffic_enforcement', fields: ['vehicleClass'] })
    // The issuing authority revokes it meanwhile.
    await app.db.updateTable('certificates').set({ revoked_at: app.clock().toISOString(), revocation_reason: '吊销' }).where('id', '=', certificateId).execute()
    const response = await verify(issued.body.code, await app.verifier())
    expect(response.body).toEqual({ valid: false, reason: 'certificate_revoked', reasonText: '该证照已注销' })
    expect(fieldValues(seeded(ouyangMingyue, 'driving_licence')).vehicleClass).toBe('C1')
    expect(response.text).not.toContain('C1')
  })

  test('verifying with a session that is no longer valid is 401, not silently anonymous', async () => {
    const response = await verify('EC1.x.y', 'not-a-session')
    expect(response.status).toBe(401)
    expect(response.body.error.code).toBe('UNAUTHENTICATED')
  })

  test('presenting and polling need a proven identity (level 4)', async () => {
    const token = await app.login('weapp', 'wx-present-level-1')
    const response = await present(token, { certificateId: '00000000-0000-4000-8000-000000000000', purpose: 'hotel_check_in', fields: ['name'] })
    expect(response.body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4 })
  })
})

describe.each(dialects())('verification rate limit on $name', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) => startCertificatesApp(testDb, { env: { RATE_LIMIT_CERT_VERIFY: '3/1m' } }))

  test('anonymous verification is limited per client: 429 RATE_LIMITED with retry-after', async () => {
    const statuses: number[] = []
    let last
    for (let attempt = 0; attempt < 4; attempt++) {
      last = await app.disclosing('/api/certificates/verify', { method: 'POST', payload: { code: `guess-${attempt}` } })
      statuses.push(last.status)
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    expect(last!.body.error.code).toBe('RATE_LIMITED')
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
