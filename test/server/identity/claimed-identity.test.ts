/**
 * The account-takeover walk (issue 23 §1): an attacker who knows a citizen's name and ID
 * number (they are on every hotel register) binds a new account to that citizen. Every
 * step that reaches personal data must be refused until the account proves, by a face
 * verification of that person, that it is them; the citizen's proven account sees the new
 * binding and can remove it, and the attacker's account then loses even the claim.
 */
import { randomUUID } from 'node:crypto'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { zhangWei } from '../../support/identity'
import { APPLY_ITEM } from '../../support/service-items'
import { startApplicationsApp } from '../applications/harness'

describe.each(dialects())('a claimed identity reaches nothing personal on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startApplicationsApp)
  let victim: string
  let applicationId: string
  let feedbackId: string
  let certificateId: string

  beforeAll(async () => {
    // 张伟 uses the product on WeChat: proven, with an application, feedback and certificates.
    victim = await app.citizen('weapp', 'wx-zhang-owner', zhangWei)
    const submitted = await app.submit(victim)
    expect(submitted.status).toBe(201)
    applicationId = submitted.body.id
    const feedback = await app.request('/api/feedback', { method: 'POST', token: victim, payload: { kind: 'consultation', category: 'missing_service', text: '我的公积金怎么提取？' } })
    expect(feedback.status).toBe(201)
    feedbackId = feedback.body.id
    const wallet = await app.request('/api/certificates', { token: victim })
    certificateId = (wallet.body.items as { id: string; status: string }[]).find((item) => item.status === 'valid')!.id
  })

  /** A new account that claims 张伟 with his name and ID number. */
  async function attacker(platform: 'weapp' | 'h5dev', subject: string): Promise<string> {
    const token = await app.login(platform, subject)
    const claimed = await app.realName(token, zhangWei)
    expect(claimed.status).toBe(200)
    expect(claimed.body.level).toBe(3)
    return token
  }

  test.each([
    ['weapp', 'wx-attacker'],
    ['h5dev', 'attacker-sandbox'],
  ] as const)('on %s: every personal route is refused after binding with a name and ID number', async (platform, subject) => {
    const token = await attacker(platform, subject)
    const refusals: [string, string, Record<string, unknown>?][] = [
      ['POST', '/api/me/reveal', { field: 'phone' }],
      ['POST', '/api/me/reveal', { field: 'idNumber' }],
      ['POST', '/api/identity/reverify', { idNumber: zhangWei.idNumber }],
      ['GET', '/api/health-code'],
      ['GET', '/api/social-security/overview'],
      ['GET', '/api/social-security/contributions?year=2025'],
      ['POST', '/api/social-security/proofs', { from: '2025-01', to: '2025-06' }],
      ['GET', '/api/social-security/proofs'],
      ['GET', '/api/applications'],
      ['GET', `/api/applications/${applicationId}`],
      ['POST', `/api/applications/${applicationId}/withdraw`, {}],
      ['GET', `/api/services/${APPLY_ITEM.code}/application-form`],
      ['GET', '/api/certificates'],
      ['GET', `/api/certificates/${certificateId}`],
      ['GET', `/api/certificates/${certificateId}/ledger`],
      ['POST', `/api/certificates/${certificateId}/reveal`, { field: 'idNumber' }],
      ['POST', '/api/certificates/presentations', { certificateId, purpose: 'hotel_check_in', fields: ['name'] }],
      ['GET', '/api/certificates/authorisations'],
      [
        'POST',
        `/api/certificates/${certificateId}/authorisations`,
        { organisation: { name: '某某公司' }, purpose: '核实身份', fields: ['name'], validUntil: new Date(Date.now() + 86_400_000).toISOString() },
      ],
      ['GET', '/api/me/bindings'],
      ['POST', `/api/me/bindings/${randomUUID()}/remove`, {}],
    ]
    for (const [method, path, payload] of refusals) {
      const response = await app.request(path, { method, token, ...(payload ? { payload } : {}) })
      expect({ method, path, status: response.status, code: response.body?.error?.code }).toEqual({ method, path, status: 403, code: 'REAL_NAME_REQUIRED' })
      expect(response.body.error).toMatchObject({ requiredLevel: 4, currentLevel: 3 })
    }
    // Feedback written from 张伟's own account is not listed or readable by the claimant.
    expect((await app.request('/api/feedback', { token })).body.items).toEqual([])
    expect((await app.request(`/api/feedback/${feedbackId}`, { token })).status).toBe(404)
    // The profile shows only what the claimant typed, masked.
    const me = await app.request('/api/me', { token })
    expect(me.body).toMatchObject({ level: 3, citizen: { name: '张*' } })
    expect(me.body.citizen.phone).toBeUndefined()
    // The victim's data is untouched: the application is still there, not withdrawn.
    expect((await app.request(`/api/applications/${applicationId}`, { token: victim })).body.status).toBe('submitted')
  })

  test('application notifications go only to proven accounts, never to a claimant', async () => {
    const token = await attacker('weapp', 'wx-attacker-notify')
    await app.subscribe(token)
    await app.subscribe(victim)
    const reviewer = await app.reviewerToken()
    expect((await app.transition(reviewer, applicationId, 'accepted')).status).toBe(200)
    const claimant = (await app.request('/api/me', { token })).body.accountId as string
    const owner = (await app.request('/api/me', { token: victim })).body.accountId as string
    const rows = await app.db.selectFrom('notification_outbox').select(['account_id']).where('application_id', '=', applicationId).execute()
    const recipients = rows.map((row) => row.account_id)
    expect(recipients).toContain(owner)
    expect(recipients).not.toContain(claimant)
  })

  test('the citizen sees the new binding, says it was not them, and removes it: the claimant drops to level 1 at once', async () => {
    const token = await attacker('weapp', 'wx-attacker-removed')
    const claimant = (await app.request('/api/me', { token })).body.accountId as string

    const bindings = await app.request('/api/me/bindings', { token: victim })
    expect(bindings.status).toBe(200)
    expect(bindings.body.unseenCount).toBeGreaterThanOrEqual(1)
    const notice = (bindings.body.events as { accountId: string; unseen: boolean; text: string }[]).find((event) => event.accountId === claimant)!
    expect(notice.unseen).toBe(true)
    expect(notice.text).toMatch(/^新的微信账号于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 绑定了您的身份$/)
    const bound = (bindings.body.accounts as { accountId: string; proven: boolean; current: boolean }[]).find((account) => account.accountId === claimant)!
    expect(bound).toMatchObject({ proven: false, current: false })
    // The list names accounts, never the platform subject (openid) or anything personal.
    expect(bindings.text).not.toContain('wx-attacker-removed')

    const removed = await app.request(`/api/me/bindings/${claimant}/remove`, { method: 'POST', token: victim })
    expect(removed.status).toBe(204)
    const after = await app.request('/api/me', { token })
    expect(after.body.level).toBe(1)
    expect(after.body.citizen).toBeUndefined()
    // Removing again, or an id that is not bound to this citizen, is one 404.
    expect((await app.request(`/api/me/bindings/${claimant}/remove`, { method: 'POST', token: victim })).status).toBe(404)
    expect((await app.request(`/api/me/bindings/${randomUUID()}/remove`, { method: 'POST', token: victim })).status).toBe(404)
    // Recorded for the citizen and audited.
    const events = (await app.request('/api/me/bindings', { token: victim })).body.events as { accountId: string; event: string }[]
    expect(events.find((event) => event.accountId === claimant && event.event === 'removed')).toBeDefined()
    const audit = await app.db.selectFrom('audit_log').select(['event', 'detail']).where('event', '=', 'identity.binding_removed').execute()
    expect(audit.some((row) => String(row.detail).includes(claimant))).toBe(true)
  })

  test('"是我本人" acknowledges the notices; a later binding is a new notice', async () => {
    await attacker('weapp', 'wx-second-phone')
    expect((await app.request('/api/me/bindings', { token: victim })).body.unseenCount).toBeGreaterThanOrEqual(1)
    expect((await app.request('/api/me/bindings/seen', { method: 'POST', token: victim })).status).toBe(204)
    expect((await app.request('/api/me/bindings', { token: victim })).body.unseenCount).toBe(0)
    app.clock.advance(60_000)
    await attacker('weapp', 'wx-third-phone')
    expect((await app.request('/api/me/bindings', { token: victim })).body.unseenCount).toBe(1)
  })

  test('a proven account cannot remove its own binding here, and a claimant cannot remove the owner', async () => {
    const owner = (await app.request('/api/me', { token: victim })).body.accountId as string
    const self = await app.request(`/api/me/bindings/${owner}/remove`, { method: 'POST', token: victim })
    expect(self.status).toBe(400)
    expect(self.body.error.field).toBe('params.accountId')
    const token = await attacker('weapp', 'wx-attacker-evict')
    expect((await app.request(`/api/me/bindings/${owner}/remove`, { method: 'POST', token })).status).toBe(403)
    expect((await app.request('/api/me', { token: victim })).body.level).toBe(4)
  })

  test('the legitimate journey still works: claim, then face, then the code', async () => {
    const token = await attacker('weapp', 'wx-zhang-new-phone')
    expect((await app.faceVerify(token)).body.level).toBe(4)
    const code = await app.request('/api/health-code', { token })
    expect(code.status).toBe(200)
  })
})
