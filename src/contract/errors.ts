/**
 * The one table of error codes, shared by the server (which answers with them) and the
 * client (which shows their message). Adding a code here is the only way to add one.
 * `message` is what a citizen reads: it says what happened and what to do.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: '填写的信息有误，请按提示修改后重试' },
  UNAUTHENTICATED: { status: 401, message: '登录已失效，请重新登录' },
  FORBIDDEN: { status: 403, message: '您没有权限进行此操作' },
  NOT_FOUND: { status: 404, message: '没有找到相关内容，请返回后重试' },
  CONFLICT: { status: 409, message: '数据已变化，请刷新后重试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大，请精简后重试' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  // Identity
  LOGIN_CODE_INVALID: { status: 401, message: '登录凭证无效或已过期，请重新进入小程序后再试' },
  LOGIN_CODE_USED: { status: 401, message: '登录凭证已被使用，请重新登录' },
  SANDBOX_DISABLED: { status: 403, message: '体验登录未开启' },
  REAL_NAME_REQUIRED: { status: 403, message: '此事项需要先完成实名认证，请点击“去认证”' },
  RECENT_VERIFICATION_REQUIRED: { status: 403, message: '查看完整信息前需要再次验证身份' },
  IDENTITY_MISMATCH: { status: 422, message: '姓名与身份证号码不匹配，请核对后重试' },
  FACE_VERIFICATION_FAILED: { status: 422, message: '人脸核验未通过，请在光线充足处重试' },
  UPSTREAM_UNAVAILABLE: { status: 503, message: '认证服务繁忙，请稍后再试' },
  // Social security: proofs of contributions checked by their verification code
  PROOF_EXPIRED: { status: 410, message: '该缴费证明已过有效期，请联系出具人重新开具' },
  PROOF_INVALID: { status: 422, message: '该缴费证明校验未通过，内容可能被篡改，请向出具人核实' },
  // Certificates: presenting or authorising an expired / revoked certificate; an organisation's fetch
  CERTIFICATE_NOT_PRESENTABLE: { status: 409, message: '该证照已过期或已注销，不能出示或授权，请使用有效的证照' },
  ACCESS_KEY_INVALID: { status: 401, message: '访问密钥无效，请核对授权编号与访问密钥' },
  AUTHORISATION_REVOKED: { status: 403, message: '持证人已撤销该授权，无法再调取证照' },
  AUTHORISATION_EXPIRED: { status: 403, message: '该授权已到期，请联系持证人重新授权' },
  INTERNAL: { status: 500, message: '服务出了点问题，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后再试' },
  // Client-side only: produced by the platform request layer, never by the server.
  NETWORK_ERROR: { status: 0, message: '网络连接失败，请检查网络后重试' },
  TIMEOUT: { status: 0, message: '网络较慢，请求超时，请稍后重试' },
  // Client-only: produced by the platform layer for native capabilities (scan, dialogs…).
  UNSUPPORTED_ON_PLATFORM: { status: 0, message: '当前环境不支持该功能，请在微信或支付宝小程序中使用' },
  CANCELLED: { status: 0, message: '已取消' },
  PERMISSION_DENIED: { status: 0, message: '未获得所需权限，请在小程序右上角「···」→「设置」中允许后重试' },
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value)
}

/** The body of every error response: `{ error: { code, message, field?, rule?, requiredLevel?, currentLevel? } }`. */
export interface ErrorBody {
  error: {
    code: ErrorCode
    message: string
    /** For VALIDATION_FAILED: the offending field, e.g. `body.title` or `query.limit`. */
    field?: string
    /** For VALIDATION_FAILED: the rule it broke, e.g. `maxLength 50`. */
    rule?: string
    /** For REAL_NAME_REQUIRED: the level the feature needs (3 real-name, 4 face)… */
    requiredLevel?: number
    /** …and the level the account has, so the client can offer the missing step. */
    currentLevel?: number
  }
}
