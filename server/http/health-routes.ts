import { sql } from 'kysely'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ERROR_CODES } from '../../src/contract/errors'
import { LivenessSchema, NotReadySchema, ReadinessSchema, type NotReady, type Readiness } from '../../src/contract/schemas'
import { dialectOf } from '../db/dialect'
import { withErrors } from './with-errors'

/** A probe that waits longer than this is as bad as a failed one for a load balancer. */
const READY_TIMEOUT_MS = 2000

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Liveness: the process answers. No dependencies, so a database outage does not get
  // healthy processes restarted.
  app.get(
    '/api/health',
    { schema: { summary: 'Liveness probe', tags: ['health'], response: withErrors(LivenessSchema) } },
    async () => ({ status: 'ok' as const }),
  )

  // Readiness: the database answers. 503 takes the node out of the load balancer.
  app.get(
    '/api/ready',
    {
      schema: {
        summary: 'Readiness probe: 200 when the database answers, 503 when it does not',
        tags: ['health'],
        response: { ...withErrors(ReadinessSchema), 503: NotReadySchema },
      },
    },
    async (request, reply): Promise<Readiness | NotReady> => {
      const database = dialectOf(app.db)
      try {
        await withTimeout(sql`select 1`.execute(app.db), READY_TIMEOUT_MS)
        return { status: 'ready', database }
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed')
        const code = 'SERVICE_UNAVAILABLE' as const
        return reply.code(503).send({ status: 'unavailable', database, error: { code, message: ERROR_CODES[code].message } })
      }
    },
  )
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
