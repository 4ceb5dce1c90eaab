import type { Authorisation, AuthorisationCreated, CertificateDetail, CertificateSummary, LedgerEntry, Presentation, PresentationState, PurposeList } from '@/contract/certificates/schemas'
import { AUTHORISATION_MAX_DAYS } from '@/contract/certificates/data'
import { ApiError } from '@/platform/api-error'
import type { RequestOptions } from '@/platform/types'
import { LEDGER_PAGE_SIZE, PRESENTATION_POLL_MS, certificatesStore } from '@/packages/certificates/stores/certificates-store'
import { RootStore } from '@/stores/root-store'
import { AUTHORISATION_DURATIONS, authorisationEnd } from '@/packages/certificates/words'
import { fakePlatform } from './fake-platform'

const ID = '7f6c3a52-8d1e-4b8a-9a51-2f0c1d9e4b11'
// Now, not a fixed date: present() reads the wall clock, so a fixed issue time turns the
// two-minute presentation into an expired one as soon as the clock passes it.
const ISSUED = Date.now()

const summary: CertificateSummary = {
  id: ID,
  type: 'driving_licence',
  typeName: '机动车驾驶证',
  holderKind: 'natural_person',
  number: '110***********1234',
  issuer: '北京市公安局公安交通管理局',
  issuedOn: '2022-04-18',
  validUntil: '2032-04-18',
  status: 'valid',
  statusName: '有效',
  presentable: true,
}

const detail: CertificateDetail = {
  ...summary,
  identifier: '1.2.156.3005.2.11100000000002717X.JZ2022B774105.002',
  issuerCode: '11110000000002717X',
  version: '002',
  fields: [
    { key: 'name', label: '姓名', value: '张*', sensitive: true },
    { key: 'licenceNumber', label: '证号', value: '110***********1234', sensitive: true },
    { key: 'vehicleClass', label: '准驾车型', value: 'C1', sensitive: false },
    { key: 'firstIssueDate', label: '初次领证日期', value: '2010-04-18', sensitive: false },
    { key: 'archiveNumber', label: '档案编号', value: '1101****8273', sensitive: true },
  ],
}

const purposes: PurposeList = {
  items: [
    { purpose: 'traffic_enforcement', name: '交通执法', description: '向交通警察出示驾驶证、行驶证', suggestedFields: [{ type: 'driving_licence', fields: ['name', 'licenceNumber', 'vehicleClass', 'archiveNumber'] }] },
    { purpose: 'hotel_check_in', name: '酒店入住', description: '向酒店前台出示身份信息', suggestedFields: [{ type: 'resident_id_card', fields: ['name', 'idNumber'] }] },
  ],
}

const presentation = (id: string): Presentation => ({
  presentationId: id,
  code: `EC1.${id}.sig`,
  issuedAt: new Date(ISSUED).toISOString(),
  expiresAt: new Date(ISSUED + 120_000).toISOString(),
  purpose: 'traffic_enforcement',
  purposeName: '交通执法',
  fields: [{ key: 'licenceNumber', label: '证号' }, { key: 'vehicleClass', label: '准驾车型' }],
})

const entry = (id: number): LedgerEntry => ({
  id,
  event: 'presentation_issued',
  eventName: '生成亮证码',
  outcome: 'success',
  occurredAt: new Date(ISSUED).toISOString(),
  purpose: 'traffic_enforcement',
  purposeName: '交通执法',
  fields: [{ key: 'vehicleClass', label: '准驾车型' }],
  actor: { kind: 'holder', label: '本人' },
})

const grant = (status: Authorisation['status']): Authorisation => ({
  id: 'a3b7c2d1-0000-4000-8000-000000000001',
  certificateId: ID,
  certificateType: 'driving_licence',
  certificateTypeName: '机动车驾驶证',
  organisation: { name: '某某保险公司' },
  purpose: '办理车险理赔',
  fields: [{ key: 'vehicleClass', label: '准驾车型' }],
  createdAt: new Date(ISSUED).toISOString(),
  validUntil: new Date(ISSUED + 30 * 86_400_000).toISOString(),
  status,
  statusName: status === 'active' ? '授权中' : '已撤销',
  accessCount: 2,
})

type Handler = (request: RequestOptions) => unknown

/** A fake server: routes by method and path; unknown routes are 404. */
function server(routes: Record<string, Handler>) {
  return async (request: RequestOptions): Promise<unknown> => {
    const handler = routes[`${request.method ?? 'GET'} ${request.path}`]
    if (!handler) throw new ApiError('NOT_FOUND', { status: 404 })
    return handler(request)
  }
}

const recent = () => new ApiError('RECENT_VERIFICATION_REQUIRED', { status: 403 })

describe('CertificatesStore', () => {
  test('loads the wallet and one certificate; an empty wallet is empty', async () => {
    const { platform } = fakePlatform(server({ 'GET /api/certificates': () => ({ items: [summary] }), [`GET /api/certificates/${ID}`]: () => detail }))
    const store = certificatesStore(new RootStore(platform))
    await store.cards.loadWallet()
    expect(store.cards.wallet.data).toEqual([summary])
    await store.cards.loadDetail(ID)
    expect(store.cards.detail(ID).data?.fields).toHaveLength(5)

    const empty = certificatesStore(new RootStore(fakePlatform(server({ 'GET /api/certificates': () => ({ items: [] }) })).platform))
    await empty.cards.loadWallet()
    expect(empty.cards.wallet.empty).toBe(true)
  })

  test('a purpose ticks its suggested fields in display order; the citizen can change them', async () => {
    const { platform } = fakePlatform(server({ 'GET /api/certificates/purposes': () => purposes }))
    const store = certificatesStore(new RootStore(platform))
    await store.draftForm.loadPurposes()
    store.presenter.openDraft(detail)
    expect(store.draftForm.draftProblem).toBe('请先选择亮证用途')
    store.draftForm.choosePurpose('traffic_enforcement')
    expect(store.draftForm.draft?.fields).toEqual(['name', 'licenceNumber', 'vehicleClass', 'archiveNumber'])
    store.draftForm.toggleField('name')
    store.draftForm.toggleField('archiveNumber')
    store.draftForm.toggleField('firstIssueDate')
    expect(store.draftForm.draft?.fields).toEqual(['licenceNumber', 'vehicleClass', 'firstIssueDate'])
    // A purpose with nothing suggested for this type ticks nothing.
    store.draftForm.choosePurpose('hotel_check_in')
    expect(store.draftForm.draft?.fields).toEqual([])
    expect(store.draftForm.draftProblem).toBe('请至少选择一项要出示的信息')
    // Reopening the same certificate keeps the selection; another one starts afresh.
    store.draftForm.toggleField('vehicleClass')
    store.presenter.openDraft(detail)
    expect(store.draftForm.draft?.fields).toEqual(['vehicleClass'])
  })

  test('presents the chosen scope, counts down, polls until verified and says by whom', async () => {
    let state: PresentationState = { presentationId: 'p1', status: 'active', expiresAt: new Date(ISSUED + 120_000).toISOString() }
    const { platform, requests } = fakePlatform(
      server({
        'GET /api/certificates/purposes': () => purposes,
        'POST /api/certificates/presentations': () => presentation('p1'),
        'GET /api/certificates/presentations/p1': () => state,
        [`GET /api/certificates/${ID}/ledger`]: () => ({ items: [entry(1)] }),
      }),
    )
    const store = certificatesStore(new RootStore(platform))
    await store.draftForm.loadPurposes()
    store.presenter.openDraft(detail)
    store.draftForm.choosePurpose('traffic_enforcement')
    store.draftForm.toggleField('name')
    store.draftForm.toggleField('archiveNumber')
    await store.presenter.present()
    expect(requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/certificates/presentations', body: { certificateId: ID, purpose: 'traffic_enforcement', fields: ['licenceNumber', 'vehicleClass'] } })
    expect(store.presenter.presentationOf(ID)?.code).toBe('EC1.p1.sig')
    expect(store.presenter.presentationOf('another')).toBeUndefined()
    expect(store.presenter.presentationStatus).toBe('active')

    await store.ledgers.loadLedger(ID)
    expect(store.ledgers.ledger(ID).status).toBe('ready')

    store.presenter.tick(ISSUED + 30_000)
    expect(store.presenter.presentationSecondsLeft).toBe(90)
    expect(store.presenter.shouldPoll()).toBe(true)
    await store.presenter.pollPresentation()
    expect(store.presenter.presentationStatus).toBe('active')

    state = { ...state, status: 'verified', verifiedAt: new Date(ISSUED + 40_000).toISOString(), verifier: { kind: 'verifier', label: '核验员 欧*月' } }
    await store.presenter.pollPresentation()
    expect(store.presenter.presentationStatus).toBe('verified')
    expect(store.presenter.presentationState?.verifier?.label).toBe('核验员 欧*月')
    // A used code is not polled any more, and the ledger is fetched afresh next time.
    store.presenter.tick(Date.now() + PRESENTATION_POLL_MS)
    expect(store.presenter.shouldPoll()).toBe(false)
    expect(store.ledgers.ledger(ID).status).toBe('idle')
  })

  test('an unscanned code counts as expired at its expiry, before the server is asked', async () => {
    const { platform } = fakePlatform(server({ 'GET /api/certificates/purposes': () => purposes, 'POST /api/certificates/presentations': () => presentation('p2') }))
    const store = certificatesStore(new RootStore(platform))
    await store.draftForm.loadPurposes()
    store.presenter.openDraft(detail)
    store.draftForm.choosePurpose('traffic_enforcement')
    await store.presenter.present()
    store.presenter.tick(ISSUED + 120_000)
    expect(store.presenter.presentationStatus).toBe('expired')
    expect(store.presenter.presentationSecondsLeft).toBe(0)
    expect(store.presenter.shouldPoll()).toBe(false)
  })

  test('withdraws the code on screen', async () => {
    const { platform, requests } = fakePlatform(
      server({
        'GET /api/certificates/purposes': () => purposes,
        'POST /api/certificates/presentations': () => presentation('p3'),
        'POST /api/certificates/presentations/p3/withdraw': () => undefined,
        'GET /api/certificates/presentations/p3': () => ({ presentationId: 'p3', status: 'withdrawn', expiresAt: new Date(ISSUED + 120_000).toISOString() }),
      }),
    )
    const store = certificatesStore(new RootStore(platform))
    await store.draftForm.loadPurposes()
    store.presenter.openDraft(detail)
    store.draftForm.choosePurpose('traffic_enforcement')
    await store.presenter.present()
    store.presenter.tick(ISSUED + 10_000)
    await store.presenter.withdraw()
    expect(requests.some((request) => request.method === 'POST' && request.path === '/api/certificates/presentations/p3/withdraw')).toBe(true)
    expect(store.presenter.presentationStatus).toBe('withdrawn')
    store.presenter.clearPresentation()
    expect(store.presenter.presentationOf(ID)).toBeUndefined()
    // The selection survives, ready for a new code.
    expect(store.draftForm.draft?.purpose).toBe('traffic_enforcement')
  })

  test("opening another certificate drops the first one's code, so a refresh cannot reissue it with the wrong selection", async () => {
    const { platform } = fakePlatform(server({ 'GET /api/certificates/purposes': () => purposes, 'POST /api/certificates/presentations': () => presentation('p6') }))
    const store = certificatesStore(new RootStore(platform))
    await store.draftForm.loadPurposes()
    store.presenter.openDraft(detail)
    store.draftForm.choosePurpose('traffic_enforcement')
    await store.presenter.present()
    expect(store.presenter.presentationOf(ID)).toBeDefined()
    store.presenter.openDraft(detail)
    expect(store.presenter.presentationOf(ID)).toBeDefined()
    store.presenter.openDraft({ ...detail, id: 'b1c2d3e4-0000-4000-8000-000000000002', type: 'resident_id_card' })
    expect(store.presenter.presentation).toBeUndefined()
    expect(store.draftForm.draft).toMatchObject({ type: 'resident_id_card', purpose: undefined, fields: [] })
  })

  test('a stale session is asked for the ID number, re-verified, and the presentation goes ahead', async () => {
    let verified = false
    const { platform, requests } = fakePlatform(
      server({
        'GET /api/certificates/purposes': () => purposes,
        'POST /api/certificates/presentations': () => {
          if (!verified) throw recent()
          return presentation('p4')
        },
        'POST /api/identity/reverify': (request) => {
          if ((request.body as { idNumber: string }).idNumber !== '11010119850312001X') throw new ApiError('IDENTITY_MISMATCH', { status: 422, message: '身份证号码与实名信息不一致，请核对后重试' })
          verified = true
          return { verifiedUntil: new Date(Date.now() + 300_000).toISOString() }
        },
      }),
    )
    const store = certificatesStore(new RootStore(platform))
    await store.draftForm.loadPurposes()
    store.presenter.openDraft(detail)
    store.draftForm.choosePurpose('traffic_enforcement')
    await store.presenter.present()
    expect(store.presenter.presentation).toBeUndefined()
    expect(store.presenter.presentError).toBeUndefined()
    expect(store.recheck.verificationNeeded).toEqual({ action: '亮证' })

    expect(await store.recheck.reverify('110101198503120011')).toBe(false)
    expect(store.recheck.reverifyError?.message).toBe('身份证号码与实名信息不一致，请核对后重试')
    expect(store.recheck.verificationNeeded).toEqual({ action: '亮证' })

    // Lower-case x and spaces are normalised before sending.
    expect(await store.recheck.reverify(' 11010119850312001x ')).toBe(true)
    expect(requests.filter((request) => request.path === '/api/identity/reverify').at(-1)?.body).toEqual({ idNumber: '11010119850312001X' })
    expect(store.recheck.verificationNeeded).toBeUndefined()
    expect(store.presenter.presentation?.presentationId).toBe('p4')
  })

  test('reveals one field after re-verification and hides it again on leaving', async () => {
    let verified = false
    const { platform } = fakePlatform(
      server({
        [`POST /api/certificates/${ID}/reveal`]: (request) => {
          if (!verified) throw recent()
          return { field: (request.body as { field: string }).field, label: '证号', value: '110101198503120012' }
        },
        'POST /api/identity/reverify': () => {
          verified = true
          return { verifiedUntil: new Date().toISOString() }
        },
      }),
    )
    const store = certificatesStore(new RootStore(platform))
    await store.reveals.reveal(ID, 'licenceNumber')
    expect(store.reveals.revealedValue(ID, 'licenceNumber')).toBeUndefined()
    expect(store.recheck.verificationNeeded).toEqual({ action: '查看完整信息' })
    await store.recheck.reverify('110101198503120012')
    expect(store.reveals.revealedValue(ID, 'licenceNumber')).toBe('110101198503120012')
    store.reveals.hideAll()
    expect(store.reveals.revealedValue(ID, 'licenceNumber')).toBeUndefined()
  })

  test('a certificate that cannot be presented says why', async () => {
    const { platform } = fakePlatform(
      server({
        'GET /api/certificates/purposes': () => purposes,
        'POST /api/certificates/presentations': () => {
          throw new ApiError('CERTIFICATE_NOT_PRESENTABLE', { status: 409 })
        },
      }),
    )
    const store = certificatesStore(new RootStore(platform))
    await store.draftForm.loadPurposes()
    store.presenter.openDraft(detail)
    store.draftForm.choosePurpose('traffic_enforcement')
    await store.presenter.present()
    expect(store.presenter.presentError?.code).toBe('CERTIFICATE_NOT_PRESENTABLE')
    expect(store.recheck.verificationNeeded).toBeUndefined()
  })

  test('pages through the ledger', async () => {
    const { platform, requests } = fakePlatform(
      server({
        [`GET /api/certificates/${ID}/ledger`]: (request) => {
          const before = (request.query as { before?: number }).before
          return before ? { items: [entry(1)] } : { items: [entry(3), entry(2)], nextBefore: 2 }
        },
      }),
    )
    const store = certificatesStore(new RootStore(platform))
    await store.ledgers.loadLedger(ID)
    expect(requests[0].query).toMatchObject({ limit: LEDGER_PAGE_SIZE })
    expect(store.ledgers.ledger(ID).data?.nextBefore).toBe(2)
    await store.ledgers.loadMoreLedger(ID)
    expect(requests[1].query).toMatchObject({ before: 2 })
    expect(store.ledgers.ledger(ID).data?.items.map((item) => item.id)).toEqual([3, 2, 1])
    expect(store.ledgers.ledger(ID).data?.nextBefore).toBeUndefined()
  })

  test('grants an authorisation (the key is kept until the page forgets it), lists and revokes with confirmation', async () => {
    const created: AuthorisationCreated = { authorisation: grant('active'), accessKey: 'eca_secret', accessPath: `/api/certificates/authorised/${grant('active').id}` }
    const { platform, requests } = fakePlatform(
      server({
        [`POST /api/certificates/${ID}/authorisations`]: () => created,
        'GET /api/certificates/authorisations': () => ({ items: [grant('active')] }),
        [`POST /api/certificates/authorisations/${grant('active').id}/revoke`]: () => grant('revoked'),
      }),
    )
    const store = certificatesStore(new RootStore(platform))
    const validUntil = authorisationEnd(365).toISOString()
    await store.grants.authorise(ID, { organisation: { name: '某某保险公司' }, purpose: '办理车险理赔', fields: ['vehicleClass'], validUntil })
    expect(requests[0]).toMatchObject({ method: 'POST', path: `/api/certificates/${ID}/authorisations`, body: { organisation: { name: '某某保险公司' }, fields: ['vehicleClass'], validUntil } })
    expect(store.grants.created?.accessKey).toBe('eca_secret')
    store.grants.forgetCreated()
    expect(store.grants.created).toBeUndefined()

    await store.grants.loadAuthorisations(ID)
    expect(requests.at(-1)).toMatchObject({ path: '/api/certificates/authorisations', query: { certificateId: ID } })
    store.grants.askRevoke(grant('active').id)
    expect(store.grants.confirmingRevoke).toBe(grant('active').id)
    store.grants.cancelRevoke()
    expect(store.grants.confirmingRevoke).toBeUndefined()
    store.grants.askRevoke(grant('active').id)
    await store.grants.revoke(grant('active').id)
    expect(store.grants.authorisations.data?.[0].status).toBe('revoked')
    expect(store.grants.confirmingRevoke).toBeUndefined()
  })

  test('authorisation periods never exceed the server limit', () => {
    const now = new Date(2026, 10, 22, 0, 0, 5)
    for (const { days } of AUTHORISATION_DURATIONS) {
      const end = authorisationEnd(days, now)
      expect(end.getTime()).toBeGreaterThan(now.getTime())
      expect(end.getTime()).toBeLessThanOrEqual(now.getTime() + AUTHORISATION_MAX_DAYS * 86_400_000)
      expect([end.getHours(), end.getMinutes(), end.getSeconds()]).toEqual([23, 59, 59])
    }
    expect(authorisationEnd(1, now).getDate()).toBe(22)
  })

  test('a verifier scans; a closed camera is not an error; another failure is shown', async () => {
    const { platform, requests } = fakePlatform(
      server({ 'POST /api/certificates/verify': () => ({ valid: true, certificate: { type: 'driving_licence', typeName: '机动车驾驶证', issuer: 'x', validUntil: null, status: 'valid', statusName: '有效' }, fields: [{ key: 'vehicleClass', label: '准驾车型', value: 'C1' }] }) }),
    )
    platform.scanCode = async () => 'EC1.scanned.sig'
    const store = certificatesStore(new RootStore(platform))
    await store.verifier.scanAndVerify()
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/certificates/verify', body: { code: 'EC1.scanned.sig' } })
    expect(store.verifier.verification.data?.fields).toEqual([{ key: 'vehicleClass', label: '准驾车型', value: 'C1' }])
    store.verifier.clearVerification()

    platform.scanCode = async () => {
      throw new ApiError('CANCELLED')
    }
    await store.verifier.scanAndVerify()
    expect(store.verifier.verification.status).toBe('idle')
    expect(store.verifier.verification.error).toBeUndefined()

    platform.scanCode = async () => {
      throw new ApiError('UNSUPPORTED_ON_PLATFORM')
    }
    await store.verifier.scanAndVerify()
    expect(store.verifier.verification.error?.code).toBe('UNSUPPORTED_ON_PLATFORM')
  })

  test('logout forgets the wallet, revealed values, the code on screen and the access key', async () => {
    const { platform } = fakePlatform(
      server({
        'GET /api/certificates': () => ({ items: [summary] }),
        [`GET /api/certificates/${ID}`]: () => detail,
        'GET /api/certificates/purposes': () => purposes,
        'POST /api/certificates/presentations': () => presentation('p5'),
        [`POST /api/certificates/${ID}/reveal`]: () => ({ field: 'licenceNumber', label: '证号', value: '110101198503120012' }),
        [`POST /api/certificates/${ID}/authorisations`]: () => ({ authorisation: grant('active'), accessKey: 'eca_secret', accessPath: '/x' }),
        'POST /api/auth/logout': () => undefined,
      }),
      { 'session.token': 'token' },
    )
    const root = new RootStore(platform)
    const store = certificatesStore(root)
    await store.cards.loadWallet()
    await store.cards.loadDetail(ID)
    await store.draftForm.loadPurposes()
    await store.reveals.reveal(ID, 'licenceNumber')
    store.presenter.openDraft(detail)
    store.draftForm.choosePurpose('traffic_enforcement')
    await store.presenter.present()
    await store.grants.authorise(ID, { organisation: { name: '某某保险公司' }, purpose: '办理车险理赔', fields: ['vehicleClass'], validUntil: authorisationEnd(7).toISOString() })
    expect(store.grants.created).toBeDefined()

    await root.logout()
    expect(store.cards.wallet.data).toBeUndefined()
    expect(store.cards.detail(ID).data).toBeUndefined()
    expect(store.reveals.revealedValue(ID, 'licenceNumber')).toBeUndefined()
    expect(store.presenter.presentation).toBeUndefined()
    expect(store.draftForm.draft).toBeUndefined()
    expect(store.grants.created).toBeUndefined()
  })
})
