import type { Kysely } from 'kysely'
import { PERFORMANCE_CACHE_SECONDS } from '../../src/contract/performance/data'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import { computePerformance, type PerformanceSet } from './figures'

/**
 * One computed set for every item and department, served for PERFORMANCE_CACHE_SECONDS and
 * then computed again on the next request. Public, aggregate, a few minutes old at most: each
 * node keeps its own copy (no invalidation needed), and concurrent requests share one
 * computation. A single entry, so no LRU library: there is nothing to evict but the one set.
 */
export interface PerformanceCache {
  get(): Promise<PerformanceSet>
}

export function createPerformanceCache(db: () => Kysely<Database>, clock: Clock): PerformanceCache {
  let current: { set: PerformanceSet; until: number } | undefined
  let computing: Promise<PerformanceSet> | undefined
  return {
    async get() {
      const now = clock()
      if (current && now.getTime() < current.until) return current.set
      computing ??= computePerformance(db(), now)
        .then((set) => {
          current = { set, until: now.getTime() + PERFORMANCE_CACHE_SECONDS * 1000 }
          return set
        })
        .finally(() => {
          computing = undefined
        })
      return computing
    },
  }
}
