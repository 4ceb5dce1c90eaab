import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../server/config'
import { createDb, poolTimeouts } from '../../server/db/create-db'
import { dialects, testConfig } from '../support/dialects'

function problemsWith(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return [...(error as ConfigError).problems]
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`)
}

// What production needs besides the variables under test.
const PRODUCTION = {
  NODE_ENV: 'production',
  IDENTITY_ENCRYPTION_KEY: 'a'.repeat(64),
  IDENTITY_HASH_KEY: 'b'.repeat(64),
  SOCIAL_PROOF_KEY: 'c'.repeat(64),
  UPLOAD_LINK_KEY: 'd'.repeat(64),
  CERT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIM3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3N',
  HEALTH_CODE_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIBchZn+z1czxHliYLUiXEk+dwISCuyNNmQuGR2/fBg58',
  HEALTH_CODE_KEY_ID: 'hc-prod-1',
}

describe('PUBLIC_ORIGIN', () => {
  test('defaults to the server itself outside production, http://localhost:PORT', () => {
    expect(loadConfig({}).publicOrigin).toBe('http://localhost:8080')
    expect(loadConfig({ NODE_ENV: 'test', PORT: '3000' }).publicOrigin).toBe('http://localhost:3000')
  })

  test('is required in production, and must be https there', () => {
    expect(problemsWith(PRODUCTION)).toEqual([expect.stringMatching(/^PUBLIC_ORIGIN is required and must be an origin/)])
    expect(problemsWith({ ...PRODUCTION, PUBLIC_ORIGIN: 'http://gov.example.cn' })).toEqual([
      'PUBLIC_ORIGIN must be an https:// origin when NODE_ENV=production, got "http://gov.example.cn"',
    ])
    expect(loadConfig({ ...PRODUCTION, PUBLIC_ORIGIN: 'https://gov.example.cn' }).publicOrigin).toBe('https://gov.example.cn')
  })

  test.each([
    ['https://gov.example.cn', 'https://gov.example.cn'],
    ['https://gov.example.cn/', 'https://gov.example.cn'],
    ['https://GOV.example.cn:8443', 'https://gov.example.cn:8443'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
  ])('%s is read as the origin %s', (raw, origin) => {
    expect(loadConfig({ PUBLIC_ORIGIN: raw }).publicOrigin).toBe(origin)
  })

  test.each(['gov.example.cn', 'https://gov.example.cn/mini', 'https://gov.example.cn?x=1', 'https://gov.example.cn/#top', 'https://user:pw@gov.example.cn', 'ftp://gov.example.cn', 'https://gov.example.cn/"><script>'])(
    '%s is refused, naming PUBLIC_ORIGIN and its rule',
    (raw) => {
      expect(problemsWith({ PUBLIC_ORIGIN: raw })).toEqual([expect.stringMatching(/^PUBLIC_ORIGIN must be an origin such as https:\/\/gov\.example\.cn \(scheme, host and optional port; no path, query or credentials\)/)])
    },
  )
})

describe('TRUST_PROXY', () => {
  test('unset: false (X-Forwarded-* ignored)', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false)
  })

  test.each([
    ['1', 1],
    ['2', 2],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['10.0.0.0/8, 192.168.1.5,fd00::/8', ['10.0.0.0/8', '192.168.1.5', 'fd00::/8']],
    ['loopback,uniquelocal', ['loopback', 'uniquelocal']],
  ])('%s is read as %j', (raw, value) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(value)
  })

  test.each(['yes', '11', '10.0.0.0/33', '300.1.1.1', 'proxy.internal', '10.0.0.1,,10.0.0.2'])('%s is refused, naming TRUST_PROXY', (raw) => {
    expect(problemsWith({ TRUST_PROXY: raw })).toEqual([expect.stringMatching(/^TRUST_PROXY must be false, a hop count \(1-10\), or a comma-separated list/)])
  })

  test('true trusts any client to name its own address: allowed in development, refused in production naming TRUST_PROXY', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true)
    const [problem, ...others] = problemsWith({ ...PRODUCTION, PUBLIC_ORIGIN: 'https://gov.example.cn', TRUST_PROXY: 'true' })
    expect(others).toEqual([])
    expect(problem).toMatch(/^TRUST_PROXY must not be true when NODE_ENV=production/)
    expect(loadConfig({ ...PRODUCTION, PUBLIC_ORIGIN: 'https://gov.example.cn', TRUST_PROXY: '1' }).trustProxy).toBe(1)
  })
})

describe('database timeouts', () => {
  test('defaults: 2 s statements and 5 s to get a connection for the API; 5 minutes and 30 s for reports and imports', () => {
    const config = loadConfig({})
    expect(poolTimeouts(config, 'api')).toEqual({ statementMs: 2000, acquireMs: 5000 })
    expect(poolTimeouts(config, 'reports')).toEqual({ statementMs: 300_000, acquireMs: 30_000 })
  })

  test.each(['DB_STATEMENT_TIMEOUT_MS', 'DB_ACQUIRE_TIMEOUT_MS', 'DB_REPORT_STATEMENT_TIMEOUT_MS', 'DB_REPORT_ACQUIRE_TIMEOUT_MS'])('%s=0 is refused naming it', (name) => {
    expect(problemsWith({ [name]: '0' })).toEqual([expect.stringMatching(new RegExp(`^${name} must be an integer 100-`))])
  })

  const postgres = dialects().find((dialect) => dialect.name === 'postgres')
  const onPostgres = postgres ? test : test.skip
  onPostgres("PostgreSQL: each pool's connections carry its statement timeout", async () => {
    const testDb = await postgres!.setup()
    const config = testConfig({ ...testDb.env, DB_STATEMENT_TIMEOUT_MS: '1500' })
    const api = createDb(config.database, { timeouts: poolTimeouts(config, 'api') })
    const reports = createDb(config.database, { timeouts: poolTimeouts(config, 'reports') })
    const show = async (db: typeof api) => (await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db)).rows[0]?.statement_timeout
    try {
      expect(await show(api)).toBe('1500ms')
      expect(await show(reports)).toBe('5min')
    } finally {
      await api.destroy()
      await reports.destroy()
      await testDb.cleanup()
    }
  })
})

describe('README', () => {
  // The server table of "## Environment variables": one row per variable (or a few, `A` / `B`).
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Environment variables'), readme.indexOf('Client (baked into a bundle'))
  const listed = new Set(
    section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!)),
  )

  test('lists every variable the server reads', () => {
    expect(CONFIG_VARIABLES.filter((name) => !listed.has(name))).toEqual([])
  })

  test('lists no variable the server does not read', () => {
    expect([...listed].filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([])
  })
})
