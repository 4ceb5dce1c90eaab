import type { FastifyInstance } from 'fastify'
import type { LiveActivity } from '../../src/contract/console/schemas'
import type { AppDeps } from '../deps'
import { activityBusFor } from './activity'
import { startFanOut, type FanOut } from './fan-out'
import { liveRoutes } from './routes'
import { serviceNames } from './service-names'
import { LiveStreams } from './streams'

/**
 * The live demand view: citizen activity recorded on this node (./activity.ts) and, with
 * REDIS_URL, on every other node (./fan-out.ts) goes to every dashboard connected here
 * (./streams.ts), each event with its item's name. Streams end with the app (shutdown).
 */
export async function registerLive(app: FastifyInstance, { clock, config }: AppDeps): Promise<void> {
  const streams = new LiveStreams()
  const nameOf = serviceNames(app.db)
  // Names are looked up in order, one event after the other: the feed keeps the actions' order.
  let queue: Promise<void> = Promise.resolve()
  const deliver = (activity: LiveActivity) => {
    queue = queue.then(async () => {
      if (streams.size === 0) return
      const serviceName = activity.serviceCode ? await nameOf(activity.serviceCode) : undefined
      streams.send('activity', serviceName ? { ...activity, serviceName } : activity)
    })
  }

  let fanOut: FanOut | undefined
  let unsubscribe: (() => void) | undefined
  app.addHook('onReady', async () => {
    if (app.redis) fanOut = await startFanOut(app.redis, config.redisKeyPrefix, deliver, app.log)
    unsubscribe = activityBusFor(app.db).subscribe((activity) => {
      deliver(activity)
      fanOut?.publish(activity)
    })
  })
  // Before the server stops accepting: open streams would otherwise hold app.close() until they time out.
  app.addHook('preClose', async () => {
    unsubscribe?.()
    streams.closeAll()
    await fanOut?.close()
  })
  await app.register(liveRoutes, { clock, streams })
}
