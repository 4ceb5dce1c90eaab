/**
 * The slots of a hall's day, worked out from its opening hours and slot length (a slot
 * that would run past a period's end is not offered), and the words for a day and a time.
 * Pure functions: the database only holds counters for slots someone booked.
 */
import type { OpeningPeriod } from '../../src/contract/appointments/schemas'

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

export interface SlotTime {
  start: string
  end: string
}

export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number]
  return hours * 60 + minutes
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

export function slotTimes(hours: readonly OpeningPeriod[], slotMinutes: number): SlotTime[] {
  const slots: SlotTime[] = []
  for (const period of hours) {
    for (let start = minutesOf(period.from); start + slotMinutes <= minutesOf(period.to); start += slotMinutes) {
      slots.push({ start: timeOf(start), end: timeOf(start + slotMinutes) })
    }
  }
  return slots
}

/** 12月7日 周一 */
export function dayLabel(date: string): string {
  const day = new Date(`${date}T00:00:00Z`)
  return `${day.getUTCMonth() + 1}月${day.getUTCDate()}日 ${WEEKDAYS[day.getUTCDay()]}`
}

/** 工作日 09:00-12:00、13:30-17:00 */
export function hoursText(hours: readonly OpeningPeriod[]): string {
  return `工作日 ${hours.map((period) => `${period.from}-${period.to}`).join('、')}`
}

/** HH:MM in China (UTC+8) of `now`. */
export function chinaTimeOf(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(11, 16)
}

/** Opening periods that make sense: each from before to, in order, not overlapping. */
export function hoursProblem(hours: readonly OpeningPeriod[]): string | undefined {
  let previousEnd = -1
  for (const period of hours) {
    const from = minutesOf(period.from)
    const to = minutesOf(period.to)
    if (from >= to) return `开放时间 ${period.from}-${period.to} 的开始时间应早于结束时间`
    if (from < previousEnd) return `开放时间 ${period.from}-${period.to} 与前一段重叠或顺序不对，请按时间先后填写`
    previousEnd = to
  }
  return undefined
}
