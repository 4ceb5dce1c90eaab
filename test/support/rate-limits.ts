/**
 * Every RATE_LIMIT_* variable of server/config.ts's table raised out of the way, for suites
 * that send many requests from one address and one account and are not about the limiter
 * (read from the table, so a limiter added later is raised too).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export function raisedRateLimits(): Record<string, string> {
  const source = readFileSync(join(__dirname, '..', '..', 'server', 'config.ts'), 'utf8')
  const names = new Set([...source.matchAll(/name: '(RATE_LIMIT_[A-Z0-9_]+)'/g)].map((match) => match[1]!))
  return Object.fromEntries([...names].map((name) => [name, '100000/1m']))
}
