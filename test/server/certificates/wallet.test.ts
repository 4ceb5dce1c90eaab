import { CERTIFICATE_TYPE_KEYS } from '../../../src/contract/certificates/data'
import { seedDemoCertificates } from '../../../server/certificates/seed'
import { isValidUscc } from '../../../server/certificates/uscc'
import { createIdentityCrypto } from '../../../server/identity/crypto'
import { demoCertificates } from '../../../server/seed-data/demo-certificates'
import { ALL_SENSITIVE_VALUES, fieldValues, liNa, seeded, startCertificatesApp, zhangWei, zhaoLihua } from '../../support/certificates'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, MINUTE } from '../../support/identity'

describe.each(dialects())('certificate wallet on $name', (dialect) => {
  const { app, testDb } = useDialectApp(dialect, startCertificatesApp)

  const leakedSensitive = (text: string) => ALL_SENSITIVE_VALUES.find((value) => text.includes(value))

  test('the list shows every seeded certificate of the holder, masked, valid ones first, with statuses in words', async () => {
    const token = await app.fresh('wx-wallet-list', zhangWei)
    const response = await app.request('/api/certificates', { token })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const items = response.body.items as Record<string, unknown>[]
    expect(items).toHaveLength(demoCertificates.filter((certificate) => certificate.holder === zhangWei.key).length)
    expect(items[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'resident_id_card',
      typeName: '居民身份证',
      holderKind: 'natural_person',
      number: `110***********${zhangWei.idNumber.slice(-4)}`,
      issuer: '北京市公安局东城分局',
      issuedOn: '2016-05-10',
      validUntil: '2036-05-10',
      status: 'valid',
      statusName: '有效',
      presentable: true,
    })
    const statuses = items.map((item) => `${item.type}:${item.status}`)
    expect(statuses).toEqual(expect.arrayContaining(['driving_licence:revoked', 'residence_permit:expired', 'business_licence:valid']))
    expect(items.find((item) => item.status === 'revoked')).toMatchObject({ statusName: '已注销', presentable: false })
    expect(items.find((item) => item.status === 'expired')).toMatchObject({ statusName: '已过期', presentable: false })
    expect(items.find((item) => item.type === 'vehicle_licence')).toMatchObject({ number: '京N****72', validUntil: null })
    expect(items.find((item) => item.type === 'business_licence')).toMatchObject({ holderKind: 'legal_person', typeName: '营业执照' })
    const ranks = items.map((item) => ['valid', 'expired', 'revoked'].indexOf(item.status as string))
    expect(ranks).toEqual([...ranks].sort())
    expect(leakedSensitive(response.text)).toBeUndefined()
  })

  test('between them, the demo citizens hold every certificate type', () => {
    expect(new Set(demoCertificates.map((certificate) => certificate.type))).toEqual(new Set(CERTIFICATE_TYPE_KEYS))
  })

  test('the detail has every field in order with Chinese labels, sensitive ones masked, and a national identifier', async () => {
    const token = await app.fresh('wx-wallet-detail', zhangWei)
    const id = await app.certificateId(token, 'driving_licence')
    const response = await app.request(`/api/certificates/${id}`, { token })
    expect(response.status).toBe(200)
    expect(response.body.fields).toEqual([
      { key: 'name', label: '姓名', value: '张*', sensitive: true },
      { key: 'licenceNumber', label: '证号', value: `110***********${zhangWei.idNumber.slice(-4)}`, sensitive: true },
      { key: 'vehicleClass', label: '准驾车型', value: 'C1', sensitive: false },
      { key: 'firstIssueDate', label: '初次领证日期', value: '2010-04-18', sensitive: false },
      { key: 'archiveNumber', label: '档案编号', value: '11********73', sensitive: true },
    ])
    const { identifier, issuerCode, version } = response.body
    expect(version).toBe('002')
    expect(isValidUscc(issuerCode)).toBe(true)
    const parts = identifier.split('.')
    expect(parts.slice(0, 5).join('.')).toBe('1.2.156.3005.2')
    expect(isValidUscc(parts[5].slice(0, 18))).toBe(true)
    expect(parts[5]).toMatch(/^[0-9A-Z]{18}\d{3}$/)
    expect(parts.slice(6)).toEqual([issuerCode, 'JZ2022B774105', '002'])
  })

  test('no list or detail of any demo citizen contains a full sensitive value', async () => {
    for (const [index, person] of [zhangWei, liNa, zhaoLihua].entries()) {
      const token = await app.fresh(`wx-wallet-scan-${index}`, person)
      const list = await app.request('/api/certificates', { token })
      expect(leakedSensitive(list.text)).toBeUndefined()
      for (const item of list.body.items as { id: string }[]) {
        const detail = await app.request(`/api/certificates/${item.id}`, { token })
        expect(detail.status).toBe(200)
        expect({ id: item.id, leaked: leakedSensitive(detail.text) }).toEqual({ id: item.id, leaked: undefined })
      }
    }
  })

  test('sensitive values are never stored in clear; the ID number is encrypted like the identity record', async () => {
    const rows = await app.db.selectFrom('certificate_fields').selectAll().execute()
    const stored = JSON.stringify(rows)
    expect(leakedSensitive(stored)).toBeUndefined()
    const sensitive = rows.filter((row) => row.plain_value === null)
    expect(sensitive.length).toBeGreaterThan(0)
    for (const row of sensitive) expect(row.encrypted_value).toMatch(/^v1\./)
  })

  test('seeding again adds nothing', async () => {
    const count = async () => (await app.db.selectFrom('certificates').select((eb) => eb.fn.countAll<string | number>().as('count')).executeTakeFirstOrThrow()).count
    const before = Number(await count())
    expect(before).toBe(demoCertificates.length)
    expect(await seedDemoCertificates(app.db, createIdentityCrypto({ encryptionKey: testDb.config.identityEncryptionKey, hashKey: testDb.config.identityHashKey }), app.clock())).toBe(0)
    expect(Number(await count())).toBe(before)
  })

  test('reveal right after verification returns the full value and is audited', async () => {
    const token = await app.fresh('wx-wallet-reveal', zhangWei)
    const id = await app.certificateId(token, 'vehicle_licence')
    const response = await app.disclosing(`/api/certificates/${id}/reveal`, { method: 'POST', token, payload: { field: 'vin' } })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ field: 'vin', label: '车辆识别代号', value: fieldValues(seeded(zhangWei, 'vehicle_licence')).vin })
    expect(response.headers.get('cache-control')).toBe('no-store')
    // The scans in these suites read the raw text: values appear in it as they are.
    expect(leakedSensitive(response.text)).toBe(response.body.value)

    const { accountId } = (await app.request('/api/me', { token })).body
    const audit = (await auditRows(app.db, 'certificate.reveal')).filter((row) => row.account_id === accountId)
    expect(audit).toEqual([expect.objectContaining({ outcome: 'success', detail: { certificateId: id, type: 'vehicle_licence', field: 'vin' } })])
    expect(JSON.stringify(audit)).not.toContain(response.body.value)
  })

  test('reveal without a verification in the last 5 minutes is 403 RECENT_VERIFICATION_REQUIRED, audited; re-verifying opens it', async () => {
    const token = await app.stale('wx-wallet-reveal-stale', liNa)
    const id = await app.certificateId(token, 'household_register')
    const refused = await app.disclosing(`/api/certificates/${id}/reveal`, { method: 'POST', token, payload: { field: 'address' } })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('RECENT_VERIFICATION_REQUIRED')
    expect(refused.text).not.toContain(liNa.address)
    expect((await auditRows(app.db, 'certificate.reveal')).at(-1)).toMatchObject({
      outcome: 'failure',
      detail: { certificateId: id, field: 'address', reason: 'RECENT_VERIFICATION_REQUIRED' },
    })

    expect((await app.request('/api/identity/reverify', { method: 'POST', token, payload: { idNumber: liNa.idNumber } })).status).toBe(200)
    const revealed = await app.disclosing(`/api/certificates/${id}/reveal`, { method: 'POST', token, payload: { field: 'address' } })
    expect(revealed.body).toEqual({ field: 'address', label: '住址', value: liNa.address })
    app.clock.advance(5 * MINUTE)
    expect((await app.disclosing(`/api/certificates/${id}/reveal`, { method: 'POST', token, payload: { field: 'address' } })).status).toBe(403)
  })

  test('level 4 alone does not open reveal: it needs a recent verification', async () => {
    const token = await app.faceVerified('wx-wallet-reveal-l4', zhaoLihua)
    const id = await app.certificateId(token, 'marriage_certificate')
    const response = await app.disclosing(`/api/certificates/${id}/reveal`, { method: 'POST', token, payload: { field: 'spouseName' } })
    expect(response.status).toBe(403)
    expect(response.body.error.code).toBe('RECENT_VERIFICATION_REQUIRED')
  })

  test.each([
    [{ field: 'vin' }, 'body.field', 400],
    [{ field: 'id-number' }, 'body.field', 400],
    [{}, 'body.field', 400],
    [{ field: 'name', extra: 1 }, 'body.extra', 400],
  ])('reveal body %j is 400 naming %s', async (payload, field, status) => {
    const token = await app.fresh('wx-wallet-reveal-bad', zhangWei)
    const id = await app.certificateId(token, 'resident_id_card')
    const response = await app.disclosing(`/api/certificates/${id}/reveal`, { method: 'POST', token, payload })
    expect(response.status).toBe(status)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
  })

  test('a malformed id is 400 naming params.id', async () => {
    const token = await app.fresh('wx-wallet-bad-id', zhangWei)
    const response = await app.request('/api/certificates/not-a-uuid', { token })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.id' })
  })

  test("another citizen's certificate is 404 on every route, exactly like one that does not exist", async () => {
    const owner = await app.fresh('wx-wallet-owner', zhangWei)
    const other = await app.fresh('wx-wallet-other', liNa)
    const id = await app.certificateId(owner, 'resident_id_card')
    const missing = '00000000-0000-4000-8000-000000000000'
    for (const target of [id, missing]) {
      const responses = [
        await app.request(`/api/certificates/${target}`, { token: other }),
        await app.disclosing(`/api/certificates/${target}/reveal`, { method: 'POST', token: other, payload: { field: 'idNumber' } }),
        await app.request(`/api/certificates/${target}/ledger`, { token: other }),
        await app.request('/api/certificates/presentations', { method: 'POST', token: other, payload: { certificateId: target, purpose: 'hotel_check_in', fields: ['name'] } }),
        await app.request(`/api/certificates/${target}/authorisations`, {
          method: 'POST',
          token: other,
          payload: { organisation: { name: '某某银行' }, purpose: '开户审核', fields: ['name'], validUntil: new Date(app.clock().getTime() + 86_400_000).toISOString() },
        }),
        await app.request(`/api/certificates/authorisations?certificateId=${target}`, { token: other }),
      ]
      expect(responses.map((response) => [response.status, response.body.error?.code])).toEqual(Array(responses.length).fill([404, 'NOT_FOUND']))
      for (const response of responses) expect(response.text).not.toContain(zhangWei.address)
    }
    // The owner's list is untouched by the other citizen's attempts.
    expect((await app.request(`/api/certificates/${id}/ledger`, { token: owner })).body.items).toEqual([])
  })

  test('the wallet needs a proven identity (level 4): neither a login nor a claimed name + ID number opens it', async () => {
    const token = await app.login('weapp', 'wx-wallet-level-1')
    for (const path of ['/api/certificates', '/api/certificates/00000000-0000-4000-8000-000000000000']) {
      const response = await app.request(path, { token })
      expect(response.status).toBe(403)
      expect(response.body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4, currentLevel: 1 })
    }
    expect((await app.realName(token, zhangWei)).status).toBe(200)
    for (const path of ['/api/certificates', '/api/certificates/00000000-0000-4000-8000-000000000000']) {
      const response = await app.request(path, { token })
      expect(response.body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4, currentLevel: 3 })
    }
    expect((await app.request('/api/certificates')).status).toBe(401)
  })

  test('the purposes list names each purpose in Chinese with the fields it suggests per type', async () => {
    const response = await app.request('/api/certificates/purposes')
    expect(response.status).toBe(200)
    expect(response.body.items.map((item: { name: string }) => item.name)).toEqual(['酒店入住', '交通执法', '窗口办事', '租房签约', '银行开户'])
    const traffic = response.body.items.find((item: { purpose: string }) => item.purpose === 'traffic_enforcement')
    expect(traffic.suggestedFields).toEqual(
      expect.arrayContaining([{ type: 'driving_licence', fields: ['name', 'licenceNumber', 'vehicleClass', 'archiveNumber'] }]),
    )
  })
})
