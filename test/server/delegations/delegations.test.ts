import { createIdentityCrypto } from '../../../server/identity/crypto'
import { auditRows } from '../../support/identity'
import { operatorTokenFor } from '../../support/operators'
import { dialects, testConfig } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { APPLY_ITEM, VALID_VALUES } from '../../support/service-items'
import { citizenOf, startDelegationApp } from './harness'

/**
 * 亲情代办 end to end through the routes: invite by name + ID number, consent by the
 * principal's own proven session or by a face verification of the principal on the helper's
 * device, acting as delegate within the scopes (the principal's data, not the helper's),
 * what stays refused, the records the principal reads, the limits, ending from either side.
 */
describe.each(dialects())('family delegation on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startDelegationApp)

  const principalRows = (db: typeof app.db, citizenId: string) =>
    db.withTables<{ delegation_acts: { principal_citizen_id: string; helper_citizen_id: string; action: string; target_id: string | null } }>()
      .selectFrom('delegation_acts').selectAll().where('principal_citizen_id', '=', citizenId).execute()
  const citizenIdOf = async (key: string) =>
    (await app.db.selectFrom('citizens').select('id').where('name', '=', citizenOf(key).name).executeTakeFirstOrThrow()).id

  test('nothing is visible before the principal consents; after, the helper sees the principal’s health code, not their own, and the principal reads who looked', async () => {
    const helper = await app.person('zhang-wei')
    const principal = await app.person('li-na')
    const invited = await app.invite(helper, 'li-na', ['health_code'])
    expect(invited.status).toBe(201)
    expect(invited.body).toMatchObject({ role: 'helper', otherName: '李*', state: 'invited', scopes: ['health_code'] })
    const id = invited.body.id as string

    const early = await app.asDelegate(helper, id, '/api/health-code')
    expect(early.status).toBe(403)
    expect(early.body.error.message).toContain('还没有同意')

    // The principal sees the invitation on their own list, then consents.
    const theirs = await app.request('/api/delegations', { token: principal })
    expect(theirs.body.asPrincipal).toEqual([expect.objectContaining({ id, role: 'principal', otherName: '张*', state: 'invited' })])
    const consented = await app.consent(principal, id)
    expect(consented.status).toBe(200)
    expect(consented.body).toMatchObject({ state: 'active', consentMethod: 'principal_session' })

    const own = await app.request('/api/health-code', { token: principal })
    const asDelegate = await app.asDelegate(helper, id, '/api/health-code')
    expect(asDelegate.status).toBe(200)
    expect(asDelegate.body.name).toBe(own.body.name)
    expect(asDelegate.body.name).toBe('李*')
    const helpersOwn = await app.request('/api/health-code', { token: helper })
    expect(helpersOwn.body.name).toBe('张*')

    // The principal's notices, the acts table and the audit log name both people.
    const list = await app.request('/api/delegations', { token: principal })
    expect(list.body.actsForMe[0]).toMatchObject({ helperName: '张*', words: '由 张* 查看：查看了您的健康码' })
    const liNa = await citizenIdOf('li-na')
    const acts = await principalRows(app.db, liNa)
    expect(acts).toEqual([expect.objectContaining({ helper_citizen_id: await citizenIdOf('zhang-wei'), action: 'health_code.view' })])
    const audit = (await auditRows(app.db, 'delegation.act')).filter((row) => row.citizen_id === liNa)
    expect(audit).toHaveLength(1)
    expect(audit[0]!.detail).toMatchObject({ delegationId: id, action: 'health_code.view', actedBy: '由 张* 查看' })

    // Scopes not given stay closed, with the scope named.
    const social = await app.asDelegate(helper, id, '/api/social-security/overview')
    expect(social.status).toBe(403)
    expect(social.body.error.message).toContain('查社保')

    // The principal ends it: the very next request is refused.
    expect((await app.end(principal, id)).body).toMatchObject({ state: 'ended', endedBy: 'principal' })
    const after = await app.asDelegate(helper, id, '/api/health-code')
    expect(after.status).toBe(403)
    expect(after.body.error.message).toContain('已结束')
  })

  test('as delegate with every scope: social security, the certificate wallet (masked, in the principal’s ledger as 由 张* 代办/查看), an application recorded for both people, messages', async () => {
    const helper = await app.person('zhang-wei')
    const principal = await app.person('li-na')
    const id = await app.active(helper, principal, 'li-na')
    const liNa = await citizenIdOf('li-na')

    const overview = await app.asDelegate(helper, id, '/api/social-security/overview')
    expect(overview.status).toBe(200)
    expect(overview.body).toEqual((await app.request('/api/social-security/overview', { token: principal })).body)

    const wallet = await app.asDelegate(helper, id, '/api/certificates')
    expect(wallet.status).toBe(200)
    const ownWallet = await app.request('/api/certificates', { token: principal })
    expect(wallet.body.items.map((item: { id: string }) => item.id)).toEqual(ownWallet.body.items.map((item: { id: string }) => item.id))
    const certificateId = wallet.body.items[0].id as string
    expect((await app.asDelegate(helper, id, `/api/certificates/${certificateId}`)).status).toBe(200)
    const ledger = await app.request(`/api/certificates/${certificateId}/ledger`, { token: principal })
    const delegateEntries = ledger.body.items.filter((entry: { event: string }) => entry.event === 'delegate_viewed')
    // One from the list, one from the detail.
    expect(delegateEntries).toHaveLength(2)
    expect(delegateEntries[0].actor).toEqual({ kind: 'delegate', name: '张*', label: '由 张* 代办/查看' })

    // Apply on the principal's behalf: the application is the principal's; the act names the helper.
    const form = await app.asDelegate(helper, id, `/api/services/${APPLY_ITEM.code}/application-form`)
    expect(form.status).toBe(200)
    const submitted = await app.asDelegate(helper, id, '/api/applications', { method: 'POST', payload: { itemCode: APPLY_ITEM.code, values: { ...VALID_VALUES } } })
    expect(submitted.status).toBe(201)
    const mine = await app.request('/api/applications', { token: principal })
    expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(submitted.body.id)
    expect((await app.request('/api/applications', { token: helper })).body.items.map((item: { id: string }) => item.id)).not.toContain(submitted.body.id)
    const row = await app.db.selectFrom('applications').select(['citizen_id', 'account_id']).where('id', '=', submitted.body.id).executeTakeFirstOrThrow()
    const helperAccount = await app.db.selectFrom('platform_accounts').select('id').where('subject', '=', 'wx-zhang-wei').executeTakeFirstOrThrow()
    expect(row).toEqual({ citizen_id: liNa, account_id: helperAccount.id })
    const acts = await principalRows(app.db, liNa)
    expect(acts).toContainEqual(expect.objectContaining({ action: 'application.submit', target_id: submitted.body.id, helper_citizen_id: await citizenIdOf('zhang-wei') }))
    expect(submitted.body.submittedBy).toBe('由 张* 代办')
    expect((await app.request(`/api/applications/${submitted.body.id}`, { token: principal })).body.submittedBy).toBe('由 张* 代办')
    const reviewer = await operatorTokenFor(app.server.app, ['reviewer'])
    expect((await app.request(`/api/operator/applications/${submitted.body.id}`, { token: reviewer })).body.submittedBy).toBe('由 张* 代办')
    const notices = (await app.request('/api/delegations', { token: principal })).body.actsForMe as { words: string }[]
    expect(notices.map((notice) => notice.words)).toContain('由 张* 代办：为您提交了一份申请')

    const messages = await app.asDelegate(helper, id, '/api/me/messages')
    expect(messages.status).toBe(200)
    expect(messages.body).toEqual((await app.request('/api/me/messages', { token: principal })).body)
    await app.end(helper, id)
  })

  test('refused as delegate whatever the scopes: full numbers, presentation codes, authorisations, identity changes, proofs (403 in words, nothing done)', async () => {
    const helper = await app.person('zhang-wei')
    const principal = await app.person('li-na')
    const id = await app.active(helper, principal, 'li-na')
    const certificateId = (await app.request('/api/certificates', { token: principal })).body.items[0].id as string
    const refused = [
      { path: `/api/certificates/${certificateId}/reveal`, method: 'POST', payload: { field: 'idNumber' } },
      { path: '/api/certificates/presentations', method: 'POST', payload: { certificateId, purpose: 'hotel_check_in', fields: ['name'] } },
      { path: `/api/certificates/${certificateId}/authorisations`, method: 'POST', payload: { organisation: { name: '某某银行示范支行' }, purpose: '办理个人住房贷款审批', fields: ['idNumber'], validUntil: new Date(Date.now() + 86_400_000).toISOString() } },
      { path: '/api/me/reveal', method: 'POST', payload: { field: 'idNumber' } },
      { path: '/api/identity/real-name', method: 'POST', payload: citizenOf('li-na') },
      { path: '/api/social-security/proofs', method: 'POST', payload: { from: '2023-01', to: '2023-12' } },
      { path: '/api/me/messages/read', method: 'POST', payload: {} },
      { path: '/api/delegations', method: 'GET' },
    ]
    for (const request of refused) {
      const response = await app.asDelegate(helper, id, request.path, request)
      expect({ path: request.path, status: response.status }).toEqual({ path: request.path, status: 403 })
      expect(response.body.error.message).toMatch(/只能由本人办理/)
    }
    const ledger = await app.request(`/api/certificates/${certificateId}/ledger`, { token: principal })
    expect(ledger.body.items.filter((entry: { event: string }) => entry.event !== 'delegate_viewed')).toEqual([])
    await app.end(principal, id)
  })

  test('an expired delegation refuses at once, by time alone', async () => {
    const helper = await app.person('zhang-wei')
    const principal = await app.person('li-na')
    const id = await app.active(helper, principal, 'li-na')
    expect((await app.asDelegate(helper, id, '/api/health-code')).status).toBe(200)
    app.clock.advance(31 * 86_400_000)
    // The sessions idled out over the month: the helper logs in again.
    const helperNow = await app.person('zhang-wei')
    const expired = await app.asDelegate(helperNow, id, '/api/health-code')
    expect(expired.status).toBe(403)
    expect(expired.body.error.message).toContain('已到期')
    expect((await app.request('/api/delegations', { token: helperNow })).body.asHelper.find((item: { id: string }) => item.id === id)).toMatchObject({ state: 'expired', stateName: '已到期' })
    // A new invitation is possible once the old one expired.
    const again = await app.invite(helperNow, 'li-na', ['health_code'])
    expect(again.status).toBe(201)
    await app.end(helperNow, again.body.id)
  })

  test('consent by a face verification OF THE PRINCIPAL on the helper’s device: the platform is asked for the principal; a failed face leaves it invited; the helper’s own account is untouched', async () => {
    const helper = await app.person('zhang-wei')
    const invited = await app.invite(helper, 'zhao-lihua', ['health_code', 'apply'])
    const id = invited.body.id as string
    const zhao = citizenOf('zhao-lihua')

    const first = await app.request(`/api/delegations/${id}/face/start`, { method: 'POST', token: helper })
    expect(first.status).toBe(200)
    expect(app.providers.faceSubjects.at(-1)).toEqual({ name: zhao.name, idNumber: zhao.idNumber, accountSubject: 'wx-zhang-wei' })
    const failed = await app.request(`/api/delegations/${id}/face/confirm`, { method: 'POST', token: helper, payload: { verificationId: first.body.verificationId, verifyResult: 'no' } })
    expect(failed.status).toBe(422)
    expect((await app.asDelegate(helper, id, '/api/health-code')).status).toBe(403)
    // A settled attempt cannot be confirmed again.
    const replay = await app.request(`/api/delegations/${id}/face/confirm`, { method: 'POST', token: helper, payload: { verificationId: first.body.verificationId, verifyResult: 'pass' } })
    expect(replay.status).toBe(409)

    const second = await app.request(`/api/delegations/${id}/face/start`, { method: 'POST', token: helper })
    const passed = await app.request(`/api/delegations/${id}/face/confirm`, { method: 'POST', token: helper, payload: { verificationId: second.body.verificationId, verifyResult: 'pass' } })
    expect(passed.status).toBe(200)
    expect(passed.body).toMatchObject({ state: 'active', consentMethod: 'face_of_principal', otherName: '赵*华' })
    const code = await app.asDelegate(helper, id, '/api/health-code')
    expect(code.body.name).toBe('赵*华')

    const me = await app.request('/api/me', { token: helper })
    expect(me.body).toMatchObject({ level: 4 })
    expect(JSON.stringify(me.body)).toContain('张*')
    const attempt = await app.db.selectFrom('face_verifications').select(['citizen_id', 'status']).where('id', '=', second.body.verificationId).executeTakeFirstOrThrow()
    expect(attempt).toEqual({ citizen_id: await citizenIdOf('zhao-lihua'), status: 'passed' })
    const consent = (await auditRows(app.db, 'delegation.consent')).find((row) => (row.detail as Record<string, unknown>).delegationId === id)
    expect(consent?.detail).toMatchObject({ method: 'face_of_principal', verificationId: second.body.verificationId })
    // The identity route cannot use this attempt to prove the helper as the principal.
    const misuse = await app.request('/api/identity/face/confirm', { method: 'POST', token: helper, payload: { verificationId: second.body.verificationId, verifyResult: 'pass' } })
    expect(misuse.status).toBeGreaterThanOrEqual(400)
    await app.end(helper, id)
  })

  test('the principal alone consents, the helper alone verifies the principal’s face; a stranger finds nothing (404)', async () => {
    const helper = await app.person('zhang-wei')
    const principal = await app.person('li-na')
    const stranger = await app.person('sun-jiankang')
    const id = (await app.invite(helper, 'li-na', ['health_code'])).body.id as string
    expect((await app.consent(helper, id)).status).toBe(404)
    expect((await app.request(`/api/delegations/${id}/face/start`, { method: 'POST', token: principal })).status).toBe(404)
    for (const path of [`/api/delegations/${id}/consent`, `/api/delegations/${id}/end`, `/api/delegations/${id}/face/start`]) {
      expect((await app.request(path, { method: 'POST', token: stranger })).status).toBe(404)
    }
    // Someone else's delegation id in the header is no delegation of theirs.
    await app.consent(principal, id)
    const borrowed = await app.asDelegate(stranger, id, '/api/health-code')
    expect(borrowed.status).toBe(403)
    expect(borrowed.body.error.message).toContain('没有找到这项亲情代办')
    await app.end(helper, id)
  })

  test('bad invitations: a name that does not match the ID number, oneself, an end date past a year or in the past, a second open invitation, unknown scopes', async () => {
    const helper = await app.person('zhang-wei')
    const li = citizenOf('li-na')
    const day = (days: number) => new Date(app.clock().getTime() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
    const post = (payload: Record<string, unknown>) => app.request('/api/delegations', { method: 'POST', token: helper, payload: { name: li.name, idNumber: li.idNumber, scopes: ['health_code'], endsOn: day(30), ...payload } })
    expect((await post({ name: '李四' })).body.error).toMatchObject({ code: 'IDENTITY_MISMATCH', field: 'body.idNumber' })
    expect((await post({ name: citizenOf('zhang-wei').name, idNumber: citizenOf('zhang-wei').idNumber })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.idNumber' })
    expect((await post({ endsOn: day(400) })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.endsOn' })
    expect((await post({ endsOn: day(0) })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.endsOn' })
    expect((await post({ scopes: ['reveal'] })).status).toBe(400)
    expect((await post({ scopes: [] })).status).toBe(400)
    const first = await post({})
    expect(first.status).toBe(201)
    const second = await post({})
    expect(second.status).toBe(409)
    await app.end(helper, first.body.id)
  })

  test('limits: at most 5 principals per helper and 3 helpers per principal (open ones count; ended ones do not)', async () => {
    const helper = await app.person('wang-xiaoming')
    // A sixth person in the registry, so the helper has six people to ask.
    const config = testConfig({})
    const crypto = createIdentityCrypto({ encryptionKey: config.identityEncryptionKey, hashKey: config.identityHashKey })
    const extra = { name: '钱多多', idNumber: '11010119450101003X' }
    await app.db.insertInto('population_registry').values({ name: extra.name, id_number_hash: crypto.hashIdNumber(extra.idNumber), id_number_encrypted: crypto.encrypt(extra.idNumber), phone_encrypted: null, address: null, created_at: new Date().toISOString() }).execute()
    const ids: string[] = []
    for (const key of ['zhang-wei', 'li-na', 'zhao-lihua', 'ouyang-mingyue', 'sun-jiankang']) {
      const invited = await app.invite(helper, key, ['health_code'])
      expect({ key, status: invited.status }).toEqual({ key, status: 201 })
      ids.push(invited.body.id)
    }
    const sixth = await app.request('/api/delegations', { method: 'POST', token: helper, payload: { ...extra, scopes: ['health_code'], endsOn: new Date(app.clock().getTime() + 30 * 86_400_000).toISOString().slice(0, 10) } })
    expect(sixth.status).toBe(409)
    expect(sixth.body.error.message).toContain('最多为 5 位亲属代办')
    await app.end(helper, ids[0]!)
    const afterEnd = await app.request('/api/delegations', { method: 'POST', token: helper, payload: { ...extra, scopes: ['health_code'], endsOn: new Date(app.clock().getTime() + 30 * 86_400_000).toISOString().slice(0, 10) } })
    expect(afterEnd.status).toBe(201)
    ids.push(afterEnd.body.id)

    // li-na has wang-xiaoming as helper; two more reach three, a fourth is refused.
    const more: string[] = []
    for (const key of ['zhang-wei', 'zhao-lihua']) more.push((await app.invite(await app.person(key), 'li-na', ['health_code'])).body.id)
    const fourth = await app.invite(await app.person('sun-jiankang'), 'li-na', ['health_code'])
    expect(fourth.status).toBe(409)
    expect(fourth.body.error.message).toContain('已有 3 位代办人')
    for (const id of ids.slice(1)) await app.end(helper, id)
    for (const id of more) await app.end(await app.person('li-na'), id)
  })
})
