import { EventEmitter } from 'node:events'
import type { LiveActivity } from '../../src/contract/console/schemas'

/**
 * The in-process activity bus: where a citizen action is recorded (a guide view, a search,
 * an application form opened or submitted, a rating), one LiveActivity is emitted here and
 * the live feed (./routes.ts) passes it on to every dashboard, and through Redis to every
 * other node's dashboards (./fan-out.ts).
 *
 * One bus per database handle, like the search engine: every app in a process (tests build
 * several) sees only its own citizens. Events carry no personal data: an item code and name,
 * and a search's text as service_searches stores it (personal numbers masked).
 * Emitting never throws and never waits: a dashboard must not slow a citizen down.
 */

export type ActivityListener = (activity: LiveActivity) => void

export class ActivityBus {
  private readonly emitter = new EventEmitter()

  constructor() {
    // One listener per dashboard connection and fan-out: no leak warning at the default 10.
    this.emitter.setMaxListeners(0)
  }

  emit(activity: LiveActivity): void {
    try {
      this.emitter.emit('activity', activity)
    } catch {
      // A listener's failure is its own business; the citizen's action has been recorded.
    }
  }

  subscribe(listener: ActivityListener): () => void {
    this.emitter.on('activity', listener)
    return () => void this.emitter.off('activity', listener)
  }

  get listeners(): number {
    return this.emitter.listenerCount('activity')
  }
}

const buses = new WeakMap<object, ActivityBus>()

/** The bus of a database handle (the app's `db`); created on first use. */
export function activityBusFor(db: object): ActivityBus {
  let bus = buses.get(db)
  if (!bus) buses.set(db, (bus = new ActivityBus()))
  return bus
}

/** Emits on `db`'s bus; `at` defaults to now. */
export function emitActivity(db: object, activity: Omit<LiveActivity, 'at'> & { at?: Date | string }): void {
  const at = activity.at instanceof Date ? activity.at.toISOString() : (activity.at ?? new Date().toISOString())
  activityBusFor(db).emit({ ...activity, at } as LiveActivity)
}
