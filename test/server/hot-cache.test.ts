import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { createHotCaches, type HotCaches } from '../../server/cache/hot-cache'

const log = { warn: () => undefined }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('in-process copies (server/cache/hot-cache.ts), one process', () => {
  test('a read that began before an invalidation does not store the old value; copies expire', async () => {
    const hot = createHotCaches({ redis: null, keyPrefix: 'x:', log, ttlMs: 100 })
    await hot.start()
    const racing = hot.status.begin()
    hot.status.invalidate('citizen-1')
    racing('citizen-1', 'green')
    expect(hot.status.get('citizen-1')).toBeUndefined()

    hot.status.begin()('citizen-1', 'red')
    expect(hot.status.get('citizen-1')).toBe('red')
    await sleep(150)
    expect(hot.status.get('citizen-1')).toBeUndefined()
    await hot.close()
  })

  test('HOT_CACHE_MS 0 keeps nothing', async () => {
    const hot = createHotCaches({ redis: null, keyPrefix: 'x:', log, ttlMs: 0 })
    hot.session.begin()('token', { accountId: 'a' })
    expect(hot.session.get('token')).toBeUndefined()
  })
})

// The shared Redis of the test set-up (as test/server/console/live-two-nodes.test.ts).
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

describe('in-process copies across two nodes (Redis pub/sub)', () => {
  const keyPrefix = `gm-test-${randomBytes(4).toString('hex')}:`
  const clients: Redis[] = []
  const nodes: HotCaches[] = []
  const node = async (connectionName?: string) => {
    // The name carries over to hot-cache's subscriber connection (ioredis duplicate()), so a test can find it.
    const redis = new Redis(REDIS_URL, connectionName ? { connectionName } : {})
    clients.push(redis)
    const hot = createHotCaches({ redis, keyPrefix, log })
    nodes.push(hot)
    await hot.start()
    return { hot, redis }
  }
  afterAll(async () => {
    await Promise.all(nodes.map((hot) => hot.close()))
    clients.forEach((redis) => redis.disconnect())
  })

  test("node 1's invalidation drops node 2's copy within milliseconds; its own copy at once", async () => {
    const [one, two] = [await node(), await node()]
    one.hot.account.begin()('acc', { level: 4 })
    two.hot.account.begin()('acc', { level: 4 })
    expect(two.hot.account.get('acc')).toEqual({ level: 4 })
    const start = performance.now()
    one.hot.account.invalidate('acc')
    expect(one.hot.account.get('acc')).toBeUndefined()
    while (two.hot.account.get('acc') !== undefined) {
      expect(performance.now() - start).toBeLessThan(1000)
      await sleep(5)
    }
  })

  test('a node whose subscription drops uses no copies until it is back', async () => {
    const name = `${keyPrefix.replace(/:$/, '')}-sub`
    const { hot } = await node(name)
    hot.session.begin()('token', { accountId: 'a' })
    expect(hot.session.get('token')).toEqual({ accountId: 'a' })
    // Its subscriber connection dropped the way a network failure would: killed by Redis itself.
    const admin = new Redis(REDIS_URL)
    clients.push(admin)
    const list = (await admin.client('LIST')) as string
    const subscriber = list.split('\n').find((line) => line.includes(`name=${name} `) && line.includes('sub=1'))
    expect(subscriber).toBeDefined()
    await admin.client('KILL', 'ID', /id=(\d+)/.exec(subscriber!)![1]!)
    await sleep(50)
    expect(hot.session.get('token')).toBeUndefined()
    hot.session.begin()('token', { accountId: 'a' })
    // Until it has subscribed again nothing is kept; ioredis reconnects by itself.
    for (let waited = 0; hot.session.get('token') === undefined && waited < 3000; waited += 50) {
      await sleep(50)
      hot.session.begin()('token', { accountId: 'a' })
    }
    expect(hot.session.get('token')).toEqual({ accountId: 'a' })
  })
})
