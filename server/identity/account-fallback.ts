import type { FastifyBaseLogger } from 'fastify'
import type { TtlCache } from '../cache/ttl-cache'
import { DeadlineExceeded, withDeadline } from '../db/deadline'
import type { Account, AccountsRepository } from './accounts'

/**
 * Keeps the accounts behind live sessions checkable while the database is down. Sessions
 * can live in Redis, but every request also reads its account (level, roles, citizen) from
 * the database; without this, a database outage would log everyone out even where a
 * feature could still answer from a cache (the health code).
 *
 * Each account read successfully is copied to the cache (at most once per
 * REFRESH_MS per process, unless it changed); when the database fails, the copy answers.
 * A copy can be stale only in what changed during the outage itself, and it lives no
 * longer than a session can (`ttlSeconds`).
 */
export interface AccountFallbackOptions {
  cache: TtlCache
  ttlSeconds: number
  log: Pick<FastifyBaseLogger, 'warn'>
  /** How long a database read may take before the copy answers instead. */
  deadlineMs?: number
}

const REFRESH_MS = 5 * 60_000
const DEFAULT_DEADLINE_MS = 2000

export function withAccountFallback(accounts: AccountsRepository, options: AccountFallbackOptions): AccountsRepository {
  const { cache, ttlSeconds, log, deadlineMs = DEFAULT_DEADLINE_MS } = options
  const key = (id: string) => `account:${id}`
  // What this process last wrote, so a busy account does not cost a cache write per request.
  const written = new Map<string, { json: string; at: number }>()

  const remember = async (account: Account): Promise<void> => {
    const json = JSON.stringify(account)
    const last = written.get(account.id)
    const now = Date.now()
    if (last && last.json === json && now - last.at < REFRESH_MS) return
    try {
      await cache.set(key(account.id), json, ttlSeconds)
      written.delete(account.id)
      written.set(account.id, { json, at: now })
      if (written.size > 10_000) written.delete(written.keys().next().value as string)
    } catch (error) {
      log.warn({ err: error }, 'account fallback copy not written')
    }
  }

  return {
    ...accounts,
    async findById(id) {
      const read = accounts.findById(id)
      let account: Account | undefined
      try {
        account = await withDeadline(read, deadlineMs, 'account read')
      } catch (error) {
        const copy = await cache.get(key(id)).catch(() => undefined)
        if (copy) {
          log.warn({ err: error, accountId: id }, 'database unavailable: account answered from the fallback copy')
          return JSON.parse(copy) as Account
        }
        // No copy: a slow database is still better than none, so wait for it after all.
        if (!(error instanceof DeadlineExceeded)) throw error
        account = await read
      }
      if (account) await remember(account)
      return account
    },
  }
}
