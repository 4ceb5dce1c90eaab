/**
 * 亲情代办 (family delegation): plain values both sides import. A helper (a citizen at level 4)
 * acts for a principal (a family member) within scopes the principal consented to, until an
 * end date at most a year away; either side ends it at once.
 */

export const DELEGATION_SCOPES = ['health_code', 'social_security', 'certificates_view', 'apply', 'notifications'] as const
export type DelegationScope = (typeof DELEGATION_SCOPES)[number]

/** The scopes in plain words: `name` on lists and chips, `plain` on the principal's consent screen. */
export const DELEGATION_SCOPE_WORDS: Record<DelegationScope, { name: string; plain: string }> = {
  health_code: { name: '看健康码', plain: '替您打开健康码，看是什么颜色' },
  social_security: { name: '查社保', plain: '替您查看社保缴费记录和账户余额' },
  certificates_view: { name: '看电子证照', plain: '替您看电子证照，号码只显示一部分；不能出示，也不能授权给别人' },
  apply: { name: '替您办事', plain: '替您在网上申请办事，申请上写明是他代您办的' },
  notifications: { name: '看办事消息', plain: '替您看办事进度的消息' },
}

/**
 * The `rule` of a 403 refusing a delegate because the delegation is not usable (unknown, not yet
 * consented, ended, expired): the client then stops acting and forgets what it showed.
 */
export const DELEGATION_INACTIVE_RULE = 'delegation_inactive'

/** The request header naming the delegation a request is made under (the server checks it on every request). */
export const ACTING_FOR_HEADER = 'x-acting-for'

export const DELEGATION_LIMITS = {
  /** A helper acts for at most this many people (invited or active). */
  principalsPerHelper: 5,
  /** A principal has at most this many helpers (invited or active). */
  helpersPerPrincipal: 3,
  /** The end date is at most this many days away. */
  maxDays: 365,
} as const

export const DELEGATION_STATE_WORDS = {
  invited: '等待对方同意',
  active: '代办中',
  ended: '已结束',
  expired: '已到期',
} as const
export type DelegationState = keyof typeof DELEGATION_STATE_WORDS

/** How the principal's consent was given. */
export const CONSENT_METHOD_WORDS = {
  principal_session: '本人在自己的手机上刷脸后同意',
  face_of_principal: '在代办人手机上为本人刷脸核验后同意',
} as const
export type ConsentMethod = keyof typeof CONSENT_METHOD_WORDS

/** Words said as delegate everywhere: 由 张* 代办 / 查看. */
export function actedByWords(maskedHelperName: string, verb: '代办' | '查看'): string {
  return `由 ${maskedHelperName} ${verb}`
}
