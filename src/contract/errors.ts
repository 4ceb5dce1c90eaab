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
  /** The request did not arrive in time (a slow or stalled connection); sending it again may work. */
  REQUEST_TIMEOUT: { status: 408, message: '网络较慢，请求未能及时送达，请稍后重试' },
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
  // Applications (网上申请)
  /** 在线预约: the slot's last place went to someone else (or it was full already). */
  SLOT_FULL: { status: 409, message: '该时段已约满，请选择其他时段' },
  /** 在线预约: one active booking per citizen per item; cancel or reschedule the one you hold. */
  APPOINTMENT_EXISTS: { status: 409, message: '您已预约该事项，如需换时间请改约' },
  APPOINTMENT_STATUS_CONFLICT: { status: 409, message: '预约状态已变化，请刷新后查看' },
  SERVICE_NOT_ONLINE: { status: 409, message: '该事项暂不支持全程网上办理，请按办事指南到窗口办理' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '该提交编号已用于另一份内容不同的申请，请刷新页面后重新提交' },
  APPLICATION_STATUS_CONFLICT: { status: 409, message: '申请的办理状态已变化，当前不能进行此操作，请刷新后查看' },
  // Uploaded materials (申请材料上传): checked by their bytes, read through short-lived signed links
  UPLOAD_EMPTY: { status: 400, message: '文件是空的，请重新选择' },
  UPLOAD_TOO_LARGE: { status: 413, message: '文件太大，请压缩后重新上传' },
  UPLOAD_WRONG_TYPE: { status: 415, message: '文件格式不支持，请上传照片（JPG、PNG）或 PDF 文件' },
  UPLOAD_UNREADABLE: { status: 422, message: '文件已损坏或无法读取，请重新选择' },
  UPLOAD_LINK_EXPIRED: { status: 410, message: '查看链接已过期，请返回后重新打开' },
  UPLOAD_LINK_INVALID: { status: 403, message: '查看链接无效，请返回后重新打开' },
  // 好差评 and feedback
  EVALUATION_NOT_OPEN: { status: 409, message: '该办件尚未办结，办结后才能评价' },
  ALREADY_RATED: { status: 409, message: '您已评价过该办件，每个办件只能评价一次' },
  RE_RATE_NOT_AVAILABLE: { status: 409, message: '差评的整改答复后才能重新评价，请等待部门答复' },
  ALREADY_RE_RATED: { status: 409, message: '您已重新评价过该办件，只能重新评价一次' },
  ALREADY_ANSWERED: { status: 409, message: '已经答复过，不能重复答复，请刷新列表查看' },
  FEEDBACK_NOT_CLOSABLE: { status: 409, message: '只有已回复的留言才能确认办结，请等待回复' },
  // Operators (the people who run the service): login, login throttling, account management
  OPERATOR_LOGIN_FAILED: { status: 401, message: '用户名或密码错误，请核对后重试' },
  /** Too many failed logins for this username or from this address: wait `retry-after` seconds (the same answer whether the username exists or not). */
  OPERATOR_LOGIN_THROTTLED: { status: 429, message: '登录失败次数过多，请稍后再试' },
  OPERATOR_DISABLED: { status: 403, message: '该操作员账号已停用，请联系管理员' },
  /** The password was set by an admin (or the command line): only the own-password change, the profile and logout answer until it is changed. */
  OPERATOR_PASSWORD_CHANGE_REQUIRED: { status: 403, message: '您的密码由管理员设置，请先修改密码（输入当前密码和新密码）后再继续操作' },
  OPERATOR_USERNAME_TAKEN: { status: 409, message: '该用户名已被使用，请换一个用户名' },
  LAST_ADMIN: { status: 409, message: '这是最后一个可用的管理员账号，不能停用或取消其管理员角色，请先为他人授予管理员角色' },
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
