import rateLimit from '@fastify/rate-limit'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Redis } from 'ioredis'
import { rateLimitNamespace } from '../cache/failure-throttle'
import type { RateLimit } from '../config/rules'
import { AppError } from '../errors'
import { sharedPlugin } from './shared-plugin'

/**
 * Rate limits for the attackable identity routes, as hooks a route lists:
 *   login        – per client IP, before the body is even parsed (onRequest)
 *   verification – per account (real-name, re-verification, face start), after authenticate
 *   reveal       – per account, after authenticate
 *   operatorLogin – per client IP on the operator login (its own counter), before the body
 * Counters are in Redis when configured (shared by all API nodes), else in this process.
 * Exceeding one answers 429 RATE_LIMITED in our error shape with a `retry-after` header.
 */

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

declare module 'fastify' {
  interface FastifyInstance {
    rateLimits: { login: Hook; verification: Hook; reveal: Hook; operatorLogin: Hook }
  }
}

export interface RateLimitsPluginOptions extends Record<string, unknown> {
  /** operatorLogin: per IP on POST /api/operator/login, its own counter; the login limit when not given. */
  limits: { login: RateLimit; verification: RateLimit; reveal: RateLimit; operatorLogin?: RateLimit }
  redis: Redis | null
  keyPrefix: string
}

export const rateLimitsPlugin = sharedPlugin<RateLimitsPluginOptions>('rate-limits', async (app, { limits, redis, keyPrefix }) => {
  await app.register(rateLimit, {
    // Only the routes that list a limiter are limited.
    global: false,
    ...(redis ? { redis, nameSpace: rateLimitNamespace(keyPrefix) } : {}),
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', { message: `操作太频繁，请 ${Math.max(1, Math.ceil(context.ttl / 1000))} 秒后再试` }),
  })

  // Keys carry the limiter's name: the three share one key space in the store.
  const perAccount = (name: string) => (request: FastifyRequest) => `${name}:${request.identity?.account.id ?? `ip:${request.ip}`}`
  const limiter = (limit: RateLimit, key: (request: FastifyRequest) => string): Hook =>
    app.rateLimit({ max: limit.max, timeWindow: limit.windowMs, keyGenerator: key }) as unknown as Hook

  app.decorate('rateLimits', {
    login: limiter(limits.login, (request) => `login:${request.ip}`),
    verification: limiter(limits.verification, perAccount('verification')),
    reveal: limiter(limits.reveal, perAccount('reveal')),
    operatorLogin: limiter(limits.operatorLogin ?? limits.login, (request) => `operator-login:${request.ip}`),
  })
})
