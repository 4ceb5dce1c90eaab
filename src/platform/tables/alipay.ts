/**
 * Alipay (`my`) table. Where Alipay differs from WeChat the rename is the one Taro itself
 * applies (NervJS/taro packages/taro-platform-alipay/src/apis.ts, shipped here as
 * node_modules/@tarojs/plugin-platform-alipay/dist/runtime-utils.js): login → getAuthCode
 * {scopes: 'auth_base'} → authCode, scanCode → scan → code, makePhoneCall {number},
 * setScreenBrightness {brightness}, getScreenBrightness → brightness, request `headers`
 * and `status`, storage sync APIs taking `{key, data}` and answering `{data}`.
 * Argument and result shapes: ant-mini-program/api-typings packages/my/types/lib.my.d.ts;
 * error codes: AlipayDocs/open-docs mini/api/** (my.request.md, my.scan.md,
 * my.getAuthCode.md, my.requestSubscribeMessage.md, my.onNetworkStatusChange.md).
 */
import type { ErrorCode } from '@/contract/errors'
import { ApiError } from '@/platform/api-error'
import type { NetworkStatus, NetworkType, SubscribeDecision } from '@/platform/types'
import { decideAll, type NativeFailure, type NativeResult, type PlatformTable } from './types'

/** Alipay reports failures as `{ error: number, errorMessage }` (subscribe uses `errorCode`). */
const errorNumber = (err: NativeFailure): number => Number(err?.error ?? err?.errorCode)

/** Per-API error codes that mean something to the citizen; anything else is INTERNAL. */
const byErrorCode =
  (codes: Record<number, ErrorCode>) =>
  (err: NativeFailure): ErrorCode | undefined =>
    codes[errorNumber(err)]

/** Camera / privacy permission refusals shared by device APIs (my.scan.md). */
const PERMISSION_CODES: Record<number, ErrorCode> = {
  2001: 'PERMISSION_DENIED',
  2002: 'PERMISSION_DENIED',
  2003: 'PERMISSION_DENIED',
}

/**
 * my.request error codes (my.request.md): 13 timeout; 19 "HTTP 错误" — Alipay fails the call
 * for HTTP error statuses (404, 500…) and, per its FAQ, the fail object then carries
 * `status` (and `data`, `headers`); 19 without a status is a TLS/transport failure.
 * 12 network error, 11/4 domain not allow-listed, 20 stopped/throttled, 9 aborted: all
 * mean no usable answer arrived.
 */
function classifyRequestFailure(err: NativeFailure) {
  const status = Number(err?.status ?? err?.statusCode)
  if (errorNumber(err) === 19 && status >= 100) return { answer: { status, data: err.data } }
  if (errorNumber(err) === 13) return 'TIMEOUT' as const
  return 'NETWORK_ERROR' as const
}

/** HTTP header names are case-insensitive; Alipay's default header is lower-case 'content-type', so lower-case ours (as Taro's alipay `request` does) to avoid sending both spellings. */
function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const lower: Record<string, string> = {}
  for (const name of Object.keys(headers)) lower[name.toLowerCase()] = headers[name]
  return lower
}

/** getNetworkType / onNetworkStatusChange values; the docs spell Wi-Fi both 'WIFI' and 'Wi-Fi'. WWAN = cellular of unknown generation. */
const NETWORK_TYPES: Record<string, NetworkType> = {
  WIFI: 'wifi',
  '2G': '2g',
  '3G': '3g',
  '4G': '4g',
  '5G': '5g',
  WWAN: 'unknown',
  UNKNOWN: 'unknown',
  NOTREACHABLE: 'none',
}
function toNetworkType(value: unknown): NetworkType {
  return NETWORK_TYPES[String(value ?? '').toUpperCase().replace('-', '')] ?? 'unknown'
}
/** getNetworkType answers `networkAvailable`; the change event answers `isConnected`. */
function toNetworkStatus(res: NativeResult): NetworkStatus {
  const networkType = toNetworkType(res?.networkType)
  const connected = res?.isConnected ?? res?.networkAvailable
  return { isConnected: typeof connected === 'boolean' ? connected : networkType !== 'none', networkType }
}

/**
 * my.requestSubscribeMessage success: `result.subscribedEntityIds` / `unsubscribedEntityIds`
 * are authoritative; the per-id dynamic key ('accept' | 'reject') is the documented fallback.
 */
function toSubscribeDecision(res: NativeResult, id: string): SubscribeDecision {
  if (res?.result?.subscribedEntityIds?.includes(id)) return 'accept'
  if (res?.result?.unsubscribedEntityIds?.includes(id)) return 'reject'
  if (res?.[id] === 'accept' || res?.[id] === 'reject') return res[id]
  return 'unknown'
}

/**
 * getSystemInfoSync().fontSizeSetting: "用户设置字体大小。单位：px" (my.getSystemInfo.md), while
 * the typings' example value is 1. Accept both: small values are taken as a scale, larger
 * ones as px over an assumed 16 px standard size (not documented by Alipay).
 */
function toFontScale(info: NativeResult): number {
  const setting = Number(info?.fontSizeSetting)
  if (!(setting > 0)) return 1
  return setting <= 4 ? setting : setting / 16
}

export const alipayTable: PlatformTable = {
  hostName: '支付宝',
  // my.scan; the host draws the title bar and back button of every page.
  features: { scanCode: true, navigationBar: 'host' },
  failure: (err) => PERMISSION_CODES[errorNumber(err)] ?? 'INTERNAL',
  // my.startAPVerify({url, certifyId}) → {resultStatus}: '9000' done, '6001' cancelled,
  // '4000' failed (AlipayDocs my.startAPVerify). '9000' only means the flow finished: the
  // server still queries alipay.user.certify.open.query before granting L4.
  faceVerification: {
    api: 'startAPVerify',
    args: (request) => ({ url: request.url, certifyId: request.certifyId }),
    result: (res) => {
      const status = String(res?.resultStatus ?? '')
      if (status === '9000') return {}
      throw new ApiError(status === '6001' ? 'CANCELLED' : 'FACE_VERIFICATION_FAILED', { status: 0 })
    },
  },
  login: {
    api: 'getAuthCode',
    // auth_base: silent authorisation, no popup; the server exchanges the code for user_id.
    args: () => ({ scopes: 'auth_base' }),
    result: (res) => ({ platform: 'alipay', code: String(res.authCode) }),
    // 11 user cancelled, 3 no result (Android back key: "请与 11 等同对待"), 12 network.
    failure: byErrorCode({ 11: 'CANCELLED', 3: 'CANCELLED', 12: 'NETWORK_ERROR' }),
  },
  request: {
    api: 'request',
    args: (raw) => ({
      url: raw.url,
      // my.request documents GET/POST/PUT/DELETE only (PUT/DELETE since client 10.1.95): no PATCH.
      method: raw.method,
      headers: lowerCaseKeys(raw.headers),
      data: raw.body,
      timeout: raw.timeoutMs,
      // 'text' so a non-JSON body is not turned into error 14; request-core parses.
      dataType: 'text',
    }),
    result: (res) => ({ status: Number(res.status ?? res.statusCode), data: res.data }),
    failure: classifyRequestFailure,
  },
  storageGet: {
    api: 'getStorageSync',
    args: (key) => [{ key }],
    // Taro notes a legacy bug where the value sits under `APDataStorage`; a missing key is null.
    result: (res) => {
      const value = res?.data !== undefined ? res.data : res?.APDataStorage
      return value === null ? undefined : value
    },
  },
  storageSet: {
    api: 'setStorageSync',
    args: ({ key, value }) => [{ key, data: value }],
    // my.setStorageSync reports failure in its return value (12 store full, 14 value > 200 KB).
    result: (res) => {
      if (res?.success === false) throw new Error(`my.setStorageSync failed: ${res.error} ${res.errorMessage ?? ''}`)
    },
  },
  storageRemove: {
    api: 'removeStorageSync',
    args: (key) => [{ key }],
    result: () => undefined,
  },
  scanCode: {
    api: 'scan',
    // Camera only (Taro maps WeChat's onlyFromCamera to hideAlbum); QR codes only.
    args: () => ({ hideAlbum: true, scanType: ['qrCode'] }),
    result: (res) => String(res.code),
    failure: byErrorCode({ 10: 'CANCELLED', ...PERMISSION_CODES }),
  },
  getScreenBrightness: {
    api: 'getScreenBrightness',
    args: () => ({}),
    result: (res) => Number(res.brightness),
  },
  setScreenBrightness: {
    api: 'setScreenBrightness',
    args: (value) => ({ brightness: value }),
    result: () => undefined,
  },
  setKeepScreenOn: {
    api: 'setKeepScreenOn',
    args: (keepOn) => ({ keepScreenOn: keepOn }),
    result: () => undefined,
  },
  requestSubscribeMessage: {
    api: 'requestSubscribeMessage',
    args: (templateIds) => ({ entityIds: templateIds }),
    result: (res, ids) => decideAll(ids, (id) => toSubscribeDecision(res, id)),
    // errorCode 11 / behavior 'cancel': the user closed the panel, so nothing was subscribed.
    failure: (err, ids) =>
      errorNumber(err) === 11 || err?.behavior === 'cancel' ? { answer: decideAll(ids, () => 'reject') } : undefined,
  },
  // my.tradePay {tradeNO} (the trade_no of alipay.trade.create). It "succeeds" with a resultCode:
  // 9000 paid, 8000 being processed, 6004 result unknown (the server's query decides all three),
  // 6001 cancelled by the citizen, 6002 network error, 4000 / 99 not paid.
  requestPayment: {
    api: 'tradePay',
    args: (pay) => {
      if (pay.platform !== 'alipay') throw new ApiError('UNSUPPORTED_ON_PLATFORM', { status: 0, message: '该缴费单不是在支付宝中生成的，请回到生成它的平台支付' })
      return { tradeNO: pay.tradeNO }
    },
    result: (res) => {
      const code = String(res?.resultCode ?? '')
      if (code === '9000' || code === '8000' || code === '6004') return {}
      if (code === '6001') throw new ApiError('CANCELLED', { status: 0, message: '已取消支付' })
      if (code === '6002') throw new ApiError('NETWORK_ERROR', { status: 0, message: '网络连接出错，请检查网络后重新支付' })
      throw new ApiError('INTERNAL', { status: 0, message: '支付未完成，请稍后重试' })
    },
    // An ApiError is our own refusal from args (another platform's order), passed on as it is.
    failure: (err) => (err instanceof ApiError ? err.code : undefined),
  },
  makePhoneCall: {
    api: 'makePhoneCall',
    args: (phoneNumber) => ({ number: phoneNumber }),
    result: () => undefined,
  },
  // my.downloadFile answers {apFilePath} (older clients) or {tempFilePath} (newer); an HTTP error has no path.
  downloadFile: {
    api: 'downloadFile',
    args: (url) => ({ url }),
    result: (res) => {
      const path = res?.tempFilePath ?? res?.apFilePath
      if (typeof path !== 'string' || (res?.statusCode !== undefined && res.statusCode !== 200)) throw new ApiError('NETWORK_ERROR', { status: 0, message: '文件下载失败，请稍后重试' })
      return path
    },
  },
  // my.openDocument {filePath, fileType}: Alipay's viewer opens PDFs only, which is all we open.
  openDocument: {
    api: 'openDocument',
    args: (filePath) => ({ filePath, fileType: 'pdf' }),
    result: () => undefined,
  },
  // my.chooseImage {count, sourceType} → {apFilePaths} (older clients) or {tempFilePaths}; 11 = the user cancelled.
  choosePhoto: {
    api: 'chooseImage',
    args: () => ({ count: 1, sourceType: ['camera', 'album'] }),
    result: (res) => {
      const path = res?.tempFilePaths?.[0] ?? res?.apFilePaths?.[0]
      if (typeof path !== 'string' || path === '') throw new ApiError('CANCELLED', { status: 0 })
      return { path, kind: 'image' }
    },
    failure: byErrorCode({ 11: 'CANCELLED', ...PERMISSION_CODES }),
  },
  // Alipay mini programs have no picker for documents from the phone: materials are photographed there.
  chooseDocument: null,
  // my.uploadFile {url, filePath, fileName, fileType (image / video / audio), header, formData} → {statusCode, data (text)}.
  uploadFile: {
    api: 'uploadFile',
    args: (upload) => ({ url: upload.url, filePath: upload.filePath, fileName: 'file', fileType: 'image', header: upload.headers, formData: upload.fields }),
    result: (res) => ({ status: Number(res?.statusCode ?? 200), data: res?.data }),
  },
  // wx/my.showTabBar / hideTabBar({animation}): only on a tab page.
  showTabBar: {
    api: 'showTabBar',
    args: () => ({ animation: false }),
    result: () => undefined,
  },
  hideTabBar: {
    api: 'hideTabBar',
    args: () => ({ animation: false }),
    result: () => undefined,
  },
  systemFontScale: {
    api: 'getSystemInfoSync',
    args: () => [],
    result: toFontScale,
  },
  getNetworkStatus: {
    api: 'getNetworkType',
    args: () => ({}),
    result: toNetworkStatus,
  },
  networkStatusChange: {
    on: 'onNetworkStatusChange',
    off: 'offNetworkStatusChange',
    event: toNetworkStatus,
  },
  // Alipay's mini-program API has no speech synthesis or recognition (its 多媒体 APIs are
  // images, recording, camera, video, audio playback and lottie: AlipayDocs/open-docs
  // mini/api/基础API/多媒体). So no 朗读 or 语音搜索 control is shown in Alipay.
  speech: null,
}
