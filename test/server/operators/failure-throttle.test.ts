import { createFailureThrottle, delayAfter, type FailureThrottle } from '../../../server/cache/failure-throttle'
import { cleanupRedis, fakeClock, suiteRedis } from '../../support/identity'

/**
 * The counter behind operator login throttling, in process and (when REDIS_URL is set) in
 * Redis, which must behave alike: the Redis one is what several API nodes share.
 */
test('waits grow 1 s, 2 s, 4 s… from the free attempts on, capped', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8].map((count) => delayAfter(count, 3, 1000, 5000))).toEqual([0, 0, 1000, 2000, 4000, 5000, 5000, 5000])
  expect(delayAfter(1000, 3, 1000, 300_000)).toBe(300_000)
})

const stores: [string, boolean][] = [['in process', false], ...(process.env.REDIS_URL ? ([['in Redis', true]] as [string, boolean][]) : [])]

describe.each(stores)('failure throttle %s', (_name, useRedis) => {
  const redis = useRedis ? suiteRedis() : undefined
  const clock = fakeClock()
  let throttle: FailureThrottle
  const key = (name: string, free = 3) => ({ key: name, free })

  beforeAll(() => {
    throttle = createFailureThrottle(redis?.redis ?? null, redis?.prefix ?? '', { maxDelayMs: 5000, windowMs: 60_000, clock })
  })
  afterAll(() => cleanupRedis(redis))

  test('free attempts pass; the one that uses them up is marked exhausted and makes the next wait; early attempts are refused uncounted', async () => {
    const user = key('user-a')
    expect(await throttle.attempt([user])).toEqual({ allowed: true, exhausted: false })
    expect(await throttle.attempt([user])).toEqual({ allowed: true, exhausted: false })
    expect(await throttle.attempt([user])).toEqual({ allowed: true, exhausted: true })
    expect(await throttle.attempt([user])).toEqual({ allowed: false, retryAfterMs: 1000 })
    clock.advance(400)
    expect(await throttle.attempt([user])).toEqual({ allowed: false, retryAfterMs: 600 })
    expect(await throttle.waitingUntil('user-a')).toEqual(new Date(clock().getTime() + 600))
    clock.advance(600)
    expect(await throttle.attempt([user])).toEqual({ allowed: true, exhausted: true })
    expect(await throttle.attempt([user])).toEqual({ allowed: false, retryAfterMs: 2000 })
  })

  test('any waiting key refuses the attempt, and then none of the keys counts it', async () => {
    const user = key('user-b')
    const ip = key('ip-b', 1)
    expect(await throttle.attempt([user, ip])).toEqual({ allowed: true, exhausted: true })
    expect(await throttle.attempt([key('user-c'), ip])).toEqual({ allowed: false, retryAfterMs: 1000 })
    // user-c was not counted: it still has all of its free attempts.
    clock.advance(1000)
    for (let attempt = 0; attempt < 2; attempt += 1) expect(await throttle.attempt([key('user-c')])).toEqual({ allowed: true, exhausted: false })
  })

  test('a success gives its attempt back (and ends the wait once under the free attempts); clear forgets a key', async () => {
    const ip = key('ip-d', 2)
    await throttle.attempt([ip])
    expect(await throttle.attempt([ip])).toEqual({ allowed: true, exhausted: true })
    expect(await throttle.waitingUntil('ip-d')).not.toBeNull()
    await throttle.succeeded([ip])
    expect(await throttle.waitingUntil('ip-d')).toBeNull()
    expect(await throttle.attempt([ip])).toEqual({ allowed: true, exhausted: true })
    await throttle.clear('ip-d')
    expect(await throttle.waitingUntil('ip-d')).toBeNull()
    expect(await throttle.attempt([ip])).toEqual({ allowed: true, exhausted: false })
  })

  test('a key is forgotten the window after its last attempt (plus its wait)', async () => {
    const user = key('user-e')
    for (let attempt = 0; attempt < 3; attempt += 1) await throttle.attempt([user])
    clock.advance(60_000)
    expect(await throttle.attempt([user])).toEqual({ allowed: true, exhausted: true })
    clock.advance(2000 + 60_000)
    expect(await throttle.attempt([user])).toEqual({ allowed: true, exhausted: false })
  })
})
