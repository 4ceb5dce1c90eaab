import { ApiError } from '@/platform/api-error'
import { HOME_NOTICE_COUNT } from '@/stores/notices-store'
import { PERSONAL_STORAGE_KEYS } from '@/stores/personal-keys'
import { RootStore } from '@/stores/root-store'
import { elderlyTokens, normalTokens } from '@/theme/tokens'
import { fakePlatform } from './fake-platform'

const notice = (id: number) => ({ id, title: `公告${id}`, summary: '摘要', department: '市政务服务管理局', publishedAt: '2026-03-01T00:00:00.000Z' })

describe('NoticesStore', () => {
  test('loads the latest notices through the API client with the home page count', async () => {
    const { platform, requests } = fakePlatform(async () => ({ items: [notice(2), notice(1)] }))
    const store = new RootStore(platform)
    expect(store.notices.latest.status).toBe('idle')
    const loading = store.notices.loadLatest()
    expect(store.notices.latest.status).toBe('loading')
    await loading
    expect(requests[0]).toMatchObject({ method: 'GET', path: '/api/notices', query: { limit: HOME_NOTICE_COUNT } })
    expect(store.notices.latest.status).toBe('ready')
    expect(store.notices.latest.data?.map((n) => n.id)).toEqual([2, 1])
    expect(store.notices.latest.loadedAt).toBeInstanceOf(Date)
    expect(store.notices.latest.empty).toBe(false)
  })

  test('an empty list is reported as empty, not as an error', async () => {
    const { platform } = fakePlatform(async () => ({ items: [] }))
    const store = new RootStore(platform)
    await store.notices.loadLatest()
    expect(store.notices.latest.empty).toBe(true)
  })

  test('a network failure is an offline state; data already loaded stays visible', async () => {
    let fail = false
    const { platform } = fakePlatform(async () => {
      if (fail) throw new ApiError('NETWORK_ERROR')
      return { items: [notice(1)] }
    })
    const store = new RootStore(platform)
    await store.notices.loadLatest()
    fail = true
    await store.notices.loadLatest()
    expect(store.notices.latest.status).toBe('error')
    expect(store.notices.latest.offline).toBe(true)
    expect(store.notices.latest.data?.[0].title).toBe('公告1')
    expect(store.notices.latest.error?.message).toContain('网络')
  })

  test('an unexpected exception becomes an INTERNAL ApiError with a readable message', async () => {
    const { platform } = fakePlatform(async () => {
      throw new TypeError('boom')
    })
    const store = new RootStore(platform)
    await store.notices.loadLatest()
    expect(store.notices.latest.error?.code).toBe('INTERNAL')
    expect(store.notices.latest.error?.message).not.toContain('boom')
  })

  test('a slower older response never overwrites a newer one', async () => {
    const resolvers: ((value: unknown) => void)[] = []
    const { platform } = fakePlatform(() => new Promise((resolve) => resolvers.push(resolve)))
    const store = new RootStore(platform)
    const first = store.notices.loadLatest()
    const second = store.notices.loadLatest()
    resolvers[1]({ items: [notice(2)] })
    resolvers[0]({ items: [notice(1)] })
    await Promise.all([first, second])
    expect(store.notices.latest.data?.map((n) => n.id)).toEqual([2])
  })

  test('notice details are cached per id', async () => {
    const { platform, requests } = fakePlatform(async (options) => ({ ...notice(Number(options.path.split('/').pop())), body: '正文' }))
    const store = new RootStore(platform)
    await store.notices.loadDetail(7)
    expect(requests[0].path).toBe('/api/notices/7')
    expect(store.notices.detail(7).data?.body).toBe('正文')
    expect(store.notices.detail(7)).toBe(store.notices.detail(7))
  })
})

describe('SessionStore', () => {
  test('the token is sent with requests and survives a restart through storage', async () => {
    const first = fakePlatform(async () => ({ items: [] }))
    const store = new RootStore(first.platform)
    expect(store.session.loggedIn).toBe(false)
    store.session.setToken('opaque-token')
    await store.notices.loadLatest()
    expect(first.requests[0].token).toBe('opaque-token')
    const restarted = new RootStore(fakePlatform(async () => ({}), Object.fromEntries(first.storage)).platform)
    expect(restarted.session.token).toBe('opaque-token')
    restarted.session.setToken(undefined)
    expect(restarted.session.loggedIn).toBe(false)
  })
})

describe('UiStore', () => {
  test('elderly mode switches the design tokens and is remembered', () => {
    const { platform, storage } = fakePlatform(async () => ({}))
    const store = new RootStore(platform)
    expect(store.ui.tokens).toBe(normalTokens)
    store.ui.setElderlyMode(true)
    expect(store.ui.tokens).toBe(elderlyTokens)
    expect(store.ui.themeClass).toContain('gm-elderly')
    expect(store.ui.themeStyle).toContain(`--gm-font-body:${elderlyTokens.fontBody}px`)
    expect(new RootStore(fakePlatform(async () => ({}), Object.fromEntries(storage)).platform).ui.elderlyMode).toBe(true)
  })

  test('follows the platform network status', async () => {
    const { platform, emitNetwork, networkListeners } = fakePlatform(async () => ({}))
    const store = new RootStore(platform)
    store.ui.watchNetwork()
    store.ui.watchNetwork()
    expect(networkListeners.size).toBe(1)
    emitNetwork({ isConnected: false, networkType: 'none' })
    expect(store.ui.offline).toBe(true)
    emitNetwork({ isConnected: true, networkType: '4g' })
    expect(store.ui.offline).toBe(false)
    store.ui.dispose()
    expect(networkListeners.size).toBe(0)
  })
})

describe('UiStore elderly-mode offer', () => {
  test('offered once to citizens with a large system font; the answer is remembered', () => {
    const { platform, storage } = fakePlatform(async () => ({}))
    platform.getSystemFontScale = () => 1.3
    const store = new RootStore(platform)
    expect(store.ui.shouldOfferElderlyMode).toBe(true)
    expect(store.ui.tokens.fontBody).toBe(Math.round(normalTokens.fontBody * 1.3))
    store.ui.answerElderlyOffer(true)
    expect(store.ui.elderlyMode).toBe(true)
    expect(store.ui.shouldOfferElderlyMode).toBe(false)
    const restarted = fakePlatform(async () => ({}), Object.fromEntries(storage)).platform
    restarted.getSystemFontScale = () => 1.3
    expect(new RootStore(restarted).ui.shouldOfferElderlyMode).toBe(false)
  })

  test('not offered at the default font size', () => {
    expect(new RootStore(fakePlatform(async () => ({})).platform).ui.shouldOfferElderlyMode).toBe(false)
  })
})

describe('RootStore feature stores', () => {
  test('a feature store is built on first use, once per launch', () => {
    const root = new RootStore(fakePlatform(async () => ({})).platform)
    const built: number[] = []
    const create = () => {
      built.push(built.length)
      return { forget: () => undefined }
    }
    const first = root.feature('example', create)
    expect(root.feature('example', create)).toBe(first)
    expect(built).toHaveLength(1)
  })

  test('logout makes every feature store built so far forget, and only those are built', async () => {
    const { platform } = fakePlatform(async () => ({}))
    const root = new RootStore(platform)
    const forgotten: string[] = []
    root.feature('a', () => ({ forget: () => forgotten.push('a') }))
    root.feature('b', () => ({ forget: () => forgotten.push('b') }))
    root.feature('plain', () => ({ nothing: true }))
    await root.logout()
    expect(forgotten.sort()).toEqual(['a', 'b'])
  })

  test('logout removes what features keep on the device even if not opened since launch', async () => {
    const kept = { [PERSONAL_STORAGE_KEYS.lastHealthCode]: { code: { token: 't' }, loadedAt: '2026-11-22T00:00:00.000Z' }, [PERSONAL_STORAGE_KEYS.catalogueHistory]: ['身份证'] }
    const { platform, storage } = fakePlatform(async () => ({}), { ...kept, 'session.token': 'token' })
    await new RootStore(platform).logout()
    expect(storage.has(PERSONAL_STORAGE_KEYS.lastHealthCode)).toBe(false)
    expect(storage.has(PERSONAL_STORAGE_KEYS.catalogueHistory)).toBe(false)
    expect(storage.has('session.token')).toBe(false)
  })
})
