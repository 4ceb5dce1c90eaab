import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import { createCalendarCache } from './cache'
import { calendarRoutes } from './routes'


/**
 * The working calendar (工作日历) domain: the process's copy used by working-day counting is
 * loaded when the app is ready and kept fresh (./cache.ts); admins read and replace years.
 */
export async function registerCalendar(app: FastifyInstance, { clock }: AppDeps): Promise<void> {
  const cache = createCalendarCache(app.db, app.log)
  app.addHook('onReady', async () => cache.start())
  app.addHook('onClose', async () => cache.stop())
  await app.register(calendarRoutes, { clock, cache })
}
