/**
 * A sweep run on a timer and on demand, one at a time per process: a caller arriving while
 * one runs waits for it, then sweeps (other nodes are kept out by the sweep's own conditional
 * updates). The timer is unref'd, so a pending sweep never keeps the process alive; stop()
 * waits for a sweep in progress. Shared by the notification dispatcher and the booking reminders.
 */
export interface PeriodicSweep<T> {
  run(): Promise<T>
  /** Starts the timer (none when intervalSeconds ≤ 0; a second start does nothing). */
  start(): void
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>
}

export function periodicSweep<T>(
  sweep: () => Promise<T>,
  options: { intervalSeconds: number; onError: (error: unknown) => void },
): PeriodicSweep<T> {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<T> | undefined

  function run(): Promise<T> {
    const previous = running ?? Promise.resolve(undefined)
    const next = previous.then(sweep, sweep).finally(() => {
      if (running === next) running = undefined
    })
    running = next
    return next
  }

  return {
    run,
    start() {
      if (options.intervalSeconds <= 0 || timer) return
      timer = setInterval(() => run().catch(options.onError), options.intervalSeconds * 1000)
      timer.unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = undefined
      await running?.catch(() => undefined)
    },
  }
}
