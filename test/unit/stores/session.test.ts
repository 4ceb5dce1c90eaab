import { ApiError } from '@/platform/api-error'
import { SANDBOX_CODE_STORAGE_KEY } from '@/platform/public'
import type { RequestOptions } from '@/platform/types'
import { RootStore } from '@/stores/root-store'
import { fakePlatform } from './fake-platform'

const profile = (level: 1 | 3 | 4) => ({ accountId: 'a1', platform: 'h5dev' as const, level, roles: [], ...(level >= 3 ? { citizen: { name: '张*伟', idNumber: '110***********002X' } } : {}) })

/** A tiny server: tokens it issued are valid until `expire()`; it counts logins. */
function fakeServer() {
  let valid = new Set<string>()
  let logins = 0
  const respond = async (options: RequestOptions) => {
    if (options.path === '/api/auth/login') {
      logins++
      const token = `t${logins}`
      valid.add(token)
      return { token, expiresAt: '2026-11-23T00:00:00.000Z', profile: profile(1) }
    }
    if (!options.token || !valid.has(options.token)) throw new ApiError('UNAUTHENTICATED', { status: 401 })
    if (options.path === '/api/me') return profile(1)
    if (options.path === '/api/auth/logout') return undefined
    if (options.path === '/api/identity/real-name') return profile(3)
    if (options.path === '/api/identity/face/start') return { provider: 'sandbox', verificationId: 'v1' }
    if (options.path === '/api/identity/face/confirm') return profile(4)
    if (options.path === '/api/notices') return { items: [] }
    throw new ApiError('NOT_FOUND', { status: 404 })
  }
  return { respond, expire: () => (valid = new Set()), logins: () => logins }
}

describe('SessionStore', () => {
  test('login exchanges the platform credential for a session and keeps the token', async () => {
    const server = fakeServer()
    const { platform, requests, storage } = fakePlatform(server.respond)
    const store = new RootStore(platform)
    await expect(store.session.login()).resolves.toBe(true)
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/auth/login', body: { platform: 'h5dev', code: 'test' } })
    expect(store.session.token).toBe('t1')
    expect(storage.get('session.token')).toBe('t1')
    expect(store.session.level).toBe(1)
  })

  test('an expired session is renewed silently and the request replayed once', async () => {
    const server = fakeServer()
    const { platform, requests } = fakePlatform(server.respond)
    const store = new RootStore(platform)
    await store.session.login()
    server.expire()
    await store.session.loadProfile()
    expect(store.session.profile.status).toBe('ready')
    expect(server.logins()).toBe(2)
    expect(requests.filter((r) => r.path === '/api/me').map((r) => r.token)).toEqual(['t1', 't2'])
  })

  test('concurrent 401s share one renewal', async () => {
    const server = fakeServer()
    const { platform } = fakePlatform(server.respond)
    const store = new RootStore(platform)
    await store.session.login()
    server.expire()
    await Promise.all([store.session.loadProfile(), store.notices.loadLatest(), store.session.loadProfile()])
    expect(server.logins()).toBe(2)
  })

  test('when renewal fails the original error surfaces, not a loop', async () => {
    const { platform } = fakePlatform(async (options) => {
      if (options.path === '/api/auth/login') throw new ApiError('LOGIN_CODE_INVALID', { status: 401 })
      throw new ApiError('UNAUTHENTICATED', { status: 401 })
    })
    const store = new RootStore(platform)
    await store.session.loadProfile()
    expect(store.session.profile.error?.code).toBe('UNAUTHENTICATED')
    expect(store.session.loginError?.code).toBe('LOGIN_CODE_INVALID')
  })

  test('never logged in: the server words it 请先登录 (no token sent), and the page offers 去登录, not "expired"', async () => {
    const { platform, requests } = fakePlatform(async (options) => {
      if (options.path === '/api/auth/login') throw new ApiError('UNAUTHENTICATED', { status: 0, message: '请先在登录页选择一个测试身份' })
      throw new ApiError('UNAUTHENTICATED', { status: 401, message: options.token ? '登录已失效，请重新登录' : '请先登录' })
    })
    const store = new RootStore(platform)
    await store.session.loadProfile()
    expect(requests.find((request) => request.path === '/api/me')?.token).toBeUndefined()
    expect(store.session.profile.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' })
  })

  test('an ended session whose renewal is refused stays "登录已失效"; after logout it is 请先登录 again', async () => {
    const server = fakeServer()
    let refuse = false
    const { platform } = fakePlatform(async (options) => {
      if (refuse && options.path === '/api/auth/login') throw new ApiError('UNAUTHENTICATED', { status: 0, message: '请先在登录页选择一个测试身份' })
      try {
        return await server.respond(options)
      } catch (error) {
        throw (error as ApiError).code === 'UNAUTHENTICATED' ? new ApiError('UNAUTHENTICATED', { status: 401, message: options.token ? '登录已失效，请重新登录' : '请先登录' }) : error
      }
    })
    const store = new RootStore(platform)
    await store.session.login()
    server.expire()
    refuse = true
    await store.session.loadProfile()
    expect(store.session.profile.error?.message).toBe('登录已失效，请重新登录')
    await store.session.logout()
    await store.session.loadProfile()
    expect(store.session.profile.error?.message).toBe('请先登录')
  })

  test('a renewal refused with 429 shows the wait, not "登录已失效"', async () => {
    const { platform } = fakePlatform(async (options) => {
      if (options.path === '/api/auth/login') throw new ApiError('RATE_LIMITED', { status: 429, message: '操作太频繁，请 37 秒后再试' })
      throw new ApiError('UNAUTHENTICATED', { status: 401, message: '登录已失效，请重新登录' })
    })
    const store = new RootStore(platform)
    await store.session.loadProfile()
    expect(store.session.profile.error).toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请 37 秒后再试' })
  })

  test('real-name then face verification raise the level; the ID number is never stored', async () => {
    const server = fakeServer()
    const { platform, storage, requests } = fakePlatform(server.respond)
    const faceCalls: unknown[] = []
    platform.startFaceVerification = async (request) => {
      faceCalls.push(request)
      return { verifyResult: 'sandbox-pass' }
    }
    const store = new RootStore(platform)
    await store.session.login()
    await store.session.submitRealName('张伟', '11010519491231002X')
    expect(store.session.level).toBe(3)
    await store.session.verifyFace('张伟', '11010519491231002X')
    expect(store.session.level).toBe(4)
    expect(faceCalls).toEqual([{ name: '张伟', idNumber: '11010519491231002X', certifyId: undefined, url: undefined }])
    expect(requests.find((r) => r.path === '/api/identity/face/confirm')?.body).toEqual({ verificationId: 'v1', verifyResult: 'sandbox-pass' })
    expect(JSON.stringify([...storage.values()])).not.toContain('11010519491231002X')
  })

  test('choosing a sandbox citizen stores its code and logs in; logout forgets both', async () => {
    const server = fakeServer()
    const { platform, storage } = fakePlatform(server.respond)
    const store = new RootStore(platform)
    await store.session.chooseSandboxCitizen('sandbox:li-na')
    expect(storage.get(SANDBOX_CODE_STORAGE_KEY)).toBe('sandbox:li-na')
    expect(store.session.loggedIn).toBe(true)
    await store.session.logout()
    expect(store.session.loggedIn).toBe(false)
    expect(storage.has(SANDBOX_CODE_STORAGE_KEY)).toBe(false)
    expect(store.session.profile.data).toBeUndefined()
  })
})
