import type { StoredSession } from './session-store'

/**
 * A stored session's times as numbers, parsed once per stored copy. The in-process copies
 * (./hot-session-store.ts) are read by every request of a busy session, and each read parsed
 * the same ISO texts again (five Date.parse per health code). Remembered per copy object and
 * checked against the texts themselves, so a copy whose times changed is parsed again.
 */
export interface SessionTimes {
  idleExpiresAt: number
  absoluteExpiresAt: number
  verifiedAt: number | undefined
}

interface Parsed extends SessionTimes {
  from: Pick<StoredSession, 'idleExpiresAt' | 'absoluteExpiresAt' | 'verifiedAt'>
}

const parsed = new WeakMap<StoredSession, Parsed>()

export function sessionTimes(stored: StoredSession): SessionTimes {
  const known = parsed.get(stored)
  if (known && known.from.idleExpiresAt === stored.idleExpiresAt && known.from.absoluteExpiresAt === stored.absoluteExpiresAt && known.from.verifiedAt === stored.verifiedAt) {
    return known
  }
  const times: Parsed = {
    idleExpiresAt: Date.parse(stored.idleExpiresAt),
    absoluteExpiresAt: Date.parse(stored.absoluteExpiresAt),
    verifiedAt: stored.verifiedAt ? Date.parse(stored.verifiedAt) : undefined,
    from: { idleExpiresAt: stored.idleExpiresAt, absoluteExpiresAt: stored.absoluteExpiresAt, verifiedAt: stored.verifiedAt },
  }
  parsed.set(stored, times)
  return times
}
