/**
 * The one interface the rest of the app sees. Each target (weapp, alipay, h5) provides it
 * through `index.<target>.ts`; Taro picks that file at build time so each bundle carries
 * only its own adapter. Nothing outside src/platform/ touches wx, my or TARO_ENV.
 */
import type { ApiError } from './api-error'
import type { PayArgs } from '@/contract/payments/schemas'

export type PlatformName = 'weapp' | 'alipay' | 'h5'
/** The account kind the server records for a login credential. */
export type AccountPlatform = 'weapp' | 'alipay' | 'h5dev'

export interface LoginCredential {
  platform: AccountPlatform
  /** wx.login code, my.getAuthCode authCode, or the dev sandbox code. */
  code: string
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  method?: HttpMethod
  /** Path under the API base, e.g. `/api/notices`. */
  path: string
  query?: Record<string, string | number | boolean | undefined>
  body?: unknown
  /** Session token; sent as `Authorization: Bearer <token>`, never in the URL. */
  token?: string
  /** Defaults to 10 s. */
  timeoutMs?: number
  /** Extra request headers, e.g. `Idempotency-Key`; they never replace Authorization, Accept or Content-Type. */
  headers?: Record<string, string>
}

export type NetworkType = 'wifi' | '2g' | '3g' | '4g' | '5g' | 'unknown' | 'none'
export interface NetworkStatus {
  isConnected: boolean
  networkType: NetworkType
}

/**
 * The citizen's answer for one template: accept / reject; ban (this mini-program may not
 * ask); filter (WeChat dropped it for a duplicate title, nobody was asked); unsupported
 * (the H5 preview has no subscription messages); unknown (an answer we cannot read).
 * Only accept / reject / ban are answers worth recording on the server.
 */
export type SubscribeDecision = 'accept' | 'reject' | 'ban' | 'filter' | 'unsupported' | 'unknown'

/** What the platform's face verification needs; the server supplies certifyId/url (Alipay). */
export interface FaceVerificationRequest {
  /** The name and ID number the citizen just entered (WeChat's flow needs them on the client). */
  name: string
  idNumber: string
  /** Alipay: from POST /api/identity/face/start. */
  certifyId?: string
  url?: string
}
/** What the server needs to confirm the result with the platform (it never trusts a "success"). */
export interface FaceVerificationEvidence {
  /** WeChat: verify_result from wx.startFacialRecognitionVerify; sandbox: the dev verifier's answer. */
  verifyResult?: string
}

/**
 * What the host can do that a page must know before offering it: never a dead button, and
 * never a page without a way back.
 */
/** What a cashier answered, for the server's confirm: only the H5 preview's development cashier says anything. */
export interface PaymentEvidence {
  devResult?: 'sandbox-paid'
}

export interface PlatformFeatures {
  /** A camera QR scanner (wx.scanCode / my.scan); the H5 preview has none. */
  scanCode: boolean
  /**
   * 'host': the host draws each page's title bar with its back button (the mini-programs);
   * 'page': nobody does (Taro's H5 build hides its bar), so pages draw their own.
   */
  navigationBar: 'host' | 'page'
}

/** One read-aloud: the text (already in its speakable, masked form) and the pace (1 = normal). */
export interface SpeakRequest {
  text: string
  rate: number
}

/** What a voice search hears: the words, or '' when nothing was recognised. */
export interface ListenHandlers {
  onResult(text: string): void
  onError(error: ApiError): void
}

/** A recognition in progress: `finish` (the citizen let go) delivers what was heard, `cancel` drops it. */
export interface Listening {
  finish(): void
  cancel(): void
}

/**
 * Speech where the host offers it (src/platform/README.md, 语音): read-aloud (朗读) and speech
 * recognition (语音搜索). A page asks canSpeak()/canListen() first and shows no control where
 * the answer is no: never a dead button.
 */
export interface Speech {
  canSpeak(): boolean
  /** Reads the text in Mandarin; resolves when it has been read or was stopped, rejects on failure. */
  speak(request: SpeakRequest): Promise<void>
  /** Stops any reading at once (page leave, a second tap). */
  stopSpeaking(): void
  canListen(): boolean
  listen(handlers: ListenHandlers): Listening
}

export interface Platform {
  readonly name: PlatformName
  /** The API origin baked in at build time ('' means same origin, used by H5). */
  readonly apiBase: string
  /** The app the citizen is in, for texts such as "微信一键登录". */
  readonly hostName: string
  /** 'platform': one tap (wx.login / my.getAuthCode); 'sandbox': pick a demo citizen (H5 preview only). */
  readonly loginMethod: 'platform' | 'sandbox'
  readonly features: PlatformFeatures
  login(): Promise<LoginCredential>
  /** Runs the platform's face verification; rejects with CANCELLED or FACE_VERIFICATION_FAILED. */
  startFaceVerification(request: FaceVerificationRequest): Promise<FaceVerificationEvidence>
  /** Resolves with the parsed JSON body of a 2xx answer; rejects with ApiError otherwise. */
  request<T>(options: RequestOptions): Promise<T>
  storage: {
    get<T>(key: string): T | undefined
    set<T>(key: string, value: T): void
    remove(key: string): void
  }
  /** Resolves with the scanned text; rejects with ApiError when cancelled or unsupported. */
  scanCode(): Promise<string>
  /** 0..1 */
  getScreenBrightness(): Promise<number>
  setScreenBrightness(value: number): Promise<void>
  setKeepScreenOn(keepOn: boolean): Promise<void>
  /** Asks the user to subscribe to template messages; answers per template id. */
  requestSubscribeMessage(templateIds: string[]): Promise<Record<string, SubscribeDecision>>
  makePhoneCall(phoneNumber: string): Promise<void>
  /**
   * Opens the platform's cashier for an order the server prepared (wx.requestPayment with the
   * JSAPI v3 arguments, my.tradePay with the trade number; the H5 preview's development
   * cashier). Resolves when the cashier closed without a failure — which proves nothing: the
   * caller then asks the server, which asks the platform. Rejects CANCELLED when the citizen
   * closed it, NETWORK_ERROR, or UNSUPPORTED_ON_PLATFORM for another platform's order.
   */
  requestPayment(pay: PayArgs): Promise<PaymentEvidence>
  /**
   * Shows a document (a proof's PDF) from a short-lived https link: the mini programs download
   * it and open it in the host's viewer (share / save from there); H5 follows the link (the
   * browser downloads it). Rejects with ApiError (NETWORK_ERROR when the download failed).
   */
  openDocument(url: string): Promise<void>
  /**
   * Lets the citizen pick a material to upload: a photo (camera or album) or a PDF document
   * (WeChat: chooseMedia / chooseMessageFile; Alipay: chooseImage, no document picker; H5: a
   * file input). Rejects CANCELLED when they close the picker, UNSUPPORTED_ON_PLATFORM where
   * the host cannot pick that kind.
   */
  chooseFile(source: FileSource): Promise<PickedFile>
  /**
   * Uploads a picked file as multipart/form-data (the file in part `file`, plus text fields) to
   * an API path (wx.uploadFile / my.uploadFile / fetch with FormData); resolves with the parsed
   * answer, rejects with the ApiError the server answered (UPLOAD_TOO_LARGE …) or NETWORK_ERROR.
   */
  uploadFile<T>(upload: UploadOptions): Promise<T>
  /** Shows or hides the host's tab bar (on a tab page); elderly mode draws a larger one instead. */
  setTabBarVisible(visible: boolean): Promise<void>
  /** The user's system font scale, 1 = default. */
  getSystemFontScale(): number
  getNetworkStatus(): Promise<NetworkStatus>
  /** Returns an unsubscribe function. */
  onNetworkStatusChange(listener: (status: NetworkStatus) => void): () => void
  speech: Speech
}

export type { ApiError }

/** What a material upload is picked from: the camera or album, or a PDF document. */
export type FileSource = 'photo' | 'document'

/** A file the citizen picked, ready to upload. */
export interface PickedFile {
  /** The host's temporary path (wxfile://…, https://resource/…), or an object URL on H5. */
  path: string
  kind: 'image' | 'pdf'
  /** Bytes, when the host says (to refuse an oversize file before sending it). */
  size?: number
  name?: string
  /** H5 only: the browser's File (a Blob). */
  blob?: Blob
}

export interface UploadOptions {
  /** An API path, e.g. /api/uploads. */
  path: string
  token?: string
  file: PickedFile
  /** Text parts sent with the file (itemCode, material). */
  fields: Record<string, string>
  timeoutMs?: number
}
