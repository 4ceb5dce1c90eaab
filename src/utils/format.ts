const pad = (n: number) => String(n).padStart(2, '0')

/** 2026-01-05T08:00:00Z → 2026年1月5日 (in the viewer's local time). */
export function formatDate(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`
}

/** 2032-04-18 → 2032年4月18日: a calendar date (issued on, enrolled on) as written, no time-zone shift. */
export function dateWords(date: string): string {
  const [year, month, day] = date.split('-')
  return `${year}年${Number(month)}月${Number(day)}日`
}

/** A Date → 08:05, for "data as of" labels. */
export function formatClock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** A Date → 08:05:09, for live clocks. */
export function formatTime(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}
