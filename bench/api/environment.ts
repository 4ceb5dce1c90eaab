/**
 * What the bench's server processes run with: production mode, fresh keys, quiet logs, every
 * RATE_LIMIT_* row of server/config.ts raised out of the way (the bench measures throughput,
 * not the limiter refusing one client), and a database of their own: a temporary SQLite file,
 * or a fresh PostgreSQL schema and Redis key prefix, both deleted afterwards.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { CONFIG_VARIABLES } from '../../server/config'
import { dialects, type TestDatabase } from '../../test/support/dialects'

/** Each limiter allows this many requests per second: far more than one machine can send. */
const RAISED_RATE_LIMIT = '100000/1s'
/** Request logs at info would cost more than some routes; production runs at info, the bench at warn. */
export const BENCH_LOG_LEVEL = 'warn'

/** Every RATE_LIMIT_* variable the server reads, from its config table (so new limiters are raised too). */
export function rateLimitVariables(): string[] {
  return CONFIG_VARIABLES.filter((name) => name.startsWith('RATE_LIMIT_'))
}

const ed25519Pkcs8 = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')

/** The variables every server process of one run shares: keys must match, or tokens and hashes would not. */
export function baseEnv(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: BENCH_LOG_LEVEL,
    HOST: '127.0.0.1',
    // No H5 preview: only the API is measured.
    STATIC_DIR: path.join(os.tmpdir(), 'gov-mini-bench-no-static-dir'),
    SEED_DEMO_DATA: '0',
    AUTH_SANDBOX: '0',
    IDENTITY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    IDENTITY_HASH_KEY: randomBytes(32).toString('hex'),
    HEALTH_CODE_SIGNING_KEY: ed25519Pkcs8(),
    HEALTH_CODE_KEY_ID: 'bench-1',
    CERT_SIGNING_KEY: ed25519Pkcs8(),
    SOCIAL_PROOF_KEY: randomBytes(32).toString('hex'),
    UPLOAD_LINK_KEY: randomBytes(32).toString('hex'),
    // Required in production; proofs issued in a bench are never opened.
    PUBLIC_ORIGIN: 'https://bench.invalid',
    ...Object.fromEntries(rateLimitVariables().map((name) => [name, RAISED_RATE_LIMIT])),
  }
}

export interface BenchDatabase {
  name: string
  /** DATABASE_URL / SQLITE_PATH / REDIS_URL / REDIS_KEY_PREFIX for the server processes. */
  env: Record<string, string>
  cleanup(): Promise<void>
}

export async function sqliteDatabase(): Promise<BenchDatabase> {
  const database = await setup('sqlite')
  // Empty counts as unset: a DATABASE_URL or REDIS_URL in the caller's environment must not leak in.
  return { name: 'SQLite', env: { ...database.env, DATABASE_URL: '', REDIS_URL: '' }, cleanup: () => database.cleanup() }
}

/** A fresh schema in DATABASE_URL's database, and a fresh key prefix in REDIS_URL's Redis when set. */
export async function postgresDatabase(redisUrl: string | undefined): Promise<BenchDatabase> {
  const database = await setup('postgres')
  const prefix = `gov-mini-bench-${randomBytes(4).toString('hex')}:`
  return {
    name: redisUrl ? 'PostgreSQL + Redis' : 'PostgreSQL (no REDIS_URL: sessions in the database)',
    env: { ...database.env, REDIS_URL: redisUrl ?? '', REDIS_KEY_PREFIX: prefix },
    async cleanup() {
      await database.cleanup()
      if (redisUrl) await deleteKeys(redisUrl, prefix)
    },
  }
}

async function setup(name: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  const dialect = dialects().find((candidate) => candidate.name === name)
  if (!dialect) throw new Error(`${name} is not configured (set DATABASE_URL for PostgreSQL)`)
  return dialect.setup()
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
  try {
    await redis.connect()
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
      if (keys.length) await redis.del(...keys)
      cursor = next
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}
