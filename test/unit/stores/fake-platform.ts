import type { NetworkStatus, Platform, RequestOptions } from '@/platform/types'

/** An in-memory Platform for store tests: requests go to `respond`, storage is a Map. */
export function fakePlatform(respond: (options: RequestOptions) => Promise<unknown>, initialStorage: Record<string, unknown> = {}) {
  const storage = new Map<string, unknown>(Object.entries(initialStorage))
  const networkListeners = new Set<(status: NetworkStatus) => void>()
  const requests: RequestOptions[] = []
  const platform: Platform = {
    name: 'h5',
    apiBase: '',
    hostName: '测试',
    loginMethod: 'sandbox',
    features: { scanCode: true, navigationBar: 'host' },
    login: async () => ({ platform: 'h5dev', code: 'test' }),
    startFaceVerification: async () => ({ verifyResult: 'sandbox-pass' }),
    request: <T>(options: RequestOptions) => {
      requests.push(options)
      return respond(options) as Promise<T>
    },
    storage: {
      get: <T>(key: string) => storage.get(key) as T | undefined,
      set: (key, value) => void storage.set(key, value),
      remove: (key) => void storage.delete(key),
    },
    scanCode: async () => '',
    getScreenBrightness: async () => 0.5,
    setScreenBrightness: async () => undefined,
    setKeepScreenOn: async () => undefined,
    requestSubscribeMessage: async () => ({}),
    makePhoneCall: async () => undefined,
    requestPayment: async () => ({}),
    openDocument: async () => undefined,
    // No picker in store tests: a test that uploads gives its own.
    chooseFile: async () => Promise.reject(new Error('no file picker in this test')),
    uploadFile: async () => Promise.reject(new Error('no upload in this test')),
    setTabBarVisible: async () => undefined,
    getSystemFontScale: () => 1,
    getNetworkStatus: async () => ({ isConnected: true, networkType: 'wifi' }),
    onNetworkStatusChange: (listener) => {
      networkListeners.add(listener)
      return () => networkListeners.delete(listener)
    },
    // No speech: stores and pages under test offer no 朗读 / 语音搜索 unless a test gives one.
    speech: {
      canSpeak: () => false,
      speak: async () => undefined,
      stopSpeaking: () => undefined,
      canListen: () => false,
      listen: () => ({ finish: () => undefined, cancel: () => undefined }),
    },
  }
  const emitNetwork = (status: NetworkStatus) => networkListeners.forEach((listener) => listener(status))
  return { platform, storage, requests, emitNetwork, networkListeners }
}
