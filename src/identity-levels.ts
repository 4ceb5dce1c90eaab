/** How each real-name level is described to the citizen. */
export function levelLabel(level: number): string {
  if (level >= 4) return '已实名认证（已完成人脸核验）'
  if (level >= 3) return '已实名认证'
  return '未实名认证'
}

export const REAL_NAME_PAGE = '/packages/identity/pages/real-name/index'
export const LOGIN_PAGE = '/pages/login/index'
