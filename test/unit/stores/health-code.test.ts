import type { HealthCode } from '@/contract/health-code/schemas'
import { ApiError } from '@/platform/api-error'
import { REFRESH_BEFORE_EXPIRY_MS, healthCodeStore } from '@/packages/health-code/health-code-store'
import { RootStore } from '@/stores/root-store'
import { fakePlatform } from './fake-platform'

const issued = Date.parse('2026-11-22T08:00:00.000Z')
const code = (token: string, minutes = 5): HealthCode => ({
  token,
  colour: 'green',
  reason: '未见异常',
  name: '张*伟',
  issuedAt: new Date(issued).toISOString(),
  expiresAt: new Date(issued + minutes * 60_000).toISOString(),
  statusSince: '2026-11-01T00:00:00.000Z',
  source: 'live',
})

describe('HealthCodeStore', () => {
  test('loads a code and keeps it on the device for offline display', async () => {
    const { platform, storage } = fakePlatform(async () => code('t1'))
    const store = healthCodeStore(new RootStore(platform))
    await store.load()
    expect(store.code.data?.token).toBe('t1')
    const restarted = healthCodeStore(new RootStore(fakePlatform(async () => { throw new ApiError('NETWORK_ERROR') }, Object.fromEntries(storage)).platform))
    expect(restarted.code.data?.token).toBe('t1')
    await restarted.load()
    expect(restarted.code.offline).toBe(true)
    expect(restarted.code.data?.token).toBe('t1')
  })

  test('counts down, refreshes before expiry and says when it has expired', async () => {
    const { platform } = fakePlatform(async () => code('t1'))
    const store = healthCodeStore(new RootStore(platform))
    await store.load()
    store.tick(issued + 60_000)
    expect(store.secondsLeft).toBe(240)
    expect(store.msUntilRefresh).toBe(240_000 - REFRESH_BEFORE_EXPIRY_MS)
    store.tick(issued + 5 * 60_000 - REFRESH_BEFORE_EXPIRY_MS)
    expect(store.msUntilRefresh).toBe(0)
    expect(store.expired).toBe(false)
    store.tick(issued + 5 * 60_000)
    expect(store.expired).toBe(true)
  })

  test('logout forgets the code on the device', async () => {
    const { platform, storage } = fakePlatform(async () => code('t1'))
    const root = new RootStore(platform)
    const store = healthCodeStore(root)
    await store.load()
    await root.logout()
    expect(store.code.data).toBeUndefined()
    expect(storage.has('healthCode.last')).toBe(false)
  })

  test('a verifier scans and the server decides', async () => {
    const { platform, requests } = fakePlatform(async () => ({ valid: false, reason: 'expired' }))
    platform.scanCode = async () => 'scanned-token'
    const store = healthCodeStore(new RootStore(platform))
    await store.scanAndVerify()
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/health-code/verify', body: { token: 'scanned-token' } })
    expect(store.verification.data).toEqual({ valid: false, reason: 'expired' })
  })
})
