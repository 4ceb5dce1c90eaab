import type { Redis } from 'ioredis'
import type { Clock } from '../clock'

/**
 * A small key/value cache with expiry, for the "last known good" copies that let a feature
 * keep working while the database is down (health statuses, the accounts behind sessions).
 * In Redis when REDIS_URL is set, so every API node sees what any node last read; otherwise
 * in this process. Values are strings (callers store JSON).
 */
export interface TtlCache {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string, ttlSeconds: number): Promise<void>
  delete(key: string): Promise<void>
}

export function createTtlCache(redis: Redis | null, keyPrefix: string, clock: Clock): TtlCache {
  return redis ? createRedisTtlCache(redis, `${keyPrefix}cache:`) : createMemoryTtlCache(clock)
}

export function createRedisTtlCache(redis: Redis, prefix: string): TtlCache {
  return {
    async get(key) {
      return (await redis.get(prefix + key)) ?? undefined
    },
    async set(key, value, ttlSeconds) {
      await redis.set(prefix + key, value, 'EX', ttlSeconds)
    },
    async delete(key) {
      await redis.del(prefix + key)
    },
  }
}

/** Bounded: past this many entries the least recently used go first. */
const DEFAULT_MAX_ENTRIES = 100_000

/**
 * In-process: a Map kept in least-recently-used order (a read moves the entry to the end),
 * expiring on the app's clock so tests can move time instead of waiting.
 */
export function createMemoryTtlCache(clock: Clock, maxEntries = DEFAULT_MAX_ENTRIES): TtlCache {
  const entries = new Map<string, { value: string; expiresAt: number }>()
  return {
    async get(key) {
      const entry = entries.get(key)
      if (!entry) return undefined
      entries.delete(key)
      if (entry.expiresAt <= clock().getTime()) return undefined
      entries.set(key, entry)
      return entry.value
    },
    async set(key, value, ttlSeconds) {
      entries.delete(key)
      entries.set(key, { value, expiresAt: clock().getTime() + ttlSeconds * 1000 })
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string)
    },
    async delete(key) {
      entries.delete(key)
    },
  }
}
