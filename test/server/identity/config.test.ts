import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, loadConfig } from '../../../server/config'
import { devIdentityKey } from '../../../server/identity/dev-keys'

const HEX_KEY = 'ab'.repeat(32)
const BASE64_KEY = Buffer.alloc(32, 7).toString('base64')
// SOCIAL_PROOF_KEY: production needs it too (test/server/social-security covers it).
// CERT_SIGNING_KEY likewise (test/server/certificates covers it).
// HEALTH_CODE_SIGNING_KEY / HEALTH_CODE_KEY_ID likewise (test/server/health-code covers them).
const KEYS = { IDENTITY_ENCRYPTION_KEY: HEX_KEY, IDENTITY_HASH_KEY: BASE64_KEY, SOCIAL_PROOF_KEY: 'cd'.repeat(32), UPLOAD_LINK_KEY: 'dc'.repeat(32), CERT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIO7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u', HEALTH_CODE_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIBchZn+z1czxHliYLUiXEk+dwISCuyNNmQuGR2/fBg58', HEALTH_CODE_KEY_ID: 'hc-prod-1', PUBLIC_ORIGIN: 'https://gov.example.cn' }

function problemsWith(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return [...(error as ConfigError).problems]
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`)
}

describe('loadConfig: identity', () => {
  test('production without the identity keys is a ConfigError naming both', () => {
    const problems = problemsWith({ NODE_ENV: 'production' })
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^IDENTITY_ENCRYPTION_KEY is required and must be 32 bytes/),
        expect.stringMatching(/^IDENTITY_HASH_KEY is required and must be 32 bytes/),
      ]),
    )
  })

  test('keys are read as hex or base64, 32 bytes each', () => {
    const config = loadConfig({ NODE_ENV: 'production', ...KEYS })
    expect(config.identityEncryptionKey).toEqual(Buffer.from(HEX_KEY, 'hex'))
    expect(config.identityHashKey).toEqual(Buffer.alloc(32, 7))
    expect(loadConfig({ ...KEYS, IDENTITY_HASH_KEY: Buffer.alloc(32, 7).toString('base64url') }).identityHashKey).toEqual(Buffer.alloc(32, 7))
  })

  test.each([
    ['16 bytes of hex', 'ab'.repeat(16)],
    ['31 bytes of base64', Buffer.alloc(31, 1).toString('base64')],
    ['a passphrase', 'correct horse battery staple correct horse ba'],
  ])('a key of %s is refused without echoing it', (_case, value) => {
    const [problem] = problemsWith({ ...KEYS, IDENTITY_ENCRYPTION_KEY: value })
    expect(problem).toMatch(/^IDENTITY_ENCRYPTION_KEY must be 32 bytes as 64 hex characters or base64/)
    expect(problem).not.toContain(value)
  })

  test('defaults: sessions 30 min idle / 12 h absolute, audit kept 180 days, limits 10/min, 5/10 min, 10/h, no Redis', () => {
    expect(loadConfig({ ...KEYS })).toMatchObject({
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      auditRetentionDays: 180,
      rateLimitLogin: { max: 10, windowMs: 60_000 },
      rateLimitVerification: { max: 5, windowMs: 600_000 },
      rateLimitReveal: { max: 10, windowMs: 3_600_000 },
      redisUrl: undefined,
      redisKeyPrefix: 'gov-mini:',
    })
  })

  test('values given are parsed', () => {
    const config = loadConfig({
      ...KEYS,
      REDIS_URL: 'redis://:secret@cache:6379/2',
      REDIS_KEY_PREFIX: 'gm-prod:',
      SESSION_IDLE_MINUTES: '15',
      SESSION_ABSOLUTE_HOURS: '8',
      AUDIT_RETENTION_DAYS: '365',
      RATE_LIMIT_LOGIN: '20/m',
      RATE_LIMIT_VERIFICATION: '3/30s',
      RATE_LIMIT_REVEAL: '5/2h',
    })
    expect(config).toMatchObject({
      redisUrl: 'redis://:secret@cache:6379/2',
      redisKeyPrefix: 'gm-prod:',
      sessionIdleMinutes: 15,
      sessionAbsoluteHours: 8,
      auditRetentionDays: 365,
      rateLimitLogin: { max: 20, windowMs: 60_000 },
      rateLimitVerification: { max: 3, windowMs: 30_000 },
      rateLimitReveal: { max: 5, windowMs: 7_200_000 },
    })
  })

  test.each([
    ['REDIS_URL', 'cache:6379', 'REDIS_URL must start with redis:// or rediss://'],
    ['SESSION_IDLE_MINUTES', '0', 'SESSION_IDLE_MINUTES must be an integer 1-1440, got "0"'],
    ['SESSION_ABSOLUTE_HOURS', '12h', 'SESSION_ABSOLUTE_HOURS must be an integer 1-720, got "12h"'],
    ['AUDIT_RETENTION_DAYS', '-1', 'AUDIT_RETENTION_DAYS must be an integer 1-3650, got "-1"'],
    ['RATE_LIMIT_LOGIN', '10 per minute', 'RATE_LIMIT_LOGIN must be <max>/<window> like 10/1m'],
    ['RATE_LIMIT_REVEAL', '0/1h', 'RATE_LIMIT_REVEAL must be <max>/<window>'],
  ])('%s=%s is refused naming it and its rule', (name, value, expected) => {
    expect(problemsWith({ ...KEYS, [name]: value }).join('\n')).toContain(expected)
  })

  test('a refused REDIS_URL does not echo its password', () => {
    const problems = problemsWith({ ...KEYS, REDIS_URL: 'http://:hunter2@cache:6379' }).join('\n')
    expect(problems).not.toContain('hunter2')
  })
})

describe('development identity keys', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gov-mini-keys-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test('are generated once, private to the owner, and stable afterwards', () => {
    const file = join(dir, 'nested', 'identity.key')
    const encryption = devIdentityKey('encryptionKey', file)
    const hash = devIdentityKey('hashKey', file)
    expect(encryption).toMatch(/^[0-9a-f]{64}$/)
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(hash).not.toBe(encryption)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(devIdentityKey('encryptionKey', file)).toBe(encryption)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ encryptionKey: encryption, hashKey: hash })
  })
})
