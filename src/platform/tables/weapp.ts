/**
 * WeChat (`wx`) table. Shapes from the official typings, wechat-miniprogram/api-typings
 * types/wx/lib.wx.api.d.ts (RequestOption, RequestSuccessCallbackResult,
 * RequestFailCallbackErr, ScanCodeSuccessCallbackResult, AppBaseInfo, SystemInfo,
 * GetNetworkTypeSuccessCallbackResult, OnNetworkStatusChangeListenerResult,
 * RequestSubscribeMessageSuccessCallbackResult and its errCode table); our own names
 * already follow WeChat's, which is why this table mostly passes values through.
 */
import type { ErrorCode } from '@/contract/errors'
import { ApiError } from '@/platform/api-error'
import type { NetworkStatus, NetworkType, PickedFile, SubscribeDecision } from '@/platform/types'
import { decideAll, type NativeFailure, type NativeResult, type PlatformTable } from './types'

const errMsg = (err: NativeFailure): string => String(err?.errMsg ?? '')

/**
 * wx.request has no error code for timeouts; its errMsg is 'request:fail timeout' in the
 * devtools but localised on phones ('请求超时', '请求逾时'; developers.weixin.qq.com
 * community thread 0008269485cdd8df332886e1d5b800), so match all of them.
 */
const TIMEOUT_MESSAGE = /time ?out|timed out|超时|逾时/i

/** e.g. 'scanCode:fail cancel', 'makePhoneCall:fail cancel'. */
const CANCEL_MESSAGE = /:fail[ :]?cancel/i

/** A picker's answer as our PickedFile; no path means nothing was picked. */
function pickedOrCancelled(path: unknown, size: unknown, name: unknown, kind: PickedFile['kind']): PickedFile {
  if (typeof path !== 'string' || path === '') throw new ApiError('CANCELLED', { status: 0 })
  return { path, kind, ...(typeof size === 'number' ? { size } : {}), ...(typeof name === 'string' ? { name } : {}) }
}
/** e.g. 'scanCode:fail auth deny', privacy-agreement refusals ('…privacy permission is not authorized'). */
const DENIED_MESSAGE = /auth den|permission|privacy/i

function classifyFailure(err: NativeFailure): ErrorCode {
  const message = errMsg(err)
  if (CANCEL_MESSAGE.test(message)) return 'CANCELLED'
  if (DENIED_MESSAGE.test(message)) return 'PERMISSION_DENIED'
  return 'INTERNAL'
}

/** RequestSubscribeMessageSuccessCallbackResult: per template id, one of these strings. */
const SUBSCRIBE_DECISIONS: Record<string, SubscribeDecision> = {
  accept: 'accept',
  acceptWithAlert: 'accept',
  acceptWithAudio: 'accept',
  acceptWithForcePush: 'accept',
  reject: 'reject',
  ban: 'ban',
  // 'filter': dropped for a duplicate title, the user was never asked.
  filter: 'filter',
}

/** requestSubscribeMessage errCodes that are answers rather than faults. */
const SUBSCRIBE_FAIL_ANSWERS: Record<number, SubscribeDecision> = {
  20004: 'reject', // the user switched off subscription messages altogether
  20005: 'ban', // this mini-program is banned from subscribing
}
/** 10002 / 10003: "网络问题，请求消息列表失败 / 订阅请求发送失败". */
const SUBSCRIBE_NETWORK_CODES = [10002, 10003]

const WEAPP_NETWORK_TYPES: readonly NetworkType[] = ['wifi', '2g', '3g', '4g', '5g', 'unknown', 'none']
function toNetworkType(value: unknown): NetworkType {
  return WEAPP_NETWORK_TYPES.find((type) => type === value) ?? 'unknown'
}
function toNetworkStatus(res: NativeResult): NetworkStatus {
  const networkType = toNetworkType(res?.networkType)
  // getNetworkType has no isConnected; onNetworkStatusChange has one.
  return { isConnected: typeof res?.isConnected === 'boolean' ? res.isConnected : networkType !== 'none', networkType }
}

/**
 * AppBaseInfo.fontSizeScaleFactor is the scale itself. Old base libraries (< 2.20.1) only
 * have getSystemInfoSync().fontSizeSetting in px, whose standard size is 17 on iOS and 16
 * on Android (WeChat's 适老化 guide, developers.weixin.qq.com/miniprogram/design/elderly.html).
 */
function toFontScale(info: NativeResult): number {
  if (typeof info?.fontSizeScaleFactor === 'number' && info.fontSizeScaleFactor > 0) return info.fontSizeScaleFactor
  if (typeof info?.fontSizeSetting === 'number' && info.fontSizeSetting > 0) {
    return info.fontSizeSetting / (info.platform === 'ios' ? 17 : 16)
  }
  return 1
}

/**
 * WechatSI recogniser onError retcodes (同声传译 plugin documentation, 语音输入): -30003 no
 * audio frames, -30004 no result (both: nothing was heard), -30008 / -30010 network failures
 * while querying / authenticating. A refused microphone reports a recording failure whose
 * message says so.
 */
const NOTHING_HEARD_CODES = [-30003, -30004]
const RECOGNITION_NETWORK_CODES = [-30008, -30010]

function recognitionFailure(err: NativeFailure): { text: string } | ErrorCode {
  const code = Number(err?.retcode)
  if (NOTHING_HEARD_CODES.includes(code)) return { text: '' }
  if (RECOGNITION_NETWORK_CODES.includes(code)) return 'NETWORK_ERROR'
  if (DENIED_MESSAGE.test(String(err?.msg ?? err?.errMsg ?? ''))) return 'PERMISSION_DENIED'
  return 'INTERNAL'
}

export const weappTable: PlatformTable = {
  hostName: '微信',
  // wx.scanCode; the host draws the title bar and back button of every page.
  features: { scanCode: true, navigationBar: 'host' },
  failure: classifyFailure,
  login: {
    api: 'login',
    args: () => ({}),
    result: (res) => ({ platform: 'weapp', code: String(res.code) }),
  },
  // wx.startFacialRecognitionVerify (城市服务 实名核身): {name, idCardNumber, checkAliveType}
  // → {verifyResult}; the server confirms verifyResult with WeChat (getinfo), so a forged
  // success callback gains nothing. Errors: 'fail cancel' = citizen closed it.
  faceVerification: {
    api: 'startFacialRecognitionVerify',
    args: (request) => ({ name: request.name, idCardNumber: request.idNumber, checkAliveType: 2 }),
    result: (res) => ({ verifyResult: String(res.verifyResult ?? '') }),
    failure: (err) => (CANCEL_MESSAGE.test(errMsg(err)) ? 'CANCELLED' : 'FACE_VERIFICATION_FAILED'),
  },
  request: {
    api: 'request',
    args: (raw) => ({
      url: raw.url,
      method: raw.method,
      header: raw.headers,
      data: raw.body,
      timeout: raw.timeoutMs,
      // Any dataType but 'json' skips wx's own JSON.parse: request-core parses, so an
      // unreadable body is reported the same way on every platform.
      dataType: 'text',
      responseType: 'text',
    }),
    // wx.request calls success for every HTTP status ("只要成功接收到服务器返回，无论 statusCode 是多少").
    result: (res) => ({ status: Number(res.statusCode), data: res.data }),
    failure: (err) => (TIMEOUT_MESSAGE.test(errMsg(err)) ? 'TIMEOUT' : 'NETWORK_ERROR'),
  },
  storageGet: {
    api: 'getStorageSync',
    args: (key) => [key],
    // A missing key reads as ''.
    result: (res) => (res === '' || res === null ? undefined : res),
  },
  storageSet: {
    api: 'setStorageSync',
    args: ({ key, value }) => [key, value],
    result: () => undefined,
  },
  storageRemove: {
    api: 'removeStorageSync',
    args: (key) => [key],
    result: () => undefined,
  },
  scanCode: {
    api: 'scanCode',
    // Camera only: a verifier must scan the code being shown, not a saved screenshot.
    args: () => ({ onlyFromCamera: true, scanType: ['qrCode'] }),
    result: (res) => String(res.result),
  },
  getScreenBrightness: {
    api: 'getScreenBrightness',
    args: () => ({}),
    result: (res) => Number(res.value),
  },
  setScreenBrightness: {
    api: 'setScreenBrightness',
    args: (value) => ({ value }),
    result: () => undefined,
  },
  setKeepScreenOn: {
    api: 'setKeepScreenOn',
    args: (keepOn) => ({ keepScreenOn: keepOn }),
    result: () => undefined,
  },
  requestSubscribeMessage: {
    api: 'requestSubscribeMessage',
    args: (templateIds) => ({ tmplIds: templateIds }),
    result: (res, ids) => decideAll(ids, (id) => SUBSCRIBE_DECISIONS[res[id]] ?? 'unknown'),
    failure: (err, ids) => {
      const answer = SUBSCRIBE_FAIL_ANSWERS[err?.errCode]
      if (answer) return { answer: decideAll(ids, () => answer) }
      // A dismissed panel means nothing was subscribed, the same answer Alipay gives.
      if (CANCEL_MESSAGE.test(errMsg(err))) return { answer: decideAll(ids, () => 'reject') }
      if (SUBSCRIBE_NETWORK_CODES.includes(err?.errCode)) return 'NETWORK_ERROR'
      return undefined
    },
  },
  // wx.requestPayment (JSAPI v3, RequestPaymentOption): timeStamp, nonceStr, package "prepay_id=…",
  // signType 'RSA', paySign — all made and signed by the server. Success only means the cashier
  // closed; "requestPayment:fail cancel" is the citizen closing it.
  requestPayment: {
    api: 'requestPayment',
    args: (pay) => {
      if (pay.platform !== 'weapp') throw new ApiError('UNSUPPORTED_ON_PLATFORM', { status: 0, message: '该缴费单不是在微信中生成的，请回到生成它的平台支付' })
      return { timeStamp: pay.timeStamp, nonceStr: pay.nonceStr, package: pay.package, signType: pay.signType, paySign: pay.paySign }
    },
    result: () => ({}),
    // An ApiError is our own refusal from args (another platform's order), passed on as it is.
    failure: (err) => (err instanceof ApiError ? err.code : CANCEL_MESSAGE.test(errMsg(err)) ? 'CANCELLED' : undefined),
  },
  makePhoneCall: {
    api: 'makePhoneCall',
    args: (phoneNumber) => ({ phoneNumber }),
    result: () => undefined,
  },
  // DownloadFileSuccessCallbackResult {tempFilePath, statusCode}: an HTTP error still "succeeds", so check the status.
  downloadFile: {
    api: 'downloadFile',
    args: (url) => ({ url }),
    result: (res) => {
      if (res?.statusCode !== 200 || typeof res?.tempFilePath !== 'string') throw new ApiError('NETWORK_ERROR', { status: 0, message: '文件下载失败，请稍后重试' })
      return res.tempFilePath
    },
  },
  // wx.openDocument {filePath, fileType, showMenu}: the menu lets the citizen forward or save the PDF.
  openDocument: {
    api: 'openDocument',
    args: (filePath) => ({ filePath, fileType: 'pdf', showMenu: true }),
    result: () => undefined,
  },
  // wx.chooseMedia {count, mediaType, sourceType, sizeType} → {tempFiles: [{tempFilePath, size, fileType}]} (base library 2.10+).
  choosePhoto: {
    api: 'chooseMedia',
    args: () => ({ count: 1, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] }),
    result: (res) => pickedOrCancelled(res?.tempFiles?.[0]?.tempFilePath, res?.tempFiles?.[0]?.size, undefined, 'image'),
  },
  // wx.chooseMessageFile {count, type, extension} → {tempFiles: [{path, size, name, type}]}: a PDF from a chat's files.
  chooseDocument: {
    api: 'chooseMessageFile',
    args: () => ({ count: 1, type: 'file', extension: ['pdf'] }),
    result: (res) => pickedOrCancelled(res?.tempFiles?.[0]?.path, res?.tempFiles?.[0]?.size, res?.tempFiles?.[0]?.name, 'pdf'),
  },
  // wx.uploadFile {url, filePath, name, header, formData, timeout} → {statusCode, data (text)}: an HTTP error still succeeds.
  uploadFile: {
    api: 'uploadFile',
    args: (upload) => ({ url: upload.url, filePath: upload.filePath, name: 'file', header: upload.headers, formData: upload.fields, timeout: upload.timeoutMs }),
    result: (res) => ({ status: Number(res?.statusCode ?? 0), data: res?.data }),
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
    // getSystemInfoSync is deprecated since base library 2.20.1 in favour of getAppBaseInfo.
    api: ['getAppBaseInfo', 'getSystemInfoSync'],
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
  // WeChat's own 同声传译 plugin (WechatSI, provider wx069ba97219f66d99): textToSpeech gives an
  // audio file that wx.createInnerAudioContext plays; getRecordRecognitionManager recognises
  // speech. Its sources and limits: src/platform/README.md.
  speech: {
    plugin: 'WechatSI',
    synthesise: {
      api: 'textToSpeech',
      args: (text) => ({ lang: 'zh_CN', tts: true, content: text }),
      result: (res) => {
        // success with a non-zero retcode is a refusal (e.g. text too long), not audio.
        if (Number(res?.retcode ?? 0) !== 0 || !res?.filename) throw new ApiError('INTERNAL', { status: 0 })
        return String(res.filename)
      },
      failure: (err) => (TIMEOUT_MESSAGE.test(errMsg(err)) ? 'TIMEOUT' : 'NETWORK_ERROR'),
    },
    // The plugin takes at most 1000 bytes of text a call: 300 Chinese characters in UTF-8 is 900.
    maxChars: 300,
    // InnerAudioContext.playbackRate: 0.5 to 2.0 (base library 2.11.0).
    player: { create: 'createInnerAudioContext', rate: (pace) => Math.min(2, Math.max(0.5, pace)) },
    recogniser: {
      manager: 'getRecordRecognitionManager',
      // Hold-to-talk: the citizen's release stops it; 30 s is a generous ceiling for a search.
      start: () => ({ duration: 30000, lang: 'zh_CN' }),
      result: (res) => String(res?.result ?? ''),
      failure: recognitionFailure,
    },
  },
}
