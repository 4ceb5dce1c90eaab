/** 在线预约 pages and the words they share. */
export const BOOK_PAGE = '/packages/appointments/pages/book/index'
export const MY_APPOINTMENTS_PAGE = '/packages/appointments/pages/mine/index'
export const APPOINTMENT_DETAIL_PAGE = '/packages/appointments/pages/detail/index'
export const CANCEL_PAGE = '/packages/appointments/pages/cancel/index'

export const bookUrl = (itemCode: string, rescheduleId?: string) =>
  `${BOOK_PAGE}?item=${encodeURIComponent(itemCode)}${rescheduleId ? `&reschedule=${encodeURIComponent(rescheduleId)}` : ''}`
export const detailUrl = (id: string) => `${APPOINTMENT_DETAIL_PAGE}?id=${encodeURIComponent(id)}`
export const cancelUrl = (id: string) => `${CANCEL_PAGE}?id=${encodeURIComponent(id)}`

/** How a slot reads on its button: time and places left, or 已约满 (full slots are shown, not hidden). */
export function slotWords(slot: { start: string; end: string; left: number; full: boolean }): string {
  return slot.full ? `${slot.start}-${slot.end} 已约满` : `${slot.start}-${slot.end} 余${slot.left}个`
}

/** The QR refreshes a little before it expires (5 minutes), so the hall never scans a stale one. */
export const CODE_REFRESH_MS = 4 * 60 * 1000
