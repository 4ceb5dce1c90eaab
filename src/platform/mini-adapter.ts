/**
 * The interpreter for platform tables: the only code that calls the `wx` / `my` global.
 * It promisifies success/fail callback APIs, applies a table's argument and result
 * mappings, turns failures into ApiError, and plugs the table's request into request-core.
 * Everything platform-specific lives in the table passed in.
 */
import { ApiError } from './api-error'
import { createMiniSpeech } from './mini-speech'
import { createRequester, type RawRequest, type RawResponse, type Transport } from './request-core'
import type { AsyncApi, NativeFailure, PlatformTable, SyncApi } from './tables/types'
import type { NetworkStatus, Platform, PlatformName, UploadOptions } from './types'
import { buildRawUpload, interpretUpload } from './upload-request'

/** The `wx` or `my` global: an object of functions, looked up by name. */
export type MiniProgramGlobal = Record<string, unknown>
type NativeFunction = (...args: unknown[]) => unknown

const OUTDATED_MESSAGE = '当前版本暂不支持该功能，请将微信或支付宝升级到最新版本后重试'

function lookUp(global: MiniProgramGlobal, names: string | readonly string[]): NativeFunction | undefined {
  for (const name of typeof names === 'string' ? [names] : names) {
    const candidate = global[name]
    // Bind: some base libraries read `this` inside their APIs.
    if (typeof candidate === 'function') return (candidate as NativeFunction).bind(global)
  }
  return undefined
}

/** Platform failures have no HTTP status: report 0 whatever the code's table status is. */
function platformError(code: ApiError['code'], message?: string): ApiError {
  return new ApiError(code, { status: 0, message })
}

function callAsync<Input, Output>(
  global: MiniProgramGlobal,
  table: PlatformTable,
  entry: AsyncApi<Input, Output>,
  input: Input,
): Promise<Output> {
  return new Promise<Output>((resolve, reject) => {
    const native = lookUp(global, entry.api)
    if (!native) {
      reject(platformError('UNSUPPORTED_ON_PLATFORM', OUTDATED_MESSAGE))
      return
    }
    const settle = (produce: () => Output) => {
      try {
        resolve(produce())
      } catch (error) {
        reject(error instanceof ApiError ? error : platformError('INTERNAL'))
      }
    }
    const fail = (err: NativeFailure) => {
      const outcome = entry.failure?.(err, input) ?? table.failure(err)
      if (typeof outcome === 'object') settle(() => outcome.answer)
      else reject(platformError(outcome))
    }
    try {
      native({ ...entry.args(input), success: (res: unknown) => settle(() => entry.result(res, input)), fail })
    } catch (error) {
      // Some APIs throw synchronously on bad arguments instead of calling fail.
      fail(error)
    }
  })
}

function callSync<Input, Output>(global: MiniProgramGlobal, entry: SyncApi<Input, Output>, input: Input): Output {
  const native = lookUp(global, entry.api)
  if (!native) throw platformError('UNSUPPORTED_ON_PLATFORM', OUTDATED_MESSAGE)
  return entry.result(native(...entry.args(input)))
}

/** Brightness is 0..1 on both platforms; anything unreadable counts as full brightness. */
const clampUnit = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 1)

export function createMiniProgramPlatform(
  name: Exclude<PlatformName, 'h5'>,
  table: PlatformTable,
  global: MiniProgramGlobal,
  apiBase: string,
  /** `requirePlugin` where the host has plugins (WeChat's speech plugin); undefined = not available. */
  loadPlugin: (name: string) => MiniProgramGlobal | undefined = () => undefined,
): Platform {
  const send: Transport = (raw) => callAsync<RawRequest, RawResponse>(global, table, table.request, raw)
  const request = createRequester(send, apiBase)

  return {
    name,
    apiBase,
    hostName: table.hostName,
    features: table.features,
    loginMethod: 'platform',
    login: () => callAsync(global, table, table.login, undefined),
    startFaceVerification: (request) => callAsync(global, table, table.faceVerification, request),
    request,
    storage: {
      get<T>(key: string): T | undefined {
        // Unreadable storage must not break app start: treat it as empty.
        try {
          return callSync(global, table.storageGet, key) as T | undefined
        } catch {
          return undefined
        }
      },
      set<T>(key: string, value: T): void {
        callSync(global, table.storageSet, { key, value })
      },
      remove(key: string): void {
        callSync(global, table.storageRemove, key)
      },
    },
    scanCode: () => callAsync(global, table, table.scanCode, undefined),
    getScreenBrightness: () => callAsync(global, table, table.getScreenBrightness, undefined).then(clampUnit),
    setScreenBrightness: (value) => callAsync(global, table, table.setScreenBrightness, clampUnit(value)),
    setKeepScreenOn: (keepOn) => callAsync(global, table, table.setKeepScreenOn, keepOn),
    requestSubscribeMessage: (templateIds) => callAsync(global, table, table.requestSubscribeMessage, templateIds),
    makePhoneCall: (phoneNumber) => callAsync(global, table, table.makePhoneCall, phoneNumber),
    requestPayment: (pay) => callAsync(global, table, table.requestPayment, pay),
    openDocument: async (url) => callAsync(global, table, table.openDocument, await callAsync(global, table, table.downloadFile, url)),
    chooseFile: (source) => {
      if (source === 'photo') return callAsync(global, table, table.choosePhoto, undefined)
      if (!table.chooseDocument) return Promise.reject(platformError('UNSUPPORTED_ON_PLATFORM', `${table.hostName.includes('支付宝') ? '支付宝' : '当前'}小程序不能选择 PDF 文件，请拍照上传`))
      return callAsync(global, table, table.chooseDocument, undefined)
    },
    uploadFile: async <T>(upload: UploadOptions) => interpretUpload<T>(await callAsync(global, table, table.uploadFile, buildRawUpload(apiBase, upload))),
    setTabBarVisible: (visible) => callAsync(global, table, visible ? table.showTabBar : table.hideTabBar, undefined),
    getSystemFontScale(): number {
      // Layout must never fail over a font hint: default to 1.
      try {
        const scale = callSync(global, table.systemFontScale, undefined)
        return Number.isFinite(scale) && scale > 0 ? scale : 1
      } catch {
        return 1
      }
    },
    getNetworkStatus: () => callAsync(global, table, table.getNetworkStatus, undefined),
    onNetworkStatusChange(listener: (status: NetworkStatus) => void): () => void {
      const events = table.networkStatusChange
      const on = lookUp(global, events.on)
      if (!on) return () => undefined
      let active = true
      const handler = (res: unknown) => {
        if (active) listener(events.event(res))
      }
      on(handler)
      return () => {
        active = false
        // off* may be missing on old base libraries; `active` already silences the handler.
        lookUp(global, events.off)?.(handler)
      }
    },
    speech: createMiniSpeech(table.speech, global, loadPlugin, (target, entry, input) => callAsync(target, table, entry, input)),
  }
}
