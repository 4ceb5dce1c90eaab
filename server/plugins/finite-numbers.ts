import type { FastifyRequest } from 'fastify'
import { AppError } from '../errors'
import { sharedPlugin } from './shared-plugin'

/**
 * Refuses numbers that are not finite in the querystring, path and headers. ajv coerces the
 * text `1e400` to Infinity for an integer or number schema and then skips minimum / maximum
 * (they only test finite numbers), so `?limit=1e400` would reach a handler as Infinity and
 * fail in the database as a 500. JSON bodies are not affected: ajv only coerces from text.
 * A global preHandler runs after validation (the values are coerced) and before any
 * route's own preHandlers (authentication), like the schema check it completes.
 */
export const finiteNumbersPlugin = sharedPlugin('finite-numbers', async (app) => {
  app.addHook('preHandler', async (request) => {
    for (const scope of SCOPES) {
      const values = request[scope.property]
      if (!values || typeof values !== 'object') continue
      for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
        if (!notFinite(value)) continue
        const field = `${scope.name}.${key}`
        throw new AppError('VALIDATION_FAILED', { field, rule: 'finite number', message: `参数 ${field} 不符合要求：数字超出范围` })
      }
    }
  })
})

const SCOPES: { property: keyof Pick<FastifyRequest, 'query' | 'params' | 'headers'>; name: string }[] = [
  { property: 'query', name: 'query' },
  { property: 'params', name: 'params' },
  { property: 'headers', name: 'headers' },
]

function notFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value)
  return Array.isArray(value) && value.some((item) => typeof item === 'number' && !Number.isFinite(item))
}
