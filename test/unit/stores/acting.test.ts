import { ACTING_FOR_HEADER } from '@/contract/delegations/data'
import type { Delegation, DelegationList } from '@/contract/delegations/schemas'
import type { HealthCode } from '@/contract/health-code/schemas'
import { ApiError } from '@/platform/api-error'
import type { RequestOptions } from '@/platform/types'
import { familyStore } from '@/packages/family/family-store'
import { healthCodeStore } from '@/packages/health-code/health-code-store'
import { actingFor, isSelfPath } from '@/stores/acting-store'
import { RootStore } from '@/stores/root-store'
import { fakePlatform } from './fake-platform'

const delegation = (overrides: Partial<Delegation> = {}): Delegation => ({
  id: 'd-1',
  role: 'helper',
  otherName: '赵*华',
  state: 'active',
  stateName: '代办中',
  scopes: ['health_code', 'apply'],
  endsOn: '2027-03-01',
  createdAt: '2026-12-01T00:00:00.000Z',
  ...overrides,
})
const list = (asHelper: Delegation[]): DelegationList => ({ asHelper, asPrincipal: [], actsForMe: [] })
const code = (name: string): HealthCode => ({ token: `t-${name}`, colour: 'green', reason: '未见异常', name, issuedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 300_000).toISOString(), statusSince: '2026-11-01T00:00:00.000Z', source: 'live' })

describe('为谁办理 (ActingStore) and the API client', () => {
  test('while acting, every request but the caller’s own account, identity and delegation calls carries X-Acting-For', async () => {
    const { platform, requests } = fakePlatform(async (options: RequestOptions) => (options.path === '/api/delegations' ? list([delegation()]) : code('赵*华')))
    const root = new RootStore(platform)
    root.switchPerson(actingFor(delegation()))
    await root.api.get('/api/health-code')
    await root.api.post('/api/applications', {}, { headers: { 'idempotency-key': 'k'.repeat(16) } })
    await root.api.get('/api/me/messages')
    for (const own of ['/api/me', '/api/me/reveal', '/api/me/bindings', '/api/identity/face/start', '/api/auth/logout', '/api/delegations']) await root.api.get(own)
    const header = (path: string) => requests.find((request) => request.path === path)?.headers?.[ACTING_FOR_HEADER]
    expect(header('/api/health-code')).toBe('d-1')
    expect(requests.find((request) => request.path === '/api/applications')?.headers).toEqual({ 'idempotency-key': 'k'.repeat(16), [ACTING_FOR_HEADER]: 'd-1' })
    expect(header('/api/me/messages')).toBe('d-1')
    for (const own of ['/api/me', '/api/me/reveal', '/api/me/bindings', '/api/identity/face/start', '/api/auth/logout', '/api/delegations']) expect({ own, header: header(own) }).toEqual({ own, header: undefined })
    expect(isSelfPath('/api/me/messages')).toBe(false)
  })

  test('switching person forgets what the feature stores and the device held for the person shown until now', async () => {
    let name = '张*'
    const { platform, storage } = fakePlatform(async () => code(name))
    const root = new RootStore(platform)
    const health = healthCodeStore(root)
    await health.load()
    expect(storage.get('healthCode.last')).toBeDefined()
    root.switchPerson(actingFor(delegation()))
    expect(health.code.data).toBeUndefined()
    expect(storage.get('healthCode.last')).toBeUndefined()
    expect(storage.get('acting.for')).toEqual({ delegationId: 'd-1', principalName: '赵*华', scopes: ['health_code', 'apply'] })
    name = '赵*华'
    await health.load()
    expect(health.code.data?.name).toBe('赵*华')
    // A cold start keeps the choice (every page agrees on whose data it shows).
    expect(new RootStore(fakePlatform(async () => undefined, Object.fromEntries(storage)).platform).acting.current?.delegationId).toBe('d-1')
    root.switchPerson(undefined)
    expect(health.code.data).toBeUndefined()
    expect(root.acting.current).toBeUndefined()
    expect(storage.has('acting.for')).toBe(false)
  })

  test('a choice no longer active (ended by the principal, expired) falls back to 本人 when the list loads; logout forgets it', async () => {
    let answer = list([delegation()])
    const { platform, storage } = fakePlatform(async () => answer)
    const root = new RootStore(platform)
    await root.acting.load(root.api)
    expect(root.acting.choices.map((choice) => choice.id)).toEqual(['d-1'])
    root.switchPerson(actingFor(root.acting.choices[0]!))
    answer = list([delegation({ state: 'ended', stateName: '已结束' })])
    await root.acting.load(root.api)
    expect(root.acting.current).toBeUndefined()
    expect(root.acting.choices).toEqual([])
    root.switchPerson(actingFor(delegation()))
    await root.logout()
    expect(root.acting.current).toBeUndefined()
    expect(storage.has('acting.for')).toBe(false)
  })

  test('a delegated request refused because the delegation ended: back to 本人 at once, the other person’s data forgotten, the reason kept for the page', async () => {
    let ended = false
    const { platform, storage } = fakePlatform(async (options: RequestOptions) => {
      if (ended && options.headers?.[ACTING_FOR_HEADER]) throw new ApiError('FORBIDDEN', { status: 403, message: '这项代办已结束，不能再为对方办理', rule: 'delegation_inactive' })
      return code('赵*华')
    })
    const root = new RootStore(platform)
    root.switchPerson(actingFor(delegation()))
    const health = healthCodeStore(root)
    await health.load()
    expect(storage.get('healthCode.last')).toBeDefined()
    ended = true
    await health.load()
    expect(root.acting.current).toBeUndefined()
    expect(root.acting.ended).toEqual({ principalName: '赵*华', message: '这项代办已结束，不能再为对方办理' })
    expect(health.code.data).toBeUndefined()
    expect(storage.has('healthCode.last')).toBe(false)
    expect(storage.has('acting.for')).toBe(false)
    root.acting.clearEnded()
    expect(root.acting.ended).toBeUndefined()
  })

  test('a refusal of one scope (not granted) keeps the choice: the delegation still stands', async () => {
    const { platform } = fakePlatform(async () => {
      throw new ApiError('FORBIDDEN', { status: 403, message: '对方没有授权您“查社保”，不能为其办理此事' })
    })
    const root = new RootStore(platform)
    root.switchPerson(actingFor(delegation()))
    await expect(root.api.get('/api/social-security/overview')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(root.acting.current?.delegationId).toBe('d-1')
    expect(root.acting.ended).toBeUndefined()
  })

  test('an error loading the list keeps the current choice (the server refuses an ended one anyway)', async () => {
    const { platform } = fakePlatform(async () => {
      throw new ApiError('NETWORK_ERROR')
    })
    const root = new RootStore(platform)
    root.switchPerson(actingFor(delegation()))
    await root.acting.load(root.api)
    expect(root.acting.delegations.offline).toBe(true)
    expect(root.acting.current?.delegationId).toBe('d-1')
  })
})

describe('FamilyStore (亲情代办)', () => {
  test('invites, then verifies the face OF THE PRINCIPAL on this device with the principal’s name and ID number', async () => {
    const faces: unknown[] = []
    const { platform, requests } = fakePlatform(async (options: RequestOptions) => {
      if (options.path === '/api/delegations' && options.method === 'POST') return delegation({ state: 'invited', stateName: '等待对方同意' })
      if (options.path.endsWith('/face/start')) return { provider: 'sandbox', verificationId: 'v-1' }
      if (options.path.endsWith('/face/confirm')) return delegation({ consentMethod: 'face_of_principal' })
      throw new ApiError('NOT_FOUND')
    })
    platform.startFaceVerification = async (request) => {
      faces.push(request)
      return { verifyResult: 'sandbox-pass' }
    }
    const family = familyStore(new RootStore(platform))
    expect(await family.invite({ name: '赵丽华', idNumber: '510107196802290244', scopes: ['health_code'], endsOn: '2027-03-01' })).toBe(true)
    expect(family.invited?.state).toBe('invited')
    expect(await family.verifyFaceOfPrincipal('赵丽华', '510107196802290244')).toBe(true)
    expect(faces).toEqual([{ name: '赵丽华', idNumber: '510107196802290244', certifyId: undefined, url: undefined }])
    expect(requests.find((request) => request.path === '/api/delegations/d-1/face/confirm')?.body).toEqual({ verificationId: 'v-1', verifyResult: 'sandbox-pass' })
    expect(family.invited).toMatchObject({ state: 'active', consentMethod: 'face_of_principal' })
  })

  test('ending the delegation one is acting under switches back to 本人; a refusal is kept in words', async () => {
    let fail = false
    const { platform } = fakePlatform(async (options: RequestOptions) => {
      if (fail) throw new ApiError('NOT_FOUND', { status: 404, message: '没有找到这项亲情代办，请返回刷新后重试' })
      return options.path.endsWith('/end') ? delegation({ state: 'ended' }) : list([])
    })
    const root = new RootStore(platform)
    root.switchPerson(actingFor(delegation()))
    const family = familyStore(root)
    expect(await family.end('d-1')).toBe(true)
    expect(root.acting.current).toBeUndefined()
    fail = true
    expect(await family.end('d-2')).toBe(false)
    expect(family.ending.error?.message).toBe('没有找到这项亲情代办，请返回刷新后重试')
  })

  test('the principal’s answer: yes consents, no ends the invitation', async () => {
    const { platform, requests } = fakePlatform(async (options: RequestOptions) => delegation({ role: 'principal', state: options.path.endsWith('/consent') ? 'active' : 'ended' }))
    const family = familyStore(new RootStore(platform))
    await family.answer('d-1', true)
    expect(family.answered?.state).toBe('active')
    await family.answer('d-2', false)
    expect(family.answered?.state).toBe('ended')
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/delegations/d-1/consent', 'POST /api/delegations/d-2/end'])
  })
})
