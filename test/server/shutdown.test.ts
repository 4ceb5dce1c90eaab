import { EventEmitter } from 'node:events'
import pino from 'pino'
import { exitGracefullyOnSignals } from '../../server/shutdown'
import { request } from '../support/http'
import { dialects, type TestDatabase } from '../support/dialects'
import { startApp } from '../support/server-app'

const [sqlite] = dialects()

describe('graceful shutdown', () => {
  let testDb: TestDatabase

  beforeEach(async () => {
    testDb = await sqlite!.setup()
  })
  afterEach(() => testDb.cleanup())

  /** An app with a route that answers only when the test says so. */
  async function appWithSlowRoute() {
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    let arrived!: () => void
    const hasArrived = new Promise<void>((resolve) => (arrived = resolve))
    const db = testDb.open()
    const server = await startApp({
      config: testDb.config,
      db,
      extend(app) {
        app.get('/api/test/slow', async () => {
          arrived()
          await released
          return { done: true }
        })
      },
    })
    const signals = new EventEmitter()
    const exit = jest.fn<void, [number]>()
    const closeResources = jest.fn(() => db.destroy())
    return { server, db, signals, exit, closeResources, release, hasArrived }
  }

  test('SIGTERM lets the in-flight request finish, then closes the database and exits 0', async () => {
    const { server, signals, exit, closeResources, release, hasArrived } = await appWithSlowRoute()
    exitGracefullyOnSignals({ app: server.app, closeResources, logger: pino({ level: 'silent' }), exit, signals })

    const inFlight = server.request('/api/test/slow')
    await hasArrived
    signals.emit('SIGTERM', 'SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(exit).not.toHaveBeenCalled()
    expect(closeResources).not.toHaveBeenCalled()
    // No new connections once shutting down.
    await expect(request(`${server.baseUrl}/api/health`)).rejects.toThrow()

    release()
    const response = await inFlight
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ done: true })
    await waitUntil(() => exit.mock.calls.length > 0)
    expect(closeResources).toHaveBeenCalledTimes(1)
    expect(exit).toHaveBeenCalledWith(0)
  })

  test('a second signal exits 1 at once', async () => {
    const { server, signals, exit, closeResources, release, hasArrived } = await appWithSlowRoute()
    exitGracefullyOnSignals({ app: server.app, closeResources, logger: pino({ level: 'silent' }), exit, signals })
    const inFlight = server.request('/api/test/slow')
    await hasArrived
    signals.emit('SIGTERM', 'SIGTERM')
    signals.emit('SIGINT', 'SIGINT')
    expect(exit).toHaveBeenCalledWith(1)
    release()
    await inFlight
  })

  test('a shutdown slower than the timeout exits 1', async () => {
    const { server, signals, exit, closeResources, release, hasArrived } = await appWithSlowRoute()
    exitGracefullyOnSignals({ app: server.app, closeResources, logger: pino({ level: 'silent' }), exit, signals, timeoutMs: 100 })
    const inFlight = server.request('/api/test/slow')
    await hasArrived
    signals.emit('SIGTERM', 'SIGTERM')
    await waitUntil(() => exit.mock.calls.length > 0)
    expect(exit).toHaveBeenCalledWith(1)
    release()
    await inFlight
  })
})

async function waitUntil(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
