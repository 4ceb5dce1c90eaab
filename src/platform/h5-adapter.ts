/**
 * H5 preview over plain browser APIs. The H5 build is a development and demo target: the
 * real citizens use the mini-programs, so capabilities a browser lacks resolve to a
 * harmless default or reject with UNSUPPORTED_ON_PLATFORM instead of faking a result.
 * Browser globals are read lazily (at call time) so this module can be imported anywhere.
 */
import { ApiError } from './api-error'
import { createH5Speech } from './h5-speech'
import { createRequester, type RawRequest, type RawResponse, type Transport } from './request-core'
import { SANDBOX_CODE_STORAGE_KEY, SANDBOX_FACE_RESULT } from './sandbox'
import { DEV_PAY_RESULT } from '@/contract/payments/data'
import type { FileSource, NetworkStatus, PickedFile, Platform, SubscribeDecision, UploadOptions } from './types'
import { buildRawUpload, interpretUpload } from './upload-request'

export interface H5Environment {
  window: Window
  fetch: typeof fetch
  /** Opens a URL such as `tel:…` (replaceable in tests: jsdom cannot navigate). */
  openUrl(url: string): void
}

/** The class on <html> that hides Taro's H5 tab bar (elderly mode draws its own). */
export const HOST_TABBAR_HIDDEN = 'gm-host-tabbar-hidden'

const browserEnvironment = (): H5Environment => ({
  window,
  fetch: (input, init) => window.fetch(input, init),
  openUrl: (url) => window.location.assign(url),
})

/** fetch with an AbortController deadline; every HTTP status resolves, only no-answer rejects. */
export function createFetchTransport(environment: () => H5Environment): Transport {
  return async (raw: RawRequest): Promise<RawResponse> => {
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, raw.timeoutMs)
    try {
      const response = await environment().fetch(raw.url, {
        method: raw.method,
        headers: raw.headers,
        body: raw.body,
        signal: controller.signal,
      })
      return { status: response.status, data: await response.text() }
    } catch {
      throw new ApiError(timedOut ? 'TIMEOUT' : 'NETWORK_ERROR')
    } finally {
      clearTimeout(timer)
    }
  }
}

/**
 * The user's default font size, not the root's: Taro's H5 build injects a script that sets
 * `<html style="font-size">` from the viewport width for rem units (@tarojs/webpack5-runner
 * dist/webpack/H5WebpackPlugin.js), so the root font size says nothing about the user.
 * The `medium` keyword resolves to the browser's default size, which the user's font
 * setting changes; 16 px is the browsers' standard default.
 */
function measureFontScale(win: Window): number {
  const probe = win.document.createElement('span')
  probe.style.fontSize = 'medium'
  probe.style.position = 'absolute'
  probe.style.visibility = 'hidden'
  win.document.documentElement.appendChild(probe)
  try {
    const px = parseFloat(win.getComputedStyle(probe).fontSize)
    return Number.isFinite(px) && px > 0 ? px / 16 : 1
  } finally {
    probe.remove()
  }
}

const networkStatusOf = (win: Window): NetworkStatus =>
  win.navigator.onLine ? { isConnected: true, networkType: 'unknown' } : { isConnected: false, networkType: 'none' }

export function createH5Platform(apiBase: string, environment: () => H5Environment = browserEnvironment): Platform {
  const request = createRequester(createFetchTransport(environment), apiBase)
  const storage = {
    get<T>(key: string): T | undefined {
      try {
        const text = environment().window.localStorage.getItem(key)
        return text === null ? undefined : (JSON.parse(text) as T)
      } catch {
        // Unreadable (foreign, non-JSON) or blocked storage reads as empty.
        return undefined
      }
    },
    set<T>(key: string, value: T): void {
      environment().window.localStorage.setItem(key, JSON.stringify(value))
    },
    remove(key: string): void {
      environment().window.localStorage.removeItem(key)
    },
  }

  return {
    name: 'h5',
    apiBase,
    hostName: '浏览器预览',
    loginMethod: 'sandbox',
    // No scanner in the preview (scanCode rejects), and Taro's H5 build hides its title bar:
    // pages draw their own title and back control (src/components/page-bar.tsx).
    features: { scanCode: false, navigationBar: 'page' },
    /**
     * The preview has no face hardware: the server's dev verifier (AUTH_SANDBOX=1, refused in
     * production) accepts this answer. It is still confirmed server-side like the real ones.
     */
    async startFaceVerification() {
      return { verifyResult: SANDBOX_FACE_RESULT }
    },
    /** Dev sandbox identity: the sandbox login page stores the chosen code; we only read it. */
    async login() {
      const code = storage.get<unknown>(SANDBOX_CODE_STORAGE_KEY)
      if (typeof code !== 'string' || code === '') {
        throw new ApiError('UNAUTHENTICATED', { status: 0, message: '请先在登录页选择一个测试身份' })
      }
      return { platform: 'h5dev', code }
    },
    request,
    storage,
    async scanCode() {
      throw new ApiError('UNSUPPORTED_ON_PLATFORM')
    },
    /** No screen API in browsers: report full brightness, so a page that raises brightness for a QR code has nothing to do. */
    async getScreenBrightness() {
      return 1
    },
    async setScreenBrightness() {
      // No-op: browsers cannot change screen brightness.
    },
    async setKeepScreenOn() {
      // No-op: the Wake Lock API is not worth its permission prompts in a preview build.
    },
    /**
     * The preview has no subscription messages. 'unsupported' (never asked), not 'reject': a
     * 'reject' would be recorded and shown as the citizen declining. No error: the page
     * simply carries on without offering notifications.
     */
    async requestSubscribeMessage(templateIds) {
      const decisions: Record<string, SubscribeDecision> = {}
      for (const id of templateIds) decisions[id] = 'unsupported'
      return decisions
    },
    /**
     * The preview has no cashier: the development provider (PAYMENT_DEV=1, refused in
     * production) takes this answer, still confirmed server-side like the real ones. Another
     * platform's order cannot be paid here.
     */
    async requestPayment(pay) {
      if (pay.platform !== 'h5dev') throw new ApiError('UNSUPPORTED_ON_PLATFORM', { status: 0, message: '该缴费单需在微信或支付宝小程序中支付' })
      return { devResult: DEV_PAY_RESULT }
    },
    async makePhoneCall(phoneNumber) {
      environment().openUrl(`tel:${phoneNumber.replace(/[^\d+*#,;-]/g, '')}`)
    },
    /** A link: the PDF is served as an attachment, so the browser downloads it and the page stays. */
    async openDocument(url) {
      environment().openUrl(url)
    },
    /** A file input, opened for this pick only: camera/album photos or PDFs, as the browser offers them. */
    chooseFile(source) {
      return pickWithFileInput(environment().window, source)
    },
    /** fetch with FormData: the browser writes the multipart body and its boundary. */
    async uploadFile<T>(upload: UploadOptions) {
      const raw = buildRawUpload(apiBase, upload)
      const form = new FormData()
      for (const [name, value] of Object.entries(raw.fields)) form.append(name, value)
      if (!upload.file.blob) throw new ApiError('UNSUPPORTED_ON_PLATFORM', { status: 0 })
      form.append('file', upload.file.blob, upload.file.name ?? (upload.file.kind === 'pdf' ? 'document.pdf' : 'photo.jpg'))
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), raw.timeoutMs)
      try {
        const response = await environment().fetch(raw.url, { method: 'POST', headers: raw.headers, body: form, signal: controller.signal })
        return interpretUpload<T>({ status: response.status, data: await response.text() })
      } catch (error) {
        if (error instanceof ApiError) throw error
        throw new ApiError(controller.signal.aborted ? 'TIMEOUT' : 'NETWORK_ERROR')
      } finally {
        clearTimeout(timer)
      }
    },
    /** Taro's H5 tab bar is plain DOM: a class on <html> hides it (app.css `.gm-host-tabbar-hidden`). */
    async setTabBarVisible(visible) {
      environment().window.document.documentElement.classList.toggle(HOST_TABBAR_HIDDEN, !visible)
    },
    getSystemFontScale() {
      try {
        return measureFontScale(environment().window)
      } catch {
        return 1
      }
    },
    async getNetworkStatus() {
      return networkStatusOf(environment().window)
    },
    onNetworkStatusChange(listener) {
      const win = environment().window
      const handler = () => listener(networkStatusOf(win))
      win.addEventListener('online', handler)
      win.addEventListener('offline', handler)
      return () => {
        win.removeEventListener('online', handler)
        win.removeEventListener('offline', handler)
      }
    },
    speech: createH5Speech(() => environment().window),
  }
}

/**
 * One pick through a hidden <input type="file">: resolves with the chosen file, rejects
 * CANCELLED when the dialog is closed without one (the input's `cancel` event).
 */
export function pickWithFileInput(window: Window, source: FileSource): Promise<PickedFile> {
  return new Promise<PickedFile>((resolve, reject) => {
    const input = window.document.createElement('input')
    input.type = 'file'
    input.accept = source === 'photo' ? 'image/jpeg,image/png,image/webp,image/heic' : 'application/pdf'
    input.style.display = 'none'
    const done = () => input.remove()
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done()
      if (!file) return reject(new ApiError('CANCELLED', { status: 0 }))
      const kind = file.type === 'application/pdf' || /\.pdf$/i.test(file.name) ? 'pdf' : 'image'
      resolve({ path: (window as Window & { URL: typeof URL }).URL.createObjectURL(file), kind, size: file.size, name: file.name, blob: file })
    })
    input.addEventListener('cancel', () => {
      done()
      reject(new ApiError('CANCELLED', { status: 0 }))
    })
    window.document.body.appendChild(input)
    input.click()
  })
}
