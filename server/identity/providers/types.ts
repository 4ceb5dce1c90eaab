/**
 * What the identity domain needs from each platform's identity provider. Implementations
 * speak the real protocols (WeChat jscode2session and face-verify getinfo; Alipay OpenAPI
 * gateway with RSA2: alipay.system.oauth.token, alipay.user.certify.open.*) at configurable
 * base URLs, and a dev-only sandbox. They throw AppError with codes from the shared table:
 * LOGIN_CODE_INVALID, LOGIN_CODE_USED, RATE_LIMITED, UPSTREAM_UNAVAILABLE,
 * FACE_VERIFICATION_FAILED. They never log or return session_key, secrets or keys.
 */

export type AccountPlatform = 'weapp' | 'alipay' | 'h5dev'

/** Who the platform says logged in. `subject` is stable per platform account. */
export interface PlatformIdentity {
  platform: AccountPlatform
  /** WeChat openid; Alipay open_id (or user_id for older apps); sandbox citizen key. */
  subject: string
  /** WeChat unionid when present. */
  unionId?: string
}

export interface LoginProvider {
  readonly platform: AccountPlatform
  /** Exchanges the client's one-time code (wx.login code / my.getAuthCode authCode / sandbox code). */
  exchange(code: string): Promise<PlatformIdentity>
}

/** The person a face verification must match (from the citizen record, server-side). */
export interface FaceSubject {
  name: string
  idNumber: string
  /** The platform account doing the verification (WeChat openid / Alipay subject). */
  accountSubject: string
}

export interface FaceStart {
  /** Alipay certify_id; WeChat: none (the client starts wx.startFacialRecognitionVerify itself). */
  certifyId?: string
  /** Alipay: the certify page URL for my.startAPVerify. */
  url?: string
}

export interface FaceVerifier {
  readonly provider: 'wechat' | 'alipay' | 'sandbox'
  /** Prepares a verification (Alipay: alipay.user.certify.open.initialize + certify URL). */
  start(subject: FaceSubject, outerOrderNo: string): Promise<FaceStart>
  /**
   * Confirms the result with the platform, never trusting the client: WeChat queries the
   * verify_result (and checks the name/ID hashes and openid match); Alipay queries
   * alipay.user.certify.open.query for the certify id. Resolves when passed; throws
   * FACE_VERIFICATION_FAILED (with a reason in the message) when not.
   */
  confirm(subject: FaceSubject, evidence: { certifyId?: string; verifyResult?: string }): Promise<void>
}
