/**
 * The databases the server suites run on: always SQLite (a fresh file per suite), plus
 * PostgreSQL when DATABASE_URL is set, e.g.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx jest --selectProjects server
 * Each PostgreSQL suite works in its own freshly created schema (gm_test_<random>),
 * dropped afterwards, so suites can run in parallel against one database.
 *
 * Usage:
 *   describe.each(dialects())('$name', (dialect) => {
 *     let testDb: TestDatabase
 *     beforeAll(async () => { testDb = await dialect.setup() })
 *     afterAll(() => testDb.cleanup())
 *   })
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { loadConfig, type Config } from '../../server/config'
import { createDb } from '../../server/db/create-db'
import type { Database } from '../../server/db/database'
import type { Dialect } from '../../server/db/dialect'

export interface TestDatabase {
  dialect: Dialect
  /** The variables that point a server process at this database (SQLITE_PATH or DATABASE_URL). */
  env: Record<string, string>
  /** A test config for this database: NODE_ENV=test, silent logs, no static dir. */
  config: Config
  /** Opens another connection to this database; closed by cleanup(). */
  open(): Kysely<Database>
  /** Closes every connection opened through open() and deletes the database. */
  cleanup(): Promise<void>
}

export interface DialectCase {
  name: Dialect
  setup(): Promise<TestDatabase>
}

export function dialects(): DialectCase[] {
  const cases: DialectCase[] = [{ name: 'sqlite', setup: setupSqlite }]
  const url = process.env.DATABASE_URL
  if (url) cases.push({ name: 'postgres', setup: () => setupPostgres(url) })
  return cases
}

/** Config for tests: explicit values only, so the developer's environment cannot leak in. */
export function testConfig(env: Record<string, string>): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    STATIC_DIR: join(tmpdir(), 'gov-mini-no-static-dir'),
    SEED_DEMO_DATA: '0',
    // Fixed keys: tests must not depend on (or create) the developer's .data/identity.key.
    IDENTITY_ENCRYPTION_KEY: '0'.repeat(63) + '1',
    IDENTITY_HASH_KEY: '0'.repeat(63) + '2',
    // Ed25519 (base64 PKCS8 DER), fixed for the same reason: no .data/health-code.key from tests.
    HEALTH_CODE_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEID5oOG3PvfNPFWQ5UFVUg9ysmVkQYeEjo8kccXyiL0eY',
    HEALTH_CODE_KEY_ID: 'test-1',
    SOCIAL_PROOF_KEY: '0'.repeat(62) + '53',
    UPLOAD_LINK_KEY: '0'.repeat(62) + '54',
    // Ed25519, base64 PKCS8 DER of a fixed seed.
    CERT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE',
    ...env,
  })
}

async function setupSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'gov-mini-test-'))
  const env = { SQLITE_PATH: join(dir, 'test.sqlite') }
  return withConnections('sqlite', env, async () => rmSync(dir, { recursive: true, force: true }))
}

async function setupPostgres(url: string): Promise<TestDatabase> {
  const schema = `gm_test_${randomBytes(6).toString('hex')}`
  await adminQuery(url, `create schema ${schema}`)
  // Every connection of this suite starts with the schema first on its search_path, so
  // unqualified table names (what the app uses) land in it.
  const scoped = new URL(url)
  scoped.searchParams.set('options', `-c search_path=${schema}`)
  const env = { DATABASE_URL: scoped.toString() }
  return withConnections('postgres', env, () => adminQuery(url, `drop schema ${schema} cascade`))
}

function withConnections(dialect: Dialect, env: Record<string, string>, drop: () => Promise<void>): TestDatabase {
  const config = testConfig(env)
  const opened: Kysely<Database>[] = []
  return {
    dialect,
    env,
    config,
    open() {
      const db = createDb(config.database)
      opened.push(db)
      return db
    },
    async cleanup() {
      // destroy() twice is harmless, so suites may destroy their own instances too.
      await Promise.all(opened.map((db) => db.destroy()))
      await drop()
    },
  }
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(
      `DATABASE_URL is set but PostgreSQL does not answer (${(error as Error).message}). ` +
        'Start it (e.g. docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust -e POSTGRES_DB=test postgres:15) ' +
        'or unset DATABASE_URL to run on SQLite only.',
    )
  }
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
