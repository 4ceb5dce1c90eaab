import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import { useWorkingCalendar } from '../applications/working-days'
import type { Database } from '../db/database'
import { loadCalendar } from './repository'

/**
 * Keeps the process's copy of the working calendar (the one the synchronous counting in
 * server/applications/working-days.ts reads) in step with the database: loaded when the app
 * is ready, again right after a change on this node, and every minute for changes made on
 * another node. A failed load keeps the copy it had (and says so in the log).
 */
export const CALENDAR_REFRESH_MS = 60_000

export interface CalendarCache {
  refresh(): Promise<void>
  start(): Promise<void>
  stop(): void
}

export function createCalendarCache(db: Kysely<Database>, log: FastifyBaseLogger, refreshMs = CALENDAR_REFRESH_MS): CalendarCache {
  let timer: NodeJS.Timeout | undefined
  const refresh = async () => useWorkingCalendar(await loadCalendar(db))
  const refreshQuietly = () => refresh().catch((error: unknown) => log.warn({ err: error }, 'working calendar: reload failed, counting with the copy loaded before'))
  return {
    refresh,
    async start() {
      await refreshQuietly()
      timer = setInterval(() => void refreshQuietly(), refreshMs)
      timer.unref()
    },
    stop() {
      if (timer) clearInterval(timer)
    },
  }
}
