import type { Redis } from 'ioredis'
import type { Clock } from '../clock'

/**
 * Counts attempts per key (a username, a client IP…) and, once a key has had its free
 * attempts, makes each further one wait: 1 s after the first over, then 2 s, 4 s… up to
 * `maxDelayMs`. An attempt made while a key waits is refused without being counted, so
 * hammering does not lengthen the wait, and nothing is ever locked for good: a wait ends by
 * itself, an admin can clear a key, and a key is forgotten `windowMs` after its last attempt.
 *
 * Attempts are counted when they start, before the (slow) password check, so a burst of
 * parallel guesses gets no more than the free attempts either; a success then gives its
 * attempt back (`succeeded`) or clears the key.
 *
 * In Redis when REDIS_URL is set, in the rate-limit key space (every API node sees the same
 * counts; each call is one atomic script), otherwise in this process. Times come from the
 * app's clock in both, so tests can move time instead of waiting.
 */
/**
 * The rate-limit key space in Redis: the route limiters' counters (server/plugins/rate-limits.ts)
 * and these throttles' (operator logins, password changes), so one prefix holds every counter
 * an attacker can move.
 */
export function rateLimitNamespace(keyPrefix: string): string {
  return `${keyPrefix}rate-limit:`
}

export interface ThrottleKey {
  key: string
  /** Attempts allowed before each further one has to wait. */
  free: number
}

/** `exhausted`: this attempt used up a key's free attempts (the next one will have to wait). */
export type ThrottleVerdict = { allowed: true; exhausted: boolean } | { allowed: false; retryAfterMs: number }

export interface FailureThrottle {
  /** Counts an attempt on every key, unless one of them is waiting: then nothing is counted. */
  attempt(keys: readonly ThrottleKey[]): Promise<ThrottleVerdict>
  /** The attempt succeeded: `keys` get it back (and stop waiting when under their free attempts again). */
  succeeded(keys: readonly ThrottleKey[]): Promise<void>
  /** Forgets a key (an admin unlocked it, the password was reset, the attempts ended in success). */
  clear(key: string): Promise<void>
  /** Until when the key makes attempts wait, if it does now. */
  waitingUntil(key: string): Promise<Date | null>
}

export interface FailureThrottleOptions {
  /** The first wait; each further attempt doubles it. */
  baseDelayMs?: number
  maxDelayMs: number
  /** A key is forgotten this long after its last attempt (or its wait, if that ends later). */
  windowMs: number
  clock: Clock
}

const BASE_DELAY_MS = 1000

/** The wait after the `count`-th attempt of a key allowing `free`: none below, then base·2^(count-free), capped. */
export function delayAfter(count: number, free: number, baseMs: number, maxMs: number): number {
  if (count < free) return 0
  return Math.min(maxMs, baseMs * 2 ** Math.min(count - free, 40))
}

export function createFailureThrottle(redis: Redis | null, keyPrefix: string, options: FailureThrottleOptions): FailureThrottle {
  return redis ? redisThrottle(redis, keyPrefix, options) : memoryThrottle(options)
}

interface Entry {
  count: number
  waitUntil: number
  expiresAt: number
}

/** Bounded like the in-process TTL cache: past this many keys the oldest go first. */
const MAX_ENTRIES = 100_000

function memoryThrottle({ baseDelayMs = BASE_DELAY_MS, maxDelayMs, windowMs, clock }: FailureThrottleOptions): FailureThrottle {
  const entries = new Map<string, Entry>()
  const live = (key: string, now: number): Entry | undefined => {
    const entry = entries.get(key)
    if (entry && entry.expiresAt <= now) {
      entries.delete(key)
      return undefined
    }
    return entry
  }
  // Every method runs to completion without awaiting: one attempt cannot interleave with another.
  return {
    async attempt(keys) {
      const now = clock().getTime()
      const wait = Math.max(0, ...keys.map(({ key }) => (live(key, now)?.waitUntil ?? 0) - now))
      if (wait > 0) return { allowed: false, retryAfterMs: wait }
      let exhausted = false
      for (const { key, free } of keys) {
        const count = (live(key, now)?.count ?? 0) + 1
        const delay = delayAfter(count, free, baseDelayMs, maxDelayMs)
        if (delay) exhausted = true
        entries.delete(key)
        entries.set(key, { count, waitUntil: delay ? now + delay : 0, expiresAt: now + windowMs + delay })
        while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string)
      }
      return { allowed: true, exhausted }
    },
    async succeeded(keys) {
      const now = clock().getTime()
      for (const { key, free } of keys) {
        const entry = live(key, now)
        if (!entry) continue
        entry.count = Math.max(0, entry.count - 1)
        if (entry.count < free) entry.waitUntil = 0
      }
    },
    async clear(key) {
      entries.delete(key)
    },
    async waitingUntil(key) {
      const now = clock().getTime()
      const until = live(key, now)?.waitUntil ?? 0
      return until > now ? new Date(until) : null
    },
  }
}

// One hash per key: count, wait_until and expires_at (ms, on the app's clock). PEXPIRE only
// keeps Redis tidy; expires_at decides, so a moved test clock behaves as in process.
const ATTEMPT = `
local now = tonumber(ARGV[1])
local base = tonumber(ARGV[2])
local maxDelay = tonumber(ARGV[3])
local window = tonumber(ARGV[4])
local wait = 0
for i, key in ipairs(KEYS) do
  local fields = redis.call('HMGET', key, 'wait_until', 'expires_at')
  local expires = tonumber(fields[2] or '0')
  if expires > 0 and expires <= now then
    redis.call('DEL', key)
  else
    local waitUntil = tonumber(fields[1] or '0')
    if waitUntil - now > wait then wait = waitUntil - now end
  end
end
if wait > 0 then return {wait, 0} end
local exhausted = 0
for i, key in ipairs(KEYS) do
  local free = tonumber(ARGV[4 + i])
  local count = redis.call('HINCRBY', key, 'count', 1)
  local delay = 0
  if count >= free then
    delay = math.min(maxDelay, base * 2 ^ math.min(count - free, 40))
  end
  local waitUntil = 0
  if delay > 0 then
    waitUntil = now + delay
    exhausted = 1
  end
  redis.call('HSET', key, 'wait_until', string.format('%.0f', waitUntil), 'expires_at', string.format('%.0f', now + window + delay))
  redis.call('PEXPIRE', key, string.format('%.0f', window + delay))
end
return {0, exhausted}
`

const SUCCEEDED = `
local now = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local free = tonumber(ARGV[1 + i])
  local expires = tonumber(redis.call('HGET', key, 'expires_at') or '0')
  if expires > now then
    local count = redis.call('HINCRBY', key, 'count', -1)
    if count < 0 then redis.call('HSET', key, 'count', 0) end
    if count < free then redis.call('HSET', key, 'wait_until', 0) end
  end
end
return 0
`

type ThrottleCommands = Redis & {
  failureThrottleAttempt(...args: (string | number)[]): Promise<[number, number]>
  failureThrottleSucceeded(...args: (string | number)[]): Promise<number>
}

function redisThrottle(redis: Redis, keyPrefix: string, { baseDelayMs = BASE_DELAY_MS, maxDelayMs, windowMs, clock }: FailureThrottleOptions): FailureThrottle {
  const commands = redis as ThrottleCommands
  if (!('failureThrottleAttempt' in commands)) {
    redis.defineCommand('failureThrottleAttempt', { lua: ATTEMPT })
    redis.defineCommand('failureThrottleSucceeded', { lua: SUCCEEDED })
  }
  const full = (key: string) => keyPrefix + key
  return {
    async attempt(keys) {
      const [wait, exhausted] = await commands.failureThrottleAttempt(
        keys.length,
        ...keys.map(({ key }) => full(key)),
        clock().getTime(),
        baseDelayMs,
        maxDelayMs,
        windowMs,
        ...keys.map(({ free }) => free),
      )
      return wait > 0 ? { allowed: false, retryAfterMs: Number(wait) } : { allowed: true, exhausted: exhausted === 1 }
    },
    async succeeded(keys) {
      if (keys.length === 0) return
      await commands.failureThrottleSucceeded(keys.length, ...keys.map(({ key }) => full(key)), clock().getTime(), ...keys.map(({ free }) => free))
    },
    async clear(key) {
      await redis.del(full(key))
    },
    async waitingUntil(key) {
      const [waitUntil, expiresAt] = await redis.hmget(full(key), 'wait_until', 'expires_at')
      const now = clock().getTime()
      const until = Number(waitUntil ?? 0)
      return Number(expiresAt ?? 0) > now && until > now ? new Date(until) : null
    },
  }
}
