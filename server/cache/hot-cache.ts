import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Redis } from 'ioredis'

/**
 * In-process copies of what every authenticated request reads (sessions, accounts, health
 * statuses), so a busy citizen's repeated requests skip the database. Revocation stays
 * immediate because every change invalidates:
 *   - on this node synchronously, before the change is answered;
 *   - on the other nodes over Redis pub/sub (REDIS_URL), within milliseconds. Copies are
 *     used only while the subscription is up: when it drops, every copy is dropped and
 *     reads go to the store until it is back, so a missed message cannot leave a revoked
 *     session or a changed status alive;
 *   - without Redis on SQLite, other processes on the same file are heard through the file
 *     itself (`poll`: SQLite's data_version, which moves when another connection commits):
 *     polled every 100 ms, any change drops every copy; copies are used only while the poll
 *     answers;
 *   - and in any case a copy lives at most `ttlMs` (5 s when other nodes are heard, 500 ms
 *     when they cannot be: PostgreSQL without Redis).
 * A read that started before an invalidation (of any key: coarse, and cheap) does not store
 * what it read, so a racing read cannot put the old value back after a change.
 */
export interface HotCache<T> {
  get(key: string): T | undefined
  /** Call before reading the store; the returned function stores what was read, unless invalidated meanwhile. */
  begin(): (key: string, value: T) => void
  /** Drops the keys here and on every other node. */
  invalidate(...keys: string[]): void
}

export type HotCacheName = 'session' | 'account' | 'status'

export interface HotCaches {
  session: HotCache<unknown>
  account: HotCache<unknown>
  status: HotCache<unknown>
  /** Subscribes to the other nodes' invalidations (no-op without Redis). */
  start(): Promise<void>
  close(): Promise<void>
}

export interface HotCacheOptions {
  redis: Redis | null
  keyPrefix: string
  log: Pick<FastifyBaseLogger, 'warn'>
  /** How long a copy may be used; 0 turns the caches off. */
  ttlMs?: number
  maxEntries?: number
  /**
   * Without Redis: a value that changes whenever another process changed the data (SQLite's
   * `PRAGMA data_version`), read every `everyMs`; a change drops every copy.
   */
  poll?: { read: () => Promise<unknown>; everyMs: number }
}

const TTL_WITH_REDIS_MS = 5000
const TTL_WITHOUT_REDIS_MS = 500
const MAX_ENTRIES = 100_000
const NAMES: HotCacheName[] = ['session', 'account', 'status']

export function hotInvalidationChannel(keyPrefix: string): string {
  return `${keyPrefix}hot-cache:invalidate`
}

export function createHotCaches(options: HotCacheOptions): HotCaches {
  const { redis, keyPrefix, log } = options
  // The poll only stands in for Redis.
  const poll = redis ? undefined : options.poll
  const ttlMs = options.ttlMs ?? (redis || poll ? TTL_WITH_REDIS_MS : TTL_WITHOUT_REDIS_MS)
  const maxEntries = options.maxEntries ?? MAX_ENTRIES
  const origin = randomUUID()
  const channel = hotInvalidationChannel(keyPrefix)
  // Without Redis or a poll there is nobody to hear from; with either, nothing is cached until heard from.
  let listening = !redis && !poll
  let subscriber: Redis | undefined
  let pollTimer: NodeJS.Timeout | undefined

  const stores = new Map<HotCacheName, { entries: Map<string, { value: unknown; until: number }>; epoch: number }>(
    NAMES.map((name) => [name, { entries: new Map(), epoch: 0 }]),
  )
  const dropLocally = (name: HotCacheName, keys: readonly string[]) => {
    const store = stores.get(name)!
    store.epoch++
    for (const key of keys) store.entries.delete(key)
  }
  const dropAll = () => {
    for (const store of stores.values()) {
      store.epoch++
      store.entries.clear()
    }
  }

  const cache = (name: HotCacheName): HotCache<unknown> => {
    const store = stores.get(name)!
    return {
      get(key) {
        if (!listening || ttlMs <= 0) return undefined
        const entry = store.entries.get(key)
        if (!entry) return undefined
        if (entry.until <= Date.now()) {
          store.entries.delete(key)
          return undefined
        }
        return entry.value
      },
      begin() {
        const epoch = store.epoch
        return (key, value) => {
          if (!listening || ttlMs <= 0 || store.epoch !== epoch) return
          store.entries.delete(key)
          store.entries.set(key, { value, until: Date.now() + ttlMs })
          // Oldest written first: a Map keeps insertion order.
          if (store.entries.size > maxEntries) store.entries.delete(store.entries.keys().next().value as string)
        }
      },
      invalidate(...keys) {
        if (keys.length === 0) return
        dropLocally(name, keys)
        if (!redis) return
        redis.publish(channel, JSON.stringify({ origin, name, keys })).catch((error: unknown) => {
          // The others then keep a copy at most ttlMs; say so loudly.
          log.warn({ err: error }, 'hot cache: invalidation not published; other nodes drop their copy within the TTL')
        })
      },
    }
  }

  const onMessage = (_channel: string, message: string) => {
    try {
      const { origin: from, name, keys } = JSON.parse(message) as { origin?: unknown; name?: unknown; keys?: unknown }
      if (from === origin) return
      if (!NAMES.includes(name as HotCacheName) || !Array.isArray(keys)) return dropAll()
      dropLocally(name as HotCacheName, keys.filter((key): key is string => typeof key === 'string'))
    } catch {
      // Unreadable: be safe.
      dropAll()
    }
  }

  async function startPolling({ read, everyMs }: NonNullable<HotCacheOptions['poll']>): Promise<void> {
    let seen: unknown
    const check = async () => {
      try {
        const version = await read()
        // A change by another process, or the first answer after the poll failed: start again from nothing.
        if (!listening || version !== seen) dropAll()
        seen = version
        listening = true
      } catch (error) {
        if (listening) log.warn({ err: error }, 'hot cache: change poll failed, no copies used until it answers')
        listening = false
        dropAll()
      }
    }
    await check()
    pollTimer = setInterval(() => void check(), everyMs)
    pollTimer.unref()
  }

  return {
    session: cache('session'),
    account: cache('account'),
    status: cache('status'),
    async start() {
      if (poll && !pollTimer) return startPolling(poll)
      if (!redis || subscriber) return
      // A connection in subscriber mode can do nothing else: a second one.
      const connection = redis.duplicate()
      subscriber = connection
      connection.on('message', onMessage)
      connection.on('error', (error: Error) => log.warn({ err: error }, 'hot cache: redis subscriber failed'))
      // Whatever was missed while not listening is unknown: start again from nothing.
      const deaf = () => {
        listening = false
        dropAll()
      }
      connection.on('close', deaf)
      connection.on('end', deaf)
      const subscribe = () =>
        connection.subscribe(channel).then(
          () => {
            dropAll()
            listening = true
          },
          (error: unknown) => log.warn({ err: error }, 'hot cache: subscribe failed, retried on reconnect (no copies used meanwhile)'),
        )
      connection.on('ready', () => void subscribe())
      await subscribe()
    },
    async close() {
      listening = false
      dropAll()
      if (pollTimer) clearInterval(pollTimer)
      if (subscriber) await subscriber.quit().catch(() => subscriber?.disconnect())
    },
  }
}
