import { ALL_SENSITIVE_VALUES, liNa, startCertificatesApp, zhangWei } from '../../support/certificates'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { MINUTE } from '../../support/identity'

describe.each(dialects())('certificate ledger (用证记录) on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startCertificatesApp)

  const present = (token: string, certificateId: string, purpose: string, fields: string[]) =>
    app.request('/api/certificates/presentations', { method: 'POST', token, payload: { certificateId, purpose, fields } })
  const verify = (code: string, token?: string) => app.disclosing('/api/certificates/verify', { method: 'POST', token, payload: { code } })

  test('records every presentation, verification (refused too), authorisation and organisation access — who, when, purpose, fields', async () => {
    const holder = await app.fresh('wx-ledger', zhangWei)
    const certificateId = await app.certificateId(holder, 'resident_id_card')
    const verifier = await app.verifier()

    const hotel = (await present(holder, certificateId, 'hotel_check_in', ['name', 'idNumber'])).body
    const verifiedAt = app.clock().toISOString()
    expect((await verify(hotel.code, verifier)).body.valid).toBe(true)
    expect((await verify(hotel.code)).body.reason).toBe('already_used')

    const bank = (await present(holder, certificateId, 'bank_account_opening', ['name'])).body
    await app.request(`/api/certificates/presentations/${bank.presentationId}/withdraw`, { method: 'POST', token: holder })
    expect((await verify(bank.code, verifier)).body.reason).toBe('withdrawn')

    const granted = (
      await app.disclosing(`/api/certificates/${certificateId}/authorisations`, {
        method: 'POST',
        token: holder,
        payload: { organisation: { name: '某某保险股份有限公司' }, purpose: '投保身份核验', fields: ['name', 'sex'], validUntil: new Date(app.clock().getTime() + 60 * MINUTE).toISOString() },
      })
    ).body
    const fetch = () => app.disclosing(`/api/certificates/authorised/${granted.authorisation.id}`, { headers: { authorization: `Bearer ${granted.accessKey}` } })
    expect((await fetch()).status).toBe(200)
    await app.request(`/api/certificates/authorisations/${granted.authorisation.id}/revoke`, { method: 'POST', token: holder })
    expect((await fetch()).status).toBe(403)

    const ledger = await app.request(`/api/certificates/${certificateId}/ledger`, { token: holder })
    expect(ledger.status).toBe(200)
    const summary = ledger.body.items.map((entry: Record<string, any>) => [entry.event, entry.outcome, entry.reason ?? null, entry.purposeName, entry.actor.label, entry.fields.map((field: { label: string }) => field.label).join('、')])
    expect(summary).toEqual([
      ['authorised_access', 'refused', 'authorisation_revoked', '投保身份核验', '某某保险股份有限公司', '姓名、性别'],
      ['authorisation_revoked', 'success', null, '投保身份核验', '本人', '姓名、性别'],
      ['authorised_access', 'success', null, '投保身份核验', '某某保险股份有限公司', '姓名、性别'],
      ['authorisation_granted', 'success', null, '投保身份核验', '本人', '姓名、性别'],
      ['presentation_verified', 'refused', 'withdrawn', '银行开户', '核验员 欧*月', '姓名'],
      ['presentation_withdrawn', 'success', null, '银行开户', '本人', '姓名'],
      ['presentation_issued', 'success', null, '银行开户', '本人', '姓名'],
      ['presentation_verified', 'refused', 'already_used', '酒店入住', '未登录的核验方', '姓名、公民身份号码'],
      ['presentation_verified', 'success', null, '酒店入住', '核验员 欧*月', '姓名、公民身份号码'],
      ['presentation_issued', 'success', null, '酒店入住', '本人', '姓名、公民身份号码'],
    ])
    const verification = ledger.body.items.at(-2)
    expect(verification).toEqual({
      id: expect.any(Number),
      event: 'presentation_verified',
      eventName: '亮证核验',
      outcome: 'success',
      occurredAt: verifiedAt,
      purpose: 'hotel_check_in',
      purposeName: '酒店入住',
      fields: [
        { key: 'name', label: '姓名' },
        { key: 'idNumber', label: '公民身份号码' },
      ],
      actor: { kind: 'verifier', name: '欧*月', label: '核验员 欧*月' },
      presentationId: hotel.presentationId,
    })
    expect(ledger.body.items[0]).toMatchObject({ authorisationId: granted.authorisation.id, reasonText: '授权已被撤销', actor: { kind: 'organisation' } })
    expect(ledger.body.nextBefore).toBeUndefined()
    // Names and fields, never values.
    expect(ALL_SENSITIVE_VALUES.find((value) => ledger.text.includes(value))).toBeUndefined()
  })

  test('pages newest first with nextBefore', async () => {
    const holder = await app.fresh('wx-ledger-pages', liNa)
    const certificateId = await app.certificateId(holder, 'degree_certificate')
    for (let index = 0; index < 5; index++) await present(holder, certificateId, 'counter_service', ['degree'])
    const first = await app.request(`/api/certificates/${certificateId}/ledger?limit=2`, { token: holder })
    expect(first.body.items).toHaveLength(2)
    const second = await app.request(`/api/certificates/${certificateId}/ledger?limit=2&before=${first.body.nextBefore}`, { token: holder })
    const third = await app.request(`/api/certificates/${certificateId}/ledger?limit=2&before=${second.body.nextBefore}`, { token: holder })
    expect(third.body.items).toHaveLength(1)
    expect(third.body.nextBefore).toBeUndefined()
    const ids = [...first.body.items, ...second.body.items, ...third.body.items].map((entry: { id: number }) => entry.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(new Set(ids).size).toBe(5)
  })

  test.each([
    ['limit=0', 'query.limit'],
    ['limit=101', 'query.limit'],
    ['before=abc', 'query.before'],
    ['page=2', 'query.page'],
  ])('?%s is 400 naming %s', async (query, field) => {
    const holder = await app.fresh('wx-ledger-bad', liNa)
    const certificateId = await app.certificateId(holder, 'degree_certificate')
    const response = await app.request(`/api/certificates/${certificateId}/ledger?${query}`, { token: holder })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
  })

  test('a holder reads the ledger from any of their accounts (WeChat and Alipay reach one citizen)', async () => {
    const wechat = await app.fresh('wx-ledger-two', liNa)
    const certificateId = await app.certificateId(wechat, 'degree_certificate')
    await present(wechat, certificateId, 'counter_service', ['major'])
    const alipay = await app.proven('alipay', '2088-ledger-two', liNa)
    const ledger = await app.request(`/api/certificates/${certificateId}/ledger?limit=1`, { token: alipay })
    expect(ledger.body.items[0]).toMatchObject({ event: 'presentation_issued', fields: [{ key: 'major', label: '专业' }] })
  })
})
