import type { FastifyBaseLogger, FastifyInstance } from 'fastify'

export interface ShutdownOptions {
  app: FastifyInstance
  /** Closed after the app, once no request can still need it. */
  closeResources: () => Promise<void>
  logger: FastifyBaseLogger
  /** After this, in-flight requests are abandoned: orchestrators kill us soon anyway. */
  timeoutMs?: number
  /** Injected so tests can observe the outcome without ending the test runner. */
  exit?: (code: number) => void
  signals?: { on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown }
}

/**
 * On SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish, close the
 * database, exit 0. A second signal, or a shutdown slower than `timeoutMs`, exits 1 at once.
 */
export function exitGracefullyOnSignals(options: ShutdownOptions): void {
  const { app, closeResources, logger, timeoutMs = 10_000, exit = (code) => process.exit(code), signals = process } = options
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting')
      exit(1)
      return
    }
    stopping = true
    logger.info({ signal }, 'shutting down: finishing in-flight requests')
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs / 1000} s: exiting`)
      exit(1)
    }, timeoutMs)
    // The timer alone must not keep the process alive once everything else has closed.
    timer.unref()
    // app.close() stops accepting connections and resolves once in-flight requests end.
    app
      .close()
      .then(closeResources)
      .then(
        () => {
          clearTimeout(timer)
          exit(0)
        },
        (error: unknown) => {
          clearTimeout(timer)
          logger.error({ err: error }, 'shutdown failed')
          exit(1)
        },
      )
  }
  signals.on('SIGTERM', stop)
  signals.on('SIGINT', stop)
}
