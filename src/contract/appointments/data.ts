/**
 * 在线预约 (appointments at a 办事大厅) words and limits the client may import at run time.
 * Plain data with no TypeBox import (schemas.ts is for `import type` on the client).
 */

export type AppointmentStatus = 'booked' | 'cancelled' | 'checked_in'

export const APPOINTMENT_STATUSES: Record<AppointmentStatus, string> = {
  booked: '已预约',
  cancelled: '已取消',
  checked_in: '已到场',
}

export const APPOINTMENT_STATUS_KEYS = Object.keys(APPOINTMENT_STATUSES) as AppointmentStatus[]

/** How long the QR on a booking can be scanned before the page fetches a fresh one. */
export const APPOINTMENT_CODE_TTL_SECONDS = 300

/** The most days a slot list may cover in one request. */
export const MAX_SLOT_DAYS = 31

/** Slot lengths a hall may use (minutes). */
export const MIN_SLOT_MINUTES = 10
export const MAX_SLOT_MINUTES = 240

/** Places per slot an operator may set. */
export const MAX_SLOT_CAPACITY = 500

/** The words a hall's staff read when a scanned code is refused. */
export const APPOINTMENT_CHECK_IN_REFUSALS = {
  malformed: '这不是有效的预约码，请让办事人打开“我的预约”重新出示',
  bad_signature: '预约码校验未通过，可能被篡改，请让办事人重新出示',
  expired: '预约码已过期，请让办事人刷新预约页面后重新出示',
  cancelled: '该预约已取消',
  already_checked_in: '该预约已登记到场，无需重复登记',
  not_today: '该预约不是今天的，请按预约日期前来办理',
} as const
export type AppointmentCheckInRefusal = keyof typeof APPOINTMENT_CHECK_IN_REFUSALS
