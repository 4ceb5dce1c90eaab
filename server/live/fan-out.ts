import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Redis } from 'ioredis'
import { LIVE_ACTIVITY_KINDS } from '../../src/contract/console/data'
import { type LiveActivity } from '../../src/contract/console/schemas'

/**
 * Several API nodes: every node's citizen activity must reach the dashboards on every node.
 * Each node publishes its own activity on one Redis channel and passes on what the others
 * published (its own comes back too and is skipped: it was delivered locally already, without
 * the round trip). Pub/sub keeps nothing: a node that is down misses the events of that time,
 * which is right for a live view (the snapshot on reconnect has the counts).
 */
export interface FanOut {
  publish(activity: LiveActivity): void
  close(): Promise<void>
}

export function liveChannel(keyPrefix: string): string {
  return `${keyPrefix}live:activity`
}

export async function startFanOut(redis: Redis, keyPrefix: string, deliver: (activity: LiveActivity) => void, log: FastifyBaseLogger): Promise<FanOut> {
  const origin = randomUUID()
  const channel = liveChannel(keyPrefix)
  // A connection in subscriber mode can do nothing else: a second one, closed with the app.
  const subscriber = redis.duplicate()
  subscriber.on('error', (error: Error) => log.warn({ err: error }, 'live feed: redis subscriber failed'))
  subscriber.on('message', (_channel: string, message: string) => {
    const activity = parse(message, origin)
    if (activity) deliver(activity)
  })
  // Redis down at start must not stop the API starting: the feed is then this node's only, and
  // the subscription is made again whenever the connection is (re)established.
  const subscribe = () => subscriber.subscribe(channel).then(
    () => undefined,
    (error: unknown) => log.warn({ err: error }, 'live feed: redis subscribe failed, retried on reconnect'),
  )
  subscriber.on('ready', () => void subscribe())
  await subscribe()
  return {
    publish(activity) {
      redis.publish(channel, JSON.stringify({ origin, activity })).catch((error: unknown) => log.warn({ err: error }, 'live feed: publish failed'))
    },
    async close() {
      await subscriber.quit().catch(() => subscriber.disconnect())
    },
  }
}

/** Another node's activity, checked field by field (Redis is shared: trust nothing in it). */
function parse(message: string, ownOrigin: string): LiveActivity | undefined {
  try {
    const { origin, activity } = JSON.parse(message) as { origin?: unknown; activity?: Record<string, unknown> }
    if (origin === ownOrigin || !activity || typeof activity !== 'object') return undefined
    const { kind, at, serviceCode, query } = activity
    if (!LIVE_ACTIVITY_KINDS.includes(kind as LiveActivity['kind']) || typeof at !== 'string') return undefined
    return {
      kind: kind as LiveActivity['kind'],
      at,
      ...(typeof serviceCode === 'string' ? { serviceCode } : {}),
      ...(typeof query === 'string' ? { query } : {}),
    }
  } catch {
    return undefined
  }
}
