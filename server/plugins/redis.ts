import { Redis } from 'ioredis'
import { sharedPlugin } from './shared-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /** The shared Redis when REDIS_URL is set (sessions, rate limits), otherwise null. */
    redis: Redis | null
  }
}

export interface RedisPluginOptions extends Record<string, unknown> {
  url?: string
  /** A client the caller owns (tests); otherwise one is opened from `url` and closed with the app. */
  redis?: Redis
}

export const redisPlugin = sharedPlugin<RedisPluginOptions>('redis', async (app, options) => {
  const redis = options.redis ?? (options.url ? openRedis(options.url, app.log) : null)
  app.decorate('redis', redis)
  if (redis && !options.redis) app.addHook('onClose', async () => void (await redis.quit()))
})

function openRedis(url: string, log: { warn(object: object, message: string): void }): Redis {
  const redis = new Redis(url, {
    // A request waits at most one reconnect for Redis, then fails (503) rather than hang
    // for ioredis's default of 20 retries; sessions and rate limits cannot be skipped.
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
  })
  // Without a listener ioredis prints every reconnect failure to stderr; it reconnects by itself.
  redis.on('error', (error: Error) => log.warn({ err: error }, 'redis connection failed'))
  return redis
}
