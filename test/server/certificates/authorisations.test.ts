import { isValidUscc } from '../../../server/certificates/uscc'
import { fieldValues, liNa, seeded, startCertificatesApp, undisclosedValues, wangXiaoming, zhangWei } from '../../support/certificates'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, MINUTE } from '../../support/identity'

const DAY = 24 * 60 * MINUTE

describe.each(dialects())('authorisations (授权) on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startCertificatesApp)

  const grant = (token: string, certificateId: string, overrides: Record<string, unknown> = {}) =>
    app.disclosing(`/api/certificates/${certificateId}/authorisations`, {
      method: 'POST',
      token,
      payload: {
        organisation: { name: '中国某某银行北京东城支行' },
        purpose: '办理个人住房贷款审批',
        fields: ['companyName', 'creditCode', 'legalRepresentative'],
        validUntil: new Date(app.clock().getTime() + 30 * DAY).toISOString(),
        ...overrides,
      },
    })
  const fetchAs = (grantId: string, accessKey?: string) =>
    app.disclosing(`/api/certificates/authorised/${grantId}`, accessKey ? { headers: { authorization: `Bearer ${accessKey}` } } : {})

  test('the organisation fetches exactly the granted fields in full with its key, shown once and stored hashed', async () => {
    const holder = await app.fresh('wx-grant', zhangWei)
    const certificateId = await app.certificateId(holder, 'business_licence')
    const created = await grant(holder, certificateId)
    expect(created.status).toBe(201)
    const { authorisation, accessKey, accessPath } = created.body
    expect(accessKey).toMatch(/^eca_[A-Za-z0-9_-]{43}$/)
    expect(accessPath).toBe(`/api/certificates/authorised/${authorisation.id}`)
    expect(authorisation).toEqual({
      id: expect.any(String),
      certificateId,
      certificateType: 'business_licence',
      certificateTypeName: '营业执照',
      organisation: { name: '中国某某银行北京东城支行' },
      purpose: '办理个人住房贷款审批',
      fields: [
        { key: 'creditCode', label: '统一社会信用代码' },
        { key: 'companyName', label: '名称' },
        { key: 'legalRepresentative', label: '法定代表人' },
      ],
      createdAt: app.clock().toISOString(),
      validUntil: new Date(app.clock().getTime() + 30 * DAY).toISOString(),
      status: 'active',
      statusName: '授权中',
      accessCount: 0,
    })
    const row = await app.db.selectFrom('certificate_authorisations').selectAll().where('id', '=', authorisation.id).executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain(accessKey)

    const fetched = await fetchAs(authorisation.id, accessKey)
    expect(fetched.status).toBe(200)
    const licence = seeded(zhangWei, 'business_licence')
    expect(fetched.body).toEqual({
      grantId: authorisation.id,
      organisation: { name: '中国某某银行北京东城支行' },
      purpose: '办理个人住房贷款审批',
      validUntil: authorisation.validUntil,
      certificate: { type: 'business_licence', typeName: '营业执照', issuer: '北京市东城区市场监督管理局', validUntil: null, status: 'valid', statusName: '有效' },
      holder: { name: '张*' },
      fields: [
        { key: 'creditCode', label: '统一社会信用代码', value: fieldValues(licence).creditCode },
        { key: 'companyName', label: '名称', value: '北京景山文创科技有限公司' },
        { key: 'legalRepresentative', label: '法定代表人', value: zhangWei.name },
      ],
      accessedAt: app.clock().toISOString(),
    })
    expect(isValidUscc(fieldValues(licence).creditCode!)).toBe(true)
    for (const value of undisclosedValues(licence, ['creditCode', 'companyName', 'legalRepresentative'])) {
      expect({ value, found: fetched.text.includes(value) }).toEqual({ value, found: false })
    }
    expect(fetched.text).not.toContain(zhangWei.idNumber)
  })

  test('revocation stops access at once (POST …/revoke and DELETE alike), idempotently', async () => {
    const holder = await app.fresh('wx-grant-revoke', liNa)
    const certificateId = await app.certificateId(holder, 'degree_certificate')
    for (const method of ['POST', 'DELETE'] as const) {
      const created = await grant(holder, certificateId, { organisation: { name: '某某人力资源有限公司' }, purpose: '入职学历核验', fields: ['degree', 'grantingInstitution'] })
      const { authorisation, accessKey } = created.body
      expect((await fetchAs(authorisation.id, accessKey)).status).toBe(200)

      const path = method === 'POST' ? `/api/certificates/authorisations/${authorisation.id}/revoke` : `/api/certificates/authorisations/${authorisation.id}`
      const revoked = await app.request(path, { method, token: holder })
      expect(revoked.status).toBe(200)
      expect(revoked.body).toMatchObject({ id: authorisation.id, status: 'revoked', statusName: '已撤销', revokedAt: app.clock().toISOString(), accessCount: 1 })

      const refused = await fetchAs(authorisation.id, accessKey)
      expect(refused.status).toBe(403)
      expect(refused.body.error).toEqual({ code: 'AUTHORISATION_REVOKED', message: '持证人已撤销该授权，无法再调取证照' })
      expect(refused.text).not.toContain('管理学学士')
      expect((await app.request(path, { method, token: holder })).body.status).toBe('revoked')
    }
  })

  test('an expired authorisation is refused; the key must match; unknown grants are 404', async () => {
    const holder = await app.fresh('wx-grant-expiry', wangXiaoming)
    const certificateId = await app.certificateId(holder, 'resident_id_card')
    const created = await grant(holder, certificateId, { organisation: { name: '某某酒店管理有限公司' }, purpose: '长住登记', fields: ['name'], validUntil: new Date(app.clock().getTime() + DAY).toISOString() })
    const { authorisation, accessKey } = created.body

    for (const key of [undefined, 'eca_wrong', `${accessKey}x`]) {
      const response = await fetchAs(authorisation.id, key)
      expect(response.status).toBe(401)
      expect(response.body.error.code).toBe('ACCESS_KEY_INVALID')
    }
    expect((await fetchAs('00000000-0000-4000-8000-000000000000', accessKey)).status).toBe(404)
    expect((await fetchAs(authorisation.id, accessKey)).status).toBe(200)

    app.clock.advance(DAY)
    const expired = await fetchAs(authorisation.id, accessKey)
    expect(expired.status).toBe(403)
    expect(expired.body.error.code).toBe('AUTHORISATION_EXPIRED')
    expect(expired.text).not.toContain(wangXiaoming.name)
    const fresh = await app.fresh('wx-grant-expiry-list', wangXiaoming)
    const listed = await app.request(`/api/certificates/authorisations?certificateId=${certificateId}`, { token: fresh })
    expect(listed.body.items[0]).toMatchObject({ id: authorisation.id, status: 'expired', statusName: '已到期', accessCount: 1 })
    const failures = (await auditRows(app.db, 'certificate.authorised_access')).filter((row) => row.outcome === 'failure')
    expect(failures.map((row) => row.detail?.reason)).toEqual(expect.arrayContaining(['ACCESS_KEY_INVALID', 'authorisation_expired']))
  })

  test('the list shows all grants newest first, or those of one certificate, with use counts', async () => {
    const holder = await app.fresh('wx-grant-list', zhangWei)
    const licenceId = await app.certificateId(holder, 'business_licence')
    const cardId = await app.certificateId(holder, 'resident_id_card')
    const first = (await grant(holder, licenceId, { organisation: { name: '某某会计师事务所', creditCode: '91110000802100433B' } })).body
    app.clock.advance(1000)
    const second = (await grant(holder, cardId, { organisation: { name: '某某证券营业部' }, purpose: '开立证券账户', fields: ['name', 'idNumber'] })).body
    await fetchAs(first.authorisation.id, first.accessKey)
    await fetchAs(first.authorisation.id, first.accessKey)

    const all = await app.request('/api/certificates/authorisations', { token: holder })
    const ids = all.body.items.map((item: { id: string }) => item.id)
    expect(ids.indexOf(second.authorisation.id)).toBeLessThan(ids.indexOf(first.authorisation.id))
    expect(all.body.items.find((item: { id: string }) => item.id === first.authorisation.id)).toMatchObject({
      organisation: { name: '某某会计师事务所', creditCode: '91110000802100433B' },
      accessCount: 2,
      lastAccessedAt: app.clock().toISOString(),
    })
    const ofCard = await app.request(`/api/certificates/authorisations?certificateId=${cardId}`, { token: holder })
    expect(ofCard.body.items.map((item: { id: string }) => item.id)).toEqual([second.authorisation.id])
    expect(all.text).not.toContain(first.accessKey)
  })

  test('granting needs a proven identity (level 4), not a claimed one, and a valid certificate', async () => {
    const claimed = await app.login('weapp', 'wx-grant-claimed')
    expect((await app.realName(claimed, zhangWei)).status).toBe(200)
    const faceVerified = await app.faceVerified('wx-grant-l4', zhangWei)
    const certificateId = await app.certificateId(faceVerified, 'business_licence')
    const refused = await grant(claimed, certificateId)
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({ code: 'REAL_NAME_REQUIRED', requiredLevel: 4, currentLevel: 3 })
    expect((await grant(faceVerified, certificateId)).status).toBe(201)

    const revokedId = await app.certificateId(faceVerified, 'driving_licence', 'revoked')
    const notPresentable = await grant(faceVerified, revokedId, { fields: ['name'] })
    expect(notPresentable.status).toBe(409)
    expect(notPresentable.body.error.code).toBe('CERTIFICATE_NOT_PRESENTABLE')
  })

  test.each([
    [{ validUntil: 'tomorrow' }, 'body.validUntil', 'format date-time'],
    [{ validUntil: '2000-01-01T00:00:00.000Z' }, 'body.validUntil', 'after now'],
    [{ validUntilDays: 366 }, 'body.validUntil', 'at most 365 days ahead'],
    [{ fields: ['vin'] }, 'body.fields', expect.stringContaining('items one of')],
    [{ fields: [] }, 'body.fields', 'minItems 1'],
    [{ organisation: { name: '某某银行', creditCode: '91110000802100433A' } }, 'body.organisation.creditCode', 'GB 32100 check character'],
    [{ organisation: { name: '某' } }, 'body.organisation.name', 'minLength 2'],
    [{ organisation: {} }, 'body.organisation.name', 'required'],
    [{ purpose: '' }, 'body.purpose', 'minLength 2'],
  ])('granting with %j is 400 naming %s', async (override, field, rule) => {
    const holder = await app.fresh('wx-grant-bad', zhangWei)
    const certificateId = await app.certificateId(holder, 'business_licence')
    const { validUntilDays, ...rest } = override as Record<string, unknown> & { validUntilDays?: number }
    const payload = validUntilDays ? { validUntil: new Date(app.clock().getTime() + validUntilDays * DAY).toISOString() } : rest
    const response = await grant(holder, certificateId, payload)
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field, rule })
  })

  test('exactly one year ahead is allowed', async () => {
    const holder = await app.fresh('wx-grant-year', zhangWei)
    const certificateId = await app.certificateId(holder, 'business_licence')
    expect((await grant(holder, certificateId, { validUntil: new Date(app.clock().getTime() + 365 * DAY).toISOString() })).status).toBe(201)
  })

  test("another citizen's grants cannot be listed, read or revoked", async () => {
    const owner = await app.fresh('wx-grant-owner', zhangWei)
    const certificateId = await app.certificateId(owner, 'business_licence')
    const { authorisation, accessKey } = (await grant(owner, certificateId)).body
    const other = await app.fresh('wx-grant-other', liNa)
    expect((await app.request(`/api/certificates/authorisations/${authorisation.id}/revoke`, { method: 'POST', token: other })).status).toBe(404)
    expect((await app.request(`/api/certificates/authorisations/${authorisation.id}`, { method: 'DELETE', token: other })).status).toBe(404)
    expect((await app.request(`/api/certificates/authorisations?certificateId=${certificateId}`, { token: other })).status).toBe(404)
    const theirs = await app.request('/api/certificates/authorisations', { token: other })
    expect(theirs.body.items.map((item: { id: string }) => item.id)).not.toContain(authorisation.id)
    // Still active for the organisation.
    expect((await fetchAs(authorisation.id, accessKey)).status).toBe(200)
  })
})
