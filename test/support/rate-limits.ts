/**
 * Every RATE_LIMIT_* variable of server/config.ts's table raised out of the way, for suites
 * that send many requests from one address and one account and are not about the limiter
 * (read from the table, so a limiter added later is raised too).
 */
import { CONFIG_VARIABLES } from '../../server/config'

export function raisedRateLimits(limit = '100000/1m'): Record<string, string> {
  return Object.fromEntries(CONFIG_VARIABLES.filter((name) => name.startsWith('RATE_LIMIT_')).map((name) => [name, limit]))
}
