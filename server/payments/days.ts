/** The China calendar day (UTC+8, no DST) of an instant, YYYY-MM-DD: bills and reconciliation go by it. */
export function dayOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

/** The instants [start, end) of a China calendar day, as ISO strings in UTC. */
export function dayRange(day: string): { from: string; to: string } {
  const start = new Date(`${day}T00:00:00+08:00`)
  return { from: start.toISOString(), to: new Date(start.getTime() + 86_400_000).toISOString() }
}
