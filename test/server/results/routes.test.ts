/**
 * A finished proof as the citizen and the public see it: 我的证明 and the application's result,
 * the PDF behind a signed short-lived link (a real PDF whose QR links to the verification
 * page), the public page in words for valid, expired and tampered proofs (strict CSP), another
 * citizen's result 404; physical results: EMS choice masked, the department's waybill number.
 * The 参保证明's verify URL answers a browser with the same kind of page.
 */
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { liNa, zhangWei } from '../../support/identity'
import { APPLY_ITEM } from '../../support/service-items'
import { setDeclaration } from '../../../server/results/declarations'
import { resultsDb } from '../../../server/results/tables'
import { startApplicationsApp, submitBody } from '../applications/harness'

const MONDAY = new Date('2026-11-23T01:00:00Z')
const DAY = 86_400_000
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }
/** An application id of the right shape that names no application. */
const UNKNOWN_APPLICATION = 'AAAAAAAAAAAAAAAAAAAAAA'

describe.each(dialects())('results: routes and the public verification page on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startApplicationsApp)
  const zhang = () => app.citizen('h5dev', zhangWei.key)

  const finish = async () => {
    const submitted = await app.submit(await zhang(), submitBody())
    if (submitted.status !== 201) throw new Error(submitted.text)
    const id = submitted.body.id as string
    for (const to of ['accepted', 'reviewing', 'completed']) {
      const moved = await app.transition(await app.reviewerToken(), id, to)
      if (moved.status !== 200) throw new Error(`${to}: ${moved.text}`)
    }
    return id
  }
  const path = (url: string) => url.replace(/^https?:\/\/[^/]+/, '')

  beforeEach(() => app.clock.set(MONDAY))

  test('a proof: the application result, 我的证明, the PDF, and the public page valid → expired → tampered', async () => {
    await setDeclaration(app.db, APPLY_ITEM.code, { kind: 'proof', title: '户籍证明', statement: '兹证明{name}（公民身份号码{idNumber}）系本市常住户口居民。用途：{reason}。', validDays: 30 }, MONDAY)
    const applicationId = await finish()
    const token = await zhang()

    const { body } = await app.request(`/api/applications/${applicationId}/result`, { token })
    const result = body.result
    expect(result).toMatchObject({
      applicationId,
      kind: 'proof',
      title: '户籍证明',
      department: APPLY_ITEM.department,
      proof: { status: 'valid', holderName: '张*', holderIdNumber: expect.stringMatching(/^110\*+/), statement: expect.stringContaining('用途：办理子女入学') },
    })
    expect(result.proof.verifyUrl).toBe(`http://localhost:8080/verify/${result.proof.code}`)
    expect(JSON.stringify(result)).not.toContain(zhangWei.idNumber)
    expect((await app.request('/api/results', { token })).body.items.map((item: { id: string }) => item.id)).toEqual([result.id])
    expect((await app.request(`/api/results/${result.id}`, { token })).body).toEqual(result)

    // Another citizen: 404 for the result, its application's result and a download link.
    const li = await app.citizen('h5dev', liNa.key, liNa)
    expect((await app.request(`/api/results/${result.id}`, { token: li })).status).toBe(404)
    expect((await app.request(`/api/applications/${applicationId}/result`, { token: li })).status).toBe(404)
    expect((await app.request(`/api/results/${result.id}/download-link`, { method: 'POST', token: li })).status).toBe(404)
    expect((await app.request('/api/results', { token: li })).body.items).toEqual([])

    // The PDF: a signed link, a real PDF whose QR area links to the verification page; a forged signature is 404.
    const link = (await app.request(`/api/results/${result.id}/download-link`, { method: 'POST', token })).body
    expect(link.fileName).toBe(`户籍证明-${result.proof.code}.pdf`)
    expect(link.path).toMatch(new RegExp(`^/api/results/${result.id}/pdf\\?e=\\d+&s=[A-Za-z0-9_-]{43}$`))
    const pdf = await app.request(link.path)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(pdf.text.startsWith('%PDF-')).toBe(true)
    expect(pdf.text).toContain(`/URI (${result.proof.verifyUrl})`)
    expect(pdf.text).toContain('/FontFile2')
    const forged = link.path.replace(/s=[^&]+/, `s=${'A'.repeat(43)}`)
    expect((await app.request(forged)).status).toBe(404)

    // The public page: valid, in words, masked, under a CSP that loads nothing.
    const valid = await app.request(path(result.proof.verifyUrl), { headers: BROWSER })
    expect(valid.status).toBe(200)
    expect(valid.headers.get('content-type')).toContain('text/html')
    expect(valid.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/)
    expect(valid.text).toContain('<div class="word">有效</div>')
    expect(valid.text).toContain('户籍证明')
    expect(valid.text).toContain(APPLY_ITEM.department)
    expect(valid.text).toContain('张*')
    expect(valid.text).not.toContain(zhangWei.idNumber)
    // Typed by hand: lower case, no hyphens, O for 0 still finds it.
    expect((await app.request(`/verify/${result.proof.code.replace(/-/g, '').toLowerCase()}`)).text).toContain('>有效<')

    app.clock.set(new Date(MONDAY.getTime() + 31 * DAY))
    const expired = await app.request(path(result.proof.verifyUrl))
    expect(expired.status).toBe(200)
    expect(expired.text).toContain('<div class="word">已过期</div>')
    expect((await app.request(`/api/results/${result.id}`, { token: await zhang() })).body.proof.status).toBe('expired')

    app.clock.set(MONDAY)
    const row = await resultsDb(app.db).selectFrom('issued_results').select('content').where('id', '=', result.id).executeTakeFirstOrThrow()
    await resultsDb(app.db).updateTable('issued_results').set({ content: row.content.replace('系本市常住户口居民', '系本市户籍干部') }).where('id', '=', result.id).execute()
    const tampered = await app.request(path(result.proof.verifyUrl))
    expect(tampered.status).toBe(404)
    expect(tampered.text).toContain('<div class="word">已被篡改或不存在</div>')
    expect(tampered.text).not.toContain('户籍干部')
    expect((await app.request('/verify/ZZZZ-ZZZZ-ZZZZ')).text).toContain('已被篡改或不存在')
  })

  test('a money result: paid to the masked account; the department records the amount it paid, audited', async () => {
    // The test item's free-text reason stands in for the bank card field the demo money items ask for.
    await setDeclaration(app.db, APPLY_ITEM.code, { kind: 'money', title: '住房公积金提取款', accountField: 'reason' }, MONDAY)
    const applicationId = await finish()
    const token = await zhang()
    const before = (await app.request(`/api/applications/${applicationId}/result`, { token })).body.result
    expect(before.money).toMatchObject({ amountCents: null, account: expect.stringMatching(/^\*{4} \*{4} \*{4} /) })

    const reviewer = await app.reviewerToken()
    const payout = (body: unknown, id = applicationId) => app.request(`/api/operator/applications/${id}/result/payout`, { method: 'POST', token: reviewer, payload: body })
    for (const bad of [{ amountCents: 0 }, { amountCents: 12.5 }, { amountCents: -100 }, {}]) {
      const refused = await payout(bad)
      expect(refused.status).toBe(400)
      expect(refused.body.error.field).toBe('body.amountCents')
    }
    expect((await payout({ amountCents: 100 }, UNKNOWN_APPLICATION)).status).toBe(404)
    // Only a reviewer records it; the citizen cannot.
    expect((await app.request(`/api/operator/applications/${applicationId}/result/payout`, { method: 'POST', token, payload: { amountCents: 100 } })).status).toBe(401)

    const paid = await payout({ amountCents: 1_234_500 })
    expect(paid.status).toBe(200)
    expect(paid.body.result.money.amountCents).toBe(1_234_500)
    expect((await app.request(`/api/results/${before.id}`, { token })).body.money).toMatchObject({ amountCents: 1_234_500, account: before.money.account })
    const audited = await app.db.selectFrom('audit_log').select('event').where('event', '=', 'result.payout').execute()
    expect(audited).toHaveLength(1)
  })

  test('a payout is refused on a result that is not money, naming the field', async () => {
    await setDeclaration(app.db, APPLY_ITEM.code, { kind: 'physical', title: '居民身份证', methods: ['counter'] }, MONDAY)
    const applicationId = await finish()
    const refused = await app.request(`/api/operator/applications/${applicationId}/result/payout`, { method: 'POST', token: await app.reviewerToken(), payload: { amountCents: 100 } })
    expect(refused.status).toBe(400)
    expect(refused.body.error.field).toBe('body.amountCents')
  })

  test('a physical result: EMS chosen with details masked, the waybill filled by the reviewer, then fixed', async () => {
    await setDeclaration(app.db, APPLY_ITEM.code, { kind: 'physical', title: '居民身份证', methods: ['ems', 'counter'] }, MONDAY)
    const applicationId = await finish()
    const token = await zhang()
    const result = (await app.request(`/api/applications/${applicationId}/result`, { token })).body.result
    expect(result.physical).toMatchObject({ methods: ['ems', 'counter'], delivery: null })

    const bad = await app.request(`/api/results/${result.id}/delivery`, { method: 'POST', token, payload: { method: 'ems', recipient: '张伟', phone: '123', address: '示范市中山区人民路100号3栋' } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('body.phone')

    const chosen = await app.request(`/api/results/${result.id}/delivery`, { method: 'POST', token, payload: { method: 'ems', recipient: '张伟', phone: '13812345678', address: '示范市中山区人民路100号3栋' } })
    expect(chosen.status).toBe(200)
    expect(chosen.body.physical.delivery).toMatchObject({ method: 'ems', recipient: '张*', phone: '138****5678', address: '示范市中山区********', trackingNumber: null })
    expect(chosen.text).not.toContain('13812345678')
    expect(chosen.text).not.toContain('人民路100号')

    const reviewer = await app.reviewerToken()
    expect((await app.request(`/api/operator/applications/${applicationId}/result/tracking`, { method: 'POST', token: reviewer, payload: { trackingNumber: 'EA12' } })).status).toBe(400)
    // The drawer's read: the result, masked; no such application is 404, not an empty answer.
    expect((await app.request(`/api/operator/applications/${applicationId}/result`, { token: reviewer })).body.result.physical.delivery.recipient).toBe('张*')
    expect((await app.request(`/api/operator/applications/${UNKNOWN_APPLICATION}/result`, { token: reviewer })).status).toBe(404)
    const tracked = await app.request(`/api/operator/applications/${applicationId}/result/tracking`, { method: 'POST', token: reviewer, payload: { trackingNumber: 'ea123456789cn' } })
    expect(tracked.status).toBe(200)
    expect(tracked.body.result.physical.delivery.trackingNumber).toBe('EA123456789CN')
    expect((await app.request(`/api/results/${result.id}`, { token })).body.physical.delivery.trackingNumber).toBe('EA123456789CN')
    // Posted: the choice is fixed.
    expect((await app.request(`/api/results/${result.id}/delivery`, { method: 'POST', token, payload: { method: 'counter' } })).status).toBe(409)
  })

  test("the 参保证明's verify URL answers a browser with the page in words, the app with JSON", async () => {
    const token = await zhang()
    const proof = (await app.request('/api/social-security/proofs', { method: 'POST', token, payload: { from: '2025-01', to: '2025-06' } })).body
    const page = await app.request(path(proof.verifyUrl), { headers: BROWSER })
    expect(page.status).toBe(200)
    expect(page.text).toContain('<div class="word">有效</div>')
    expect(page.text).toContain('社会保险参保缴费证明')
    expect(page.text).toContain('2025年1月至2025年6月')
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'/)
    expect((await app.request(path(proof.verifyUrl))).body).toMatchObject({ genuine: true })
    expect((await app.request('/api/social-security/proofs/ZZZZ-ZZZZ-ZZZZ', { headers: BROWSER })).text).toContain('已被篡改或不存在')
  })
})
