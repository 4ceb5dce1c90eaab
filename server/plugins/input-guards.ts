import type { FastifyRequest } from 'fastify'
import { NO_CONTROL_CHARACTERS } from '../../src/contract/free-text'
import { AppError } from '../errors'
import { sharedPlugin } from './shared-plugin'

/**
 * Two things the schemas cannot refuse, refused for every route in one place (as a 400
 * VALIDATION_FAILED naming the field, like a schema error):
 *   - numbers that are not finite in the querystring, path and headers: ajv coerces the text
 *     `1e400` to Infinity for an integer or number schema and then skips minimum / maximum
 *     (they only test finite numbers), so `?limit=1e400` reached handlers as Infinity and
 *     failed in the database as a 500. JSON bodies are not affected: ajv only coerces text;
 *   - the NUL character (U+0000) in any text of the querystring, path or body: PostgreSQL
 *     cannot store it in text ("invalid byte sequence"), so it was a 500 there and stored as
 *     is on SQLite; no legitimate input contains it.
 * A global preHandler runs after validation (values are coerced) and before any route's own
 * preHandlers (level and role checks; the session itself is checked before the body is read,
 * ./authenticate-first.ts), like the schema check it completes.
 */
export const inputGuardsPlugin = sharedPlugin('input-guards', async (app) => {
  // A callback hook: the check is synchronous, so no promise per request.
  app.addHook('preHandler', (request, _reply, done) => {
    for (const scope of SCOPES) {
      const problem = scope.property === 'headers' ? nonFiniteHeader(request.headers) : findProblem(request[scope.property], [scope.name])
      if (!problem) continue
      const field = problem.path.join('.')
      return done(
        new AppError('VALIDATION_FAILED', {
          field,
          rule: problem.rule,
          message: problem.rule === 'finite number' ? `参数 ${field} 不符合要求：数字超出范围` : `参数 ${field} 包含不可见的控制字符，请删除后重试`,
        }),
      )
    }
    done()
  })
})

const SCOPES: { property: keyof Pick<FastifyRequest, 'query' | 'params' | 'headers' | 'body'>; name: string }[] = [
  { property: 'params', name: 'params' },
  { property: 'query', name: 'query' },
  { property: 'headers', name: 'headers' },
  { property: 'body', name: 'body' },
]

/**
 * A header coerced to a number that is not finite. Header values stay text unless the route's
 * schema types them, and a headers schema is flat (a value, or a list of values), so one level
 * is all there is to look at: no walk, no route lookup, on every request.
 */
function nonFiniteHeader(headers: FastifyRequest['headers']): { path: string[]; rule: string } | undefined {
  for (const name in headers) {
    const value: unknown = headers[name]
    if (typeof value === 'number' && !Number.isFinite(value)) return { path: ['headers', name], rule: 'finite number' }
    if (!Array.isArray(value)) continue
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index]
      if (typeof item === 'number' && !Number.isFinite(item)) return { path: ['headers', name, String(index)], rule: 'finite number' }
    }
  }
  return undefined
}

/** Nesting deeper than this is not walked (the schemas of this API are two or three levels deep). */
const MAX_DEPTH = 8

function findProblem(value: unknown, path: string[], depth = 0): { path: string[]; rule: string } | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path, rule: 'finite number' }
  // The rule's name is the one the free-text checks (server/free-text.ts) use for all control characters.
  if (typeof value === 'string') return value.includes('\u0000') ? { path, rule: NO_CONTROL_CHARACTERS } : undefined
  if (!value || typeof value !== 'object' || depth >= MAX_DEPTH) return undefined
  for (const [key, inner] of Object.entries(value)) {
    const found = findProblem(inner, [...path, key], depth + 1)
    if (found) return found
  }
  return undefined
}
