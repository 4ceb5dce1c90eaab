import { Writable } from 'node:stream'
import Fastify from 'fastify'
import pino from 'pino'
import { lazyChildLoggerFactory } from '../../server/http/lazy-request-logger'

/**
 * Each request's logger is made on its first written line (server/http/lazy-request-logger.ts):
 * what is written must be exactly what pino's own child writes (the request id on every line,
 * the level respected, a route's own level), and nothing is made for a request that writes nothing.
 */
function capture(level: string) {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  return { lines, logger: pino({ level }, stream) }
}

describe('lazy request logger', () => {
  test('a line below the level makes no child and writes nothing; a line at the level carries the bindings', () => {
    const { lines, logger } = capture('warn')
    const child = jest.spyOn(logger, 'child')
    const log = lazyChildLoggerFactory.call(Fastify(), logger, { reqId: 'req-1' }, {}, {} as never)
    log.info({ detail: 1 }, 'below the level')
    log.debug('below the level')
    expect(child).not.toHaveBeenCalled()
    expect(log.level).toBe('warn')
    log.warn({ detail: 2 }, 'written')
    log.error('also written')
    expect(child).toHaveBeenCalledTimes(1)
    expect(lines.map(({ reqId, msg, detail }) => ({ reqId, msg, detail }))).toEqual([
      { reqId: 'req-1', msg: 'written', detail: 2 },
      { reqId: 'req-1', msg: 'also written', detail: undefined },
    ])
  })

  test("a route's own level is the child's level", () => {
    const { lines, logger } = capture('warn')
    const log = lazyChildLoggerFactory.call(Fastify(), logger, { reqId: 'req-2' }, { level: 'debug' }, {} as never)
    log.debug('route debug')
    log.trace('below even that')
    expect(lines.map(({ reqId, msg }) => ({ reqId, msg }))).toEqual([{ reqId: 'req-2', msg: 'route debug' }])
  })

  test('through Fastify: request logs at info, an error logged by a handler, all with the request id', async () => {
    const { lines, logger } = capture('info')
    const app = Fastify({ loggerInstance: logger, childLoggerFactory: lazyChildLoggerFactory })
    app.get('/fails', async (request) => {
      request.log.error({ detail: 'x' }, 'handler error')
      return { ok: true }
    })
    await app.inject({ method: 'GET', url: '/fails' })
    await app.close()
    const messages = lines.filter((line) => line.reqId).map((line) => line.msg)
    expect(messages).toEqual(['incoming request', 'handler error', 'request completed'])
    expect(new Set(lines.filter((line) => line.reqId).map((line) => line.reqId)).size).toBe(1)
  })
})
