import pino from 'pino'
import { createMemoryTtlCache } from '../../../server/cache/ttl-cache'
import { createHealthStatusCache } from '../../../server/health-code/cache'
import { createStatusReader } from '../../../server/health-code/current-status'
import type { CurrentStatus, HealthStatusesRepository } from '../../../server/health-code/statuses'
import { withAccountFallback } from '../../../server/identity/account-fallback'
import type { Account, AccountsRepository } from '../../../server/identity/accounts'
import { fakeClock } from '../../support/identity'

/** The "last known copy" fallbacks on their own: down, slow and expired databases and copies. */
const log = pino({ level: 'silent' })
const status: CurrentStatus = {
  citizenId: 'c1',
  subject: 'sub-1',
  colour: 'green',
  reason: '未见异常',
  source: '市卫健委',
  version: 3,
  since: '2026-11-20T00:00:00.000Z',
  maskedName: '张*',
}
const account: Account = { id: 'a1', platform: 'weapp', subject: 'wx-1', citizenId: 'c1', level: 3, roles: [] }
const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms))
const down = () => Promise.reject(new Error('connection refused'))

describe('health status reader', () => {
  const clock = fakeClock()
  const setup = (repository: Partial<HealthStatusesRepository>) => {
    const cache = createHealthStatusCache(createMemoryTtlCache(clock), 60, log)
    const statuses = { byCitizen: async () => status, bySubject: async () => status, ...repository }
    return { cache, reader: createStatusReader(statuses, cache, log, 20) }
  }

  test('a live read refreshes the cache; with the database down the copy answers, by citizen and by subject', async () => {
    let up = true
    const { reader } = setup({ byCitizen: () => (up ? Promise.resolve(status) : down()), bySubject: () => (up ? Promise.resolve(status) : down()) })
    expect(await reader.byCitizen('c1')).toEqual({ status, source: 'live' })
    up = false
    expect(await reader.byCitizen('c1')).toEqual({ status, source: 'cache' })
    expect(await reader.bySubject('sub-1')).toEqual({ status, source: 'cache' })
    await expect(reader.bySubject('sub-unknown')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' })
  })

  test('the copy expires with HEALTH_STATUS_CACHE_SECONDS', async () => {
    let up = true
    const { reader } = setup({ byCitizen: () => (up ? Promise.resolve(status) : down()) })
    await reader.byCitizen('c1')
    up = false
    clock.advance(61_000)
    await expect(reader.byCitizen('c1')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 })
  })

  test('a slow database past the deadline: the copy answers if there is one, else the slow answer is awaited', async () => {
    const { reader, cache } = setup({ byCitizen: () => later(60, status) })
    expect(await reader.byCitizen('c1')).toEqual({ status, source: 'live' })
    await cache.put(status)
    expect(await reader.byCitizen('c1')).toEqual({ status, source: 'cache' })
  })

  test('"no status" from a live database is not overridden by an old copy', async () => {
    const { reader, cache } = setup({ byCitizen: async () => undefined })
    await cache.put(status)
    expect(await reader.byCitizen('c1')).toBeUndefined()
  })
})

describe('account fallback', () => {
  const clock = fakeClock()
  const repository = (findById: AccountsRepository['findById']) => ({ findById }) as unknown as AccountsRepository

  test('answers from the copy while the database is down, and fails as before without one', async () => {
    let up = true
    const accounts = withAccountFallback(
      repository(async (id) => {
        if (!up) throw new Error('connection refused')
        return id === 'a1' ? account : undefined
      }),
      { cache: createMemoryTtlCache(clock), ttlSeconds: 60, log, deadlineMs: 20 },
    )
    expect(await accounts.findById('a1')).toEqual(account)
    expect(await accounts.findById('nobody')).toBeUndefined()
    up = false
    expect(await accounts.findById('a1')).toEqual(account)
    await expect(accounts.findById('a2')).rejects.toThrow('connection refused')
  })

  test('a slow database without a copy is waited for rather than failed', async () => {
    const accounts = withAccountFallback(
      repository(() => later(60, account)),
      { cache: createMemoryTtlCache(clock), ttlSeconds: 60, log, deadlineMs: 20 },
    )
    expect(await accounts.findById('a1')).toEqual(account)
  })
})
