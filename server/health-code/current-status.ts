import type { FastifyBaseLogger } from 'fastify'
import type { HotCache } from '../cache/hot-cache'
import { DeadlineExceeded, withDeadline } from '../db/deadline'
import { AppError } from '../errors'
import type { HealthStatusCache } from './cache'
import type { CurrentStatus, HealthStatusesRepository } from './statuses'

/**
 * Reads a citizen's current status: from the database when it answers (and then refreshes
 * the cache), from the cache when it does not. The database is the authority: when it
 * answers "no status", the cache is not consulted. When neither can answer, the citizen gets
 * 503 SERVICE_UNAVAILABLE (the error handler adds `retry-after`).
 */
export interface StatusRead {
  status: CurrentStatus
  source: 'live' | 'cache'
}

export interface StatusReader {
  byCitizen(citizenId: string): Promise<StatusRead | undefined>
  /** byCitizen's answer at once when this process holds a copy (invalidated on every change); undefined: ask byCitizen. */
  peek(citizenId: string): StatusRead | undefined
  bySubject(subject: string): Promise<StatusRead | undefined>
}

// A code is wanted at a gate: after this long the database counts as down.
const DEADLINE_MS = 2000

export function createStatusReader(
  statuses: HealthStatusesRepository,
  cache: HealthStatusCache,
  log: Pick<FastifyBaseLogger, 'warn'>,
  deadlineMs = DEADLINE_MS,
  /** In-process copies by citizen (../cache/hot-cache.ts): a code request of a busy citizen skips the database. */
  hot?: HotCache<unknown>,
): StatusReader {
  const unavailable = (error: unknown): never => {
    log.warn({ err: error }, 'health status unavailable: database down and nothing cached')
    throw new AppError('SERVICE_UNAVAILABLE', { message: '健康码服务暂时不可用，请稍后再试' })
  }

  const read = async (live: () => Promise<CurrentStatus | undefined>, cached: () => Promise<CurrentStatus | undefined>): Promise<StatusRead | undefined> => {
    const reading = live()
    let status: CurrentStatus | undefined
    try {
      status = await withDeadline(reading, deadlineMs, 'health status read')
    } catch (error) {
      const copy = await cached().catch((cacheError: unknown) => {
        log.warn({ err: cacheError }, 'health status cache unavailable')
        return undefined
      })
      if (copy) {
        log.warn({ err: error, citizenId: copy.citizenId }, 'database unavailable: health status answered from the cache')
        return { status: copy, source: 'cache' }
      }
      // Nothing cached: a slow database may still answer; a failed one will not.
      status = error instanceof DeadlineExceeded ? await reading.catch(() => unavailable(error)) : unavailable(error)
    }
    if (status) await cache.put(status)
    return status && { status, source: 'live' }
  }

  const peek = (citizenId: string): StatusRead | undefined => {
    const copy = hot?.get(citizenId) as CurrentStatus | undefined
    return copy && { status: copy, source: 'live' }
  }

  return {
    peek,
    async byCitizen(citizenId) {
      const copy = peek(citizenId)
      if (copy) return copy
      const remember = hot?.begin()
      const result = await read(
        () => statuses.byCitizen(citizenId),
        () => cache.get(citizenId),
      )
      // Only what the database said: a copy from the outage cache must not outlive the outage.
      if (result?.source === 'live') remember?.(citizenId, result.status)
      return result
    },
    // Verification stays a live read: it is the check that a code's status version is current.
    bySubject: (subject) =>
      read(
        () => statuses.bySubject(subject),
        async () => {
          const citizenId = await cache.citizenForSubject(subject)
          return citizenId ? cache.get(citizenId) : undefined
        },
      ),
  }
}
