import type { TtlCache } from './cache/ttl-cache'
import type { Clock } from './clock'
import type { Config } from './config'

/**
 * What app.ts hands every domain's `register<Domain>(app, deps)`. A domain that builds on
 * another gets that domain's context as well (e.g. `{ ...deps, identity }`); the database,
 * Redis, logger and audit come from the app's decorators (app.db, app.redis, app.log, app.audit).
 */
export interface AppDeps {
  config: Config
  clock: Clock
  /** Last known copies (Redis when configured, else this process): sessions and health codes keep working while the database is down. */
  lastKnown: TtlCache
}
