/**
 * One suite's lifecycle on one dialect, as Kysely's test-setup.ts: inside
 * `describe.each(dialects())`, a fresh database and an app started on it before the
 * suite's tests, both closed after them.
 *
 *   describe.each(dialects())('wallet on $name', (dialect) => {
 *     const { app, testDb } = useDialectApp(dialect, startCertificatesApp)
 *     it('…', async () => { await app.login(…) })
 *   })
 *
 * `app` and `testDb` are usable in tests and hooks (they stand for what beforeAll built);
 * reading them while the suite is being defined throws, as a `let` still undefined would fail.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../server/db/database'
import { migrateToLatest } from '../../server/db/migrator'
import type { DialectCase, TestDatabase } from './dialects'

export interface DialectApp<A> {
  app: A
  testDb: TestDatabase
}

interface Closable {
  close(): Promise<void>
}

export function useDialectApp<A extends Closable>(dialect: DialectCase, start: (testDb: TestDatabase) => Promise<A>): DialectApp<A> {
  let testDb: TestDatabase | undefined
  let app: A | undefined
  beforeAll(async () => {
    testDb = await dialect.setup()
    app = await start(testDb)
  })
  afterAll(async () => {
    await app?.close()
    await testDb?.cleanup()
  })
  return { app: startedLater('app', () => app), testDb: startedLater('testDb', () => testDb) }
}

/**
 * The same with several apps on the one database (two deployments, a setting on and off):
 * started in the order given, closed in the same order, before the database is deleted.
 *
 *   const { apps: { before, after } } = useDialectApps(dialect, { before: startIdentityApp, after: (testDb) => startIdentityApp(testDb, { env }) })
 */
export function useDialectApps<K extends string, A extends Closable>(
  dialect: DialectCase,
  starts: Record<K, (testDb: TestDatabase) => Promise<A>>,
): { apps: Record<K, A>; testDb: TestDatabase } {
  const names = Object.keys(starts) as K[]
  const started: Partial<Record<K, A>> = {}
  const { testDb } = useDialectApp(dialect, async (testDb) => {
    for (const name of names) started[name] = await starts[name](testDb)
    return {
      close: async () => {
        for (const name of names) await started[name]?.close()
      },
    }
  })
  const apps = {} as Record<K, A>
  for (const name of names) apps[name] = startedLater<A & object>(name, () => started[name])
  return { apps, testDb }
}

/**
 * A suite that works on the database alone (seeds, migrations, repositories): a fresh
 * database, migrated to the latest schema unless `migrate: false` (suites that test the
 * migrations themselves), deleted after the suite.
 */
export function useDialectDb(dialect: DialectCase, { migrate = true }: { migrate?: boolean } = {}): { db: Kysely<Database>; testDb: TestDatabase } {
  let db: Kysely<Database> | undefined
  const { testDb } = useDialectApp(dialect, async (testDb) => {
    db = testDb.open()
    if (migrate) await migrateToLatest(db)
    // testDb.cleanup() closes what open() opened.
    return { close: () => Promise.resolve() }
  })
  // Kysely keeps its state in private fields: its methods must run on the instance itself.
  return { db: startedLater('db', () => db, { bindMethods: true }), testDb }
}

/**
 * Forwards to the object `current()` returns once beforeAll set it. Values are returned as
 * they are (not bound): a fake clock is a function with methods of its own, and a method
 * called through the proxy still reaches the real object's properties through `this`.
 */
function startedLater<T extends object>(name: string, current: () => T | undefined, { bindMethods = false } = {}): T {
  const target = (): T => {
    const value = current()
    if (value === undefined) throw new Error(`useDialectApp: ${name} is read before the suite's beforeAll started it`)
    return value
  }
  return new Proxy({} as T, {
    get(_, property) {
      const object = target()
      const value: unknown = Reflect.get(object, property)
      return bindMethods && typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    set: (_, property, value) => Reflect.set(target(), property, value),
    has: (_, property) => Reflect.has(target(), property),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor(_, property) {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), property)
      // The proxy's own target is empty: a property it reports must be configurable.
      return descriptor && { ...descriptor, configurable: true }
    },
  })
}
