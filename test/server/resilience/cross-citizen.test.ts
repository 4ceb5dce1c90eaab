import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { citizenIdFor, insertApplication } from '../../support/applications-fixture'
import { openApiDocument, routesOf, type Route } from '../../support/bad-input'
import { dialects, testConfig, type TestDatabase } from '../../support/dialects'
import { raisedRateLimits } from '../../support/rate-limits'
import { startApp } from '../../support/server-app'
import { demoCitizen, sessionFor } from '../../support/sessions'
import { resultsDb } from '../../../server/results/tables'

/**
 * Citizen A's records through citizen B's session: every route of the OpenAPI document that
 * takes an id in its path is either in ROUTES (how to make the record it names, as A) or
 * classified as not citizen-owned; a new id route in neither fails this suite. B gets 404 on
 * every (route, record) pair, the project's convention (not 403: B must not learn the id
 * exists); A, asked afterwards, is not refused (so the ids were real). B's own lists never
 * contain an id of A's. The pairs tried are counted and printed.
 */

type Kind = 'application' | 'certificate' | 'presentation' | 'authorisation' | 'feedback' | 'account' | 'appointment' | 'result' | 'life_event' | 'delegation' | 'delegation_invitation' | 'delegation_face' | 'upload' | 'upload_draft'

interface OwnedRoute {
  kind: Kind
  /** A valid body, so B's request passes validation and reaches the ownership check. */
  payload?: (record: Record<Kind, string[]>) => unknown
  /**
   * 404 unless set. `access-key`: the route is not behind a citizen session at all but behind
   * the grant's access key, and a session is no key: 401 ACCESS_KEY_INVALID, nothing of A's.
   */
  refusal?: 'access-key'
}

const FUTURE = () => new Date(Date.now() + 10 * 86_400_000).toISOString()

/** A delivered result (办理结果) of A's completed application, as 办结 writes it. */
async function issuedResultOf(app: FastifyInstance, applicationId: string, citizenId: string): Promise<string> {
  const id = randomUUID()
  await resultsDb(app.db)
    .insertInto('issued_results')
    .values({ id, application_id: applicationId, citizen_id: citizenId, item_code: 'SF-GA-0001', kind: 'physical', title: '居民身份证', department: '市公安局', content: '{}', issued_at: new Date().toISOString() })
    .execute()
  return id
}

/** Every citizen route with an id of a citizen-owned record. */
const ROUTES: Record<string, OwnedRoute> = {
  'GET /api/applications/{id}': { kind: 'application' },
  'POST /api/applications/{id}/withdraw': { kind: 'application' },
  'POST /api/applications/{id}/supplement': { kind: 'application', payload: () => ({ note: '已补充户口簿首页复印件' }) },
  'GET /api/applications/{id}/evaluation': { kind: 'application' },
  'POST /api/applications/{id}/evaluation': { kind: 'application', payload: () => ({ rating: 5 }) },
  'POST /api/applications/{id}/evaluation/re-rate': { kind: 'application', payload: () => ({ rating: 5 }) },
  'GET /api/certificates/{id}': { kind: 'certificate' },
  'POST /api/certificates/{id}/reveal': { kind: 'certificate', payload: () => ({ field: 'idNumber' }) },
  'GET /api/certificates/{id}/ledger': { kind: 'certificate' },
  'POST /api/certificates/{id}/authorisations': {
    kind: 'certificate',
    payload: () => ({ organisation: { name: '某某银行示范支行' }, purpose: '办理个人住房贷款审批', fields: ['idNumber'], validUntil: FUTURE() }),
  },
  'GET /api/certificates/presentations/{presentationId}': { kind: 'presentation' },
  'POST /api/certificates/presentations/{presentationId}/withdraw': { kind: 'presentation' },
  'POST /api/certificates/authorisations/{grantId}/revoke': { kind: 'authorisation' },
  'DELETE /api/certificates/authorisations/{grantId}': { kind: 'authorisation' },
  // For the organisation holding the access key, never a citizen session: B's session (or A's) is no key.
  'GET /api/certificates/authorised/{grantId}': { kind: 'authorisation', refusal: 'access-key' },
  'GET /api/feedback/{id}': { kind: 'feedback' },
  'POST /api/feedback/{id}/close': { kind: 'feedback' },
  // A's own account: B cannot remove A's binding (404); A may not remove itself here (400).
  'POST /api/me/bindings/{accountId}/remove': { kind: 'account' },
  // 亲情代办: A's delegation as helper and one inviting A as principal (only the principal consents); B is neither side.
  'POST /api/delegations/{id}/consent': { kind: 'delegation_invitation' },
  'POST /api/delegations/{id}/face/start': { kind: 'delegation' },
  'POST /api/delegations/{id}/face/confirm': { kind: 'delegation', payload: (record) => ({ verificationId: record.delegation_face[0], verifyResult: 'sandbox-pass' }) },
  'POST /api/delegations/{id}/end': { kind: 'delegation' },
  // 在线预约: A's booking (the reschedule body names a real hall and a well-formed slot).
  'GET /api/appointments/{id}': { kind: 'appointment' },
  'GET /api/appointments/{id}/code': { kind: 'appointment' },
  'POST /api/appointments/{id}/cancel': { kind: 'appointment' },
  'POST /api/appointments/{id}/reschedule': { kind: 'appointment', payload: () => ({ hallId: 'chengdong-police', date: '2030-01-02', start: '09:00' }) },
  // 办理结果: A's application's result, and A's result (我的证明) read, downloaded, its delivery chosen.
  'GET /api/applications/{id}/result': { kind: 'application' },
  'GET /api/results/{id}': { kind: 'result' },
  'POST /api/results/{id}/download-link': { kind: 'result' },
  'POST /api/results/{id}/delivery': { kind: 'result', payload: () => ({ method: 'counter' }) },
  // 一件事一次办: A's package (its members are A's applications, covered above).
  'GET /api/life-event-applications/{id}': { kind: 'life_event' },
  // 缴费: A's application's fee order, paying it and the query on return.
  'GET /api/applications/{id}/payment': { kind: 'application' },
  'POST /api/applications/{id}/payment': { kind: 'application' },
  'POST /api/applications/{id}/payment/confirm': { kind: 'application', payload: () => ({}) },
  // 申请材料上传: A's upload (a link to it, and removing another of A's drafts).
  'GET /api/uploads/{id}/link': { kind: 'upload' },
  'DELETE /api/uploads/{id}': { kind: 'upload_draft' },
}

/** Id routes whose records belong to no citizen, and why. */
const NOT_CITIZEN_OWNED: Record<string, string> = {
  'GET /api/notices/{id}': 'published notices are public',
  'GET /api/services/{code}': 'the catalogue is public',
  'GET /api/services/{code}/application-form': 'a catalogue item; the prefill is the caller’s own data',
  'GET /api/social-security/proofs/{code}': 'a proof is checked by whoever holds its code (a bank, a landlord): public by design',
  'GET /verify/{code}': 'an issued proof is checked by whoever holds its code: the public verification page',
  'GET /api/results/{id}/pdf': 'behind a signed, short-lived link (the signature is the permission; a wrong one is 404)',
  'GET /api/files/{id}': 'an uploaded file behind a signed, short-lived link naming its reader (the signature is the permission; none is 400, a wrong one 403)',
  'GET /api/services/{code}/fee': 'an item’s fee is public, like the catalogue',
  'GET /api/services/{code}/performance': 'an item’s published performance (办事公开) is public, figures only, reviews masked',
  'GET /api/life-events/{key}': 'a package guide (一件事) is public, like the catalogue',
  'GET /api/life-events/{key}/form': 'a package of catalogue items; the prefill is the caller’s own data',
  'POST /api/life-events/{key}/applications': 'submits a new package of the caller’s own; no record of anyone else is named',
}

/** Operators' routes take operators' ids (accounts, queue items); a citizen session never opens them (their own suites). */
const isOperatorRoute = (route: Route) => route.path.startsWith('/api/operator/') || route.path.startsWith('/api/ops/')

/** B's lists, where none of A's ids may appear. */
const LISTS = ['/api/applications', '/api/results', '/api/life-event-applications', '/api/appointments', '/api/certificates', '/api/certificates/authorisations', '/api/feedback', '/api/social-security/proofs', '/api/me/bindings', '/api/uploads?itemCode=SF-GJJ-0001']

describe.each(dialects())('cross-citizen access on $name', (dialect) => {
  let testDb: TestDatabase
  let server: { app: FastifyInstance; close(): Promise<void> }
  let app: FastifyInstance

  beforeAll(async () => {
    testDb = await dialect.setup()
    const config = testConfig({ ...testDb.env, AUTH_SANDBOX: '1', ...raisedRateLimits() })
    server = await startApp({ config, db: testDb.open(), seed: true })
    app = server.app
  })
  afterAll(async () => {
    await server?.close()
    await testDb?.cleanup()
  })

  const call = async (token: string, method: string, url: string, payload?: unknown) => {
    const response = await app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) })
    return { status: response.statusCode, text: response.body, json: () => response.json() as any }
  }

  test("every id route refuses B with A's records (404), A still reaches them, B's lists hold none of them", async () => {
    const document = await openApiDocument(app)
    const idRoutes = routesOf(document).filter((route) => route.path.includes('{') && !isOperatorRoute(route))
    const unclassified = idRoutes.map((route) => route.name).filter((name) => !ROUTES[name] && !NOT_CITIZEN_OWNED[name])
    expect(unclassified).toEqual([])
    // The table names no route that is gone.
    expect(Object.keys(ROUTES).filter((name) => !idRoutes.some((route) => route.name === name))).toEqual([])

    const a = await sessionFor(app, 'zhang-wei', 4)
    const b = await sessionFor(app, 'li-na', 4)
    const config = testConfig({ ...testDb.env })
    const citizenA = await citizenIdFor(app, 'zhang-wei')

    // A's records, made through the real routes where there is one.
    const certificates = (await call(a, 'GET', '/api/certificates')).json().items as { id: string; status: string }[]
    const certificate = certificates.find((item) => item.status === 'valid')!
    const detail = (await call(a, 'GET', `/api/certificates/${certificate.id}`)).json() as { fields: { key: string }[] }
    const fieldKey = detail.fields[0]!.key
    const presentation = await call(a, 'POST', '/api/certificates/presentations', { certificateId: certificate.id, purpose: 'hotel_check_in', fields: [fieldKey] })
    expect(presentation.status).toBe(201)
    const grant = await call(a, 'POST', `/api/certificates/${certificate.id}/authorisations`, {
      organisation: { name: '某某银行示范支行' },
      purpose: '办理个人住房贷款审批',
      fields: [fieldKey],
      validUntil: FUTURE(),
    })
    expect(grant.status).toBe(201)
    const feedback = await call(a, 'POST', '/api/feedback', { kind: 'suggestion', category: 'app_usage', text: '希望增加夜间办理时段' })
    expect(feedback.status).toBe(201)
    const proof = await call(a, 'POST', '/api/social-security/proofs', { from: '2023-01', to: '2023-12' })
    expect(proof.status).toBe(201)
    // The first free slot of the demo hall (whatever today is).
    const slotDays = (await call(a, 'GET', '/api/appointments/slots?item=SF-GA-0001&hall=chengdong-police&days=14')).json().days as { date: string; slots: { start: string; full: boolean }[] }[]
    const day = slotDays.find((candidate) => candidate.slots.some((slot) => !slot.full))!
    const appointment = await call(a, 'POST', '/api/appointments', { itemCode: 'SF-GA-0001', hallId: 'chengdong-police', date: day.date, start: day.slots.find((slot) => !slot.full)!.start })
    expect(appointment.status).toBe(201)
    const lifeEvent = await app.inject({
      method: 'POST',
      url: '/api/life-events/business_startup/applications',
      headers: { authorization: `Bearer ${a}`, 'idempotency-key': 'cross-citizen-life-event-0001' },
      payload: {
        shared: { companyName: '示范市青禾科技有限公司', companyAddress: '示范市振兴大道100号5层', businessScope: '软件开发', registeredCapital: 100 },
        members: { 'SF-SJ-0003': { companyType: '有限责任公司（自然人独资）' }, 'SF-GA-0201': { sealSet: '仅公章' }, 'SF-SW-0005': { taxpayerType: '小规模纳税人' }, 'SF-RS-0011': { employeeCount: 3 } },
      },
    })
    expect(lifeEvent.statusCode).toBe(201)
    // 亲情代办: A invites zhao-lihua and starts a face verification of her on A's device; wang-xiaoming invites A.
    const endsOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
    const zhao = demoCitizen('zhao-lihua')
    const delegation = await call(a, 'POST', '/api/delegations', { name: zhao.name, idNumber: zhao.idNumber, scopes: ['health_code'], endsOn })
    expect(delegation.status).toBe(201)
    const delegationFace = await call(a, 'POST', `/api/delegations/${delegation.json().id}/face/start`)
    expect(delegationFace.status).toBe(200)
    const invitation = await call(await sessionFor(app, 'wang-xiaoming', 4), 'POST', '/api/delegations', { name: demoCitizen('zhang-wei').name, idNumber: demoCitizen('zhang-wei').idNumber, scopes: ['health_code'], endsOn })
    expect(invitation.status).toBe(201)
    // Two uploads of A's for the 住房公积金提取 rental contract, through the real multipart route.
    const uploadOfA = async (): Promise<string> => {
      const form = new FormData()
      form.append('itemCode', 'SF-GJJ-0001')
      form.append('material', '房屋租赁合同或备案证明')
      form.append('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1')], { type: 'application/pdf' }), 'contract.pdf')
      const request = new Request('http://local/api/uploads', { method: 'POST', body: form })
      const response = await app.inject({
        method: 'POST',
        url: '/api/uploads',
        headers: { authorization: `Bearer ${a}`, 'content-type': request.headers.get('content-type')! },
        payload: Buffer.from(await request.arrayBuffer()),
      })
      expect(response.statusCode).toBe(201)
      return (response.json() as { id: string }).id
    }
    const records: Record<Kind, string[]> = {
      application: [(await insertApplication(app, config, citizenA, { status: 'submitted' })).id, (await insertApplication(app, config, citizenA, { status: 'completed' })).id],
      certificate: certificates.map((item) => item.id),
      presentation: [presentation.json().presentationId ?? presentation.json().id],
      authorisation: [grant.json().authorisation.id],
      feedback: [feedback.json().id],
      account: [(await call(a, 'GET', '/api/me')).json().accountId],
      delegation: [delegation.json().id],
      delegation_invitation: [invitation.json().id],
      delegation_face: [delegationFace.json().verificationId],
      appointment: [appointment.json().id],
      result: [await issuedResultOf(app, (await insertApplication(app, config, citizenA, { status: 'completed' })).id, citizenA)],
      life_event: [lifeEvent.json().id],
      upload: [await uploadOfA()],
      upload_draft: [await uploadOfA()],
    }
    for (const [kind, ids] of Object.entries(records)) expect({ kind, ids: ids.every((id) => typeof id === 'string' && id.length > 0) }).toEqual({ kind, ids: true })

    const urlOf = (route: Route, id: string) => route.path.replace(/\{\w+\}/, encodeURIComponent(id))
    const leaks: string[] = []
    let pairs = 0
    for (const route of idRoutes.filter((candidate) => ROUTES[candidate.name])) {
      const owned = ROUTES[route.name]!
      for (const id of records[owned.kind]) {
        pairs += 1
        const response = await call(b, route.method, urlOf(route, id), owned.payload?.(records))
        const refused = owned.refusal === 'access-key' ? response.status === 401 && response.json().error?.code === 'ACCESS_KEY_INVALID' : response.status === 404
        if (!refused) leaks.push(`${route.name} with A's ${owned.kind} ${id}: ${response.status} ${response.text.slice(0, 200)}`)
      }
    }
    console.log(`cross-citizen on ${dialect.name}: ${pairs} (route, record) pairs over ${Object.keys(ROUTES).length} routes, ${leaks.length} not refused`)
    expect(leaks).toEqual([])
    expect(pairs).toBeGreaterThanOrEqual(Object.keys(ROUTES).length)

    // B's lists: none of A's ids, not even one of A's certificates or proofs.
    const allOfA = [...Object.values(records).flat(), proof.json().code as string]
    for (const list of LISTS) {
      const response = await call(b, 'GET', list)
      expect({ list, status: response.status }).toEqual({ list, status: 200 })
      expect({ list, leaked: allOfA.filter((id) => response.text.includes(id)) }).toEqual({ list, leaked: [] })
    }

    // A is not refused on the same pairs (the ids were real): never 404, never a 5xx.
    for (const route of idRoutes.filter((candidate) => ROUTES[candidate.name] && !candidate.path.startsWith('/api/certificates/authorised/'))) {
      const owned = ROUTES[route.name]!
      const id = records[owned.kind][owned.kind === 'application' && route.path.includes('evaluation') ? 1 : 0]!
      const response = await call(a, route.method, urlOf(route, id), owned.payload?.(records))
      expect({ route: route.name, status: response.status < 500 && response.status !== 404 }).toEqual({ route: route.name, status: true })
    }
  })
})
