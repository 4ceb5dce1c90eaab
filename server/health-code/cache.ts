import type { FastifyBaseLogger } from 'fastify'
import type { TtlCache } from '../cache/ttl-cache'
import type { CurrentStatus } from './statuses'

/**
 * The last known status per citizen, kept so codes can still be issued (and checked) while
 * the database is down. Written whenever a status is read from the database or changed;
 * holds only what a code shows (masked name, colour, reason, source, version, times) and the
 * pseudonymous subject, never an ID number. A second key maps the subject back to the
 * citizen, because a code names its holder only by subject.
 */
export interface HealthStatusCache {
  get(citizenId: string): Promise<CurrentStatus | undefined>
  citizenForSubject(subject: string): Promise<string | undefined>
  /** Best effort: a failed write is logged, never fails the request that read or changed the status. */
  put(status: CurrentStatus): Promise<void>
}

export function createHealthStatusCache(cache: TtlCache, ttlSeconds: number, log: Pick<FastifyBaseLogger, 'warn'>): HealthStatusCache {
  const statusKey = (citizenId: string) => `health-status:${citizenId}`
  const subjectKey = (subject: string) => `health-subject:${subject}`
  // What this process last wrote: an unchanged status is not written again (two Redis round
  // trips on every live read) until a tenth of its lifetime has passed, so it never expires while read.
  const written = new Map<string, { json: string; at: number }>()
  const refreshMs = (ttlSeconds * 1000) / 10
  return {
    async get(citizenId) {
      const json = await cache.get(statusKey(citizenId))
      return json ? (JSON.parse(json) as CurrentStatus) : undefined
    },
    citizenForSubject: (subject) => cache.get(subjectKey(subject)),
    async put(status) {
      const json = JSON.stringify(status)
      const last = written.get(status.citizenId)
      const now = Date.now()
      if (last && last.json === json && now - last.at < refreshMs) return
      try {
        await cache.set(statusKey(status.citizenId), json, ttlSeconds)
        await cache.set(subjectKey(status.subject), status.citizenId, ttlSeconds)
        written.delete(status.citizenId)
        written.set(status.citizenId, { json, at: now })
        if (written.size > 100_000) written.delete(written.keys().next().value as string)
      } catch (error) {
        log.warn({ err: error, citizenId: status.citizenId }, 'health status not cached')
      }
    },
  }
}
