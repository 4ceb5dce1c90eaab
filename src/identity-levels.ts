/** How each real-name level is described to the citizen. */
export function levelLabel(level: number): string {
  if (level >= 4) return '已实名认证（已核验本人）'
  if (level >= 3) return '身份信息已核对，待人脸核验'
  return '未实名认证'
}

/**
 * Why face verification is asked, in words a first-time user understands: a name and an ID
 * number prove nothing (others may know them), so personal data waits for the face step.
 */
export const WHY_FACE = '姓名和身份证号码别人也可能知道，为防止他人冒用您的身份，查看健康码、社保、电子证照和办理个人事项前，需要通过人脸核验确认是您本人（约 10 秒）。'

export const REAL_NAME_PAGE = '/packages/identity/pages/real-name/index'
export const BINDINGS_PAGE = '/packages/identity/pages/bindings/index'
export const LOGIN_PAGE = '/pages/login/index'
