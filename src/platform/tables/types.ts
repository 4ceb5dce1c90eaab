/**
 * The shape of a platform table: for every capability, the API name on the global (`wx` /
 * `my`), how our arguments become that API's argument object, and how its answer becomes
 * ours. Tables are data plus tiny pure functions; mini-adapter.ts is the only code that
 * calls the global. Modelled on Taro's own tables (NervJS/taro
 * packages/taro-platform-alipay/src/apis.ts: `apiDiff` = alias + option changes,
 * `asyncResultApiDiff` = result changes).
 */
import type { ErrorCode } from '@/contract/errors'
import type { RawRequest, RawResponse } from '@/platform/request-core'
import type { PayArgs } from '@/contract/payments/schemas'
import type { FaceVerificationEvidence, FaceVerificationRequest, LoginCredential, NetworkStatus, PaymentEvidence, PickedFile, PlatformFeatures, SubscribeDecision } from '@/platform/types'

/** A fail-callback argument as the platform gives it (WeChat `{errMsg, errno?}`, Alipay `{error, errorMessage}`). */
export type NativeFailure = any
/** A success-callback argument or sync return value, shaped by the platform. */
export type NativeResult = any

/** A failure that is really an answer (e.g. a dismissed subscribe panel = nothing subscribed). */
export interface Answer<Output> {
  answer: Output
}

/** One callback-style API: `api({...args, success, fail})`. */
export interface AsyncApi<Input, Output> {
  api: string
  args: (input: Input) => Record<string, unknown>
  result: (res: NativeResult, input: Input) => Output
  /** Classifies a fail callback; undefined falls back to the table's `failure`. */
  failure?: (err: NativeFailure, input: Input) => ErrorCode | Answer<Output> | undefined
}

/** One synchronous API: `api(...args)`. Several names = first one present (newer first). */
export interface SyncApi<Input, Output> {
  api: string | readonly string[]
  args: (input: Input) => unknown[]
  result: (res: NativeResult) => Output
}

/** An event API pair: `on(listener)` / `off(listener)`. */
export interface EventApi<Event> {
  on: string
  off: string
  event: (res: NativeResult) => Event
}

/** One upload as the mini-program APIs take it. */
export interface RawUpload {
  url: string
  headers: Record<string, string>
  filePath: string
  kind: PickedFile['kind']
  fields: Record<string, string>
  timeoutMs: number
}

export interface StorageEntry {
  key: string
  value: unknown
}

/** A recognition's outcome: the words heard, or nothing heard (an answer, not a fault). */
export type RecognitionOutcome = { text: string } | ErrorCode

/**
 * Speech through a host plugin (WeChat's 同声传译, WechatSI). Its APIs live on the plugin
 * object (`requirePlugin(plugin)`), except the audio player, which is on the host global.
 */
export interface PluginSpeechTable {
  /** The name the plugin is declared under in app.json `plugins` (src/app.config.weapp.ts). */
  plugin: string
  /** Text → a playable audio file URL (one call per piece of at most `maxChars` characters). */
  synthesise: AsyncApi<string, string>
  maxChars: number
  /** On the host global: creates the player; `rate` maps our pace to its playbackRate. */
  player: { create: string; rate: (pace: number) => number }
  /** On the plugin: the recogniser, a manager whose `on…` handlers are assigned properties. */
  recogniser: {
    manager: string
    start: () => Record<string, unknown>
    /** The onStop answer: what was heard ('' = nothing). */
    result: (res: NativeResult) => string
    /** The onError answer: nothing heard is an empty result, not a failure. */
    failure: (err: NativeFailure) => RecognitionOutcome
  }
}

export interface PlatformTable {
  /** Shown to the citizen, e.g. "微信一键登录". */
  hostName: string
  /** What the host offers (scanner, title bar), for pages that must not show a dead button. */
  features: PlatformFeatures
  /** Default classification of a fail callback into one of our error codes. */
  failure: (err: NativeFailure) => ErrorCode
  login: AsyncApi<void, LoginCredential>
  faceVerification: AsyncApi<FaceVerificationRequest, FaceVerificationEvidence>
  request: AsyncApi<RawRequest, RawResponse>
  storageGet: SyncApi<string, unknown>
  storageSet: SyncApi<StorageEntry, void>
  storageRemove: SyncApi<string, void>
  scanCode: AsyncApi<void, string>
  getScreenBrightness: AsyncApi<void, number>
  setScreenBrightness: AsyncApi<number, void>
  setKeepScreenOn: AsyncApi<boolean, void>
  requestSubscribeMessage: AsyncApi<string[], Record<string, SubscribeDecision>>
  makePhoneCall: AsyncApi<string, void>
  /** The cashier (wx.requestPayment / my.tradePay); the answer proves nothing, the server asks the platform after. */
  requestPayment: AsyncApi<PayArgs, PaymentEvidence>
  /** A file from an https URL into a local temporary path (wx.downloadFile / my.downloadFile). */
  downloadFile: AsyncApi<string, string>
  /** Opens a downloaded PDF in the host's document viewer (wx.openDocument / my.openDocument). */
  openDocument: AsyncApi<string, void>
  /** One photo from the camera or album (wx.chooseMedia / my.chooseImage). */
  choosePhoto: AsyncApi<void, PickedFile>
  /** One PDF from the host's files (wx.chooseMessageFile); null where the host has no document picker (Alipay). */
  chooseDocument: AsyncApi<void, PickedFile> | null
  /** A picked file to an https URL as multipart (wx.uploadFile / my.uploadFile); the answer's data is text. */
  uploadFile: AsyncApi<RawUpload, RawResponse>
  showTabBar: AsyncApi<void, void>
  hideTabBar: AsyncApi<void, void>
  systemFontScale: SyncApi<void, number>
  getNetworkStatus: AsyncApi<void, NetworkStatus>
  networkStatusChange: EventApi<NetworkStatus>
  /** Read-aloud and voice search; null where the host offers neither (then no control is shown). */
  speech: PluginSpeechTable | null
}

export type Capability = Exclude<keyof PlatformTable, 'failure' | 'hostName' | 'features' | 'speech'>

/** Every value of `ids` mapped to one decision (no Object.fromEntries: older mini-program runtimes lack it). */
export function decideAll(ids: string[], decide: (id: string) => SubscribeDecision): Record<string, SubscribeDecision> {
  const decisions: Record<string, SubscribeDecision> = {}
  for (const id of ids) decisions[id] = decide(id)
  return decisions
}
