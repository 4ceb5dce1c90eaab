import { ConfigError, describeDatabase, loadConfig } from '../../server/config'

function problemWith(env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as ConfigError).message
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`)
}

// Production requires the identity keys (test/server/identity/config.test.ts covers that).
const PRODUCTION_KEYS = { IDENTITY_ENCRYPTION_KEY: 'a'.repeat(64), IDENTITY_HASH_KEY: 'b'.repeat(64), SOCIAL_PROOF_KEY: 'c'.repeat(64), UPLOAD_LINK_KEY: 'd'.repeat(64), CERT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIM3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3N', HEALTH_CODE_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIBchZn+z1czxHliYLUiXEk+dwISCuyNNmQuGR2/fBg58', HEALTH_CODE_KEY_ID: 'hc-prod-1', PUBLIC_ORIGIN: 'https://gov.example.cn' }

describe('loadConfig', () => {
  test('an empty environment gives the documented defaults', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      nodeEnv: 'development',
      logLevel: 'info',
      databaseUrl: undefined,
      sqlitePath: '.data/gov-mini.sqlite',
      staticDir: 'dist/h5',
      seedDemoData: true,
      database: { dialect: 'sqlite', path: '.data/gov-mini.sqlite' },
    })
  })

  test('the config is frozen', () => {
    const config = loadConfig({})
    expect(Object.isFrozen(config)).toBe(true)
    expect(Object.isFrozen(config.database)).toBe(true)
  })

  test('demo data is seeded by default only in development', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).seedDemoData).toBe(true)
    expect(loadConfig({ NODE_ENV: 'production', ...PRODUCTION_KEYS }).seedDemoData).toBe(false)
    expect(loadConfig({ NODE_ENV: 'test' }).seedDemoData).toBe(false)
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO_DATA: '1', ...PRODUCTION_KEYS }).seedDemoData).toBe(true)
    expect(loadConfig({ SEED_DEMO_DATA: '0' }).seedDemoData).toBe(false)
  })

  test('values given are parsed', () => {
    const config = loadConfig({
      PORT: '3000',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      ...PRODUCTION_KEYS,
      LOG_LEVEL: 'warn',
      SQLITE_PATH: ':memory:',
      STATIC_DIR: 'My Builds/h5',
    })
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      nodeEnv: 'production',
      logLevel: 'warn',
      staticDir: 'My Builds/h5',
      database: { dialect: 'sqlite', path: ':memory:' },
    })
  })

  test.each(['postgres://app:secret@db:5432/gov', 'postgresql://db/gov'])('DATABASE_URL %s selects PostgreSQL', (url) => {
    const config = loadConfig({ DATABASE_URL: url, SQLITE_PATH: 'ignored.sqlite' })
    expect(config.database).toEqual({ dialect: 'postgres', url })
  })

  test('an empty DATABASE_URL counts as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).database.dialect).toBe('sqlite')
  })

  test.each([
    ['PORT', 'abc', 'PORT must be an integer 1-65535, got "abc"'],
    ['PORT', '0', 'PORT must be an integer 1-65535, got "0"'],
    ['PORT', '65536', 'PORT must be an integer 1-65535, got "65536"'],
    ['PORT', '80.5', 'PORT must be an integer 1-65535, got "80.5"'],
    ['HOST', 'local host', 'HOST must be a host name or IP address without spaces, got "local host"'],
    ['NODE_ENV', 'staging', 'NODE_ENV must be one of development, production, test, got "staging"'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"'],
    ['DATABASE_URL', 'mysql://db/gov', 'DATABASE_URL must start with postgres:// or postgresql://'],
    ['SQLITE_PATH', ' data.sqlite', 'SQLITE_PATH must be a file path without leading or trailing spaces, got " data.sqlite"'],
    ['STATIC_DIR', 'dist/h5 ', 'STATIC_DIR must be a directory path without leading or trailing spaces, got "dist/h5 "'],
    ['SEED_DEMO_DATA', 'yes', 'SEED_DEMO_DATA must be 0 or 1, got "yes"'],
  ])('%s=%s is refused with a message naming it and its rule', (name, value, expected) => {
    expect(problemWith({ [name]: value })).toContain(expected)
  })

  test('a refused DATABASE_URL does not echo its password', () => {
    const message = problemWith({ DATABASE_URL: 'mysql://app:s3cret@db/gov' })
    expect(message).toContain('mysql://app:***@db/gov')
    expect(message).not.toContain('s3cret')
  })

  test('every bad variable is reported at once', () => {
    try {
      loadConfig({ PORT: 'abc', NODE_ENV: 'staging' })
      throw new Error('expected a ConfigError')
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'PORT must be an integer 1-65535, got "abc"',
        'NODE_ENV must be one of development, production, test, got "staging"',
      ])
    }
  })

  test('describeDatabase masks the password', () => {
    expect(describeDatabase({ dialect: 'postgres', url: 'postgres://app:secret@db:5432/gov' })).toBe(
      'postgres postgres://app:***@db:5432/gov',
    )
    expect(describeDatabase({ dialect: 'sqlite', path: '.data/gov-mini.sqlite' })).toBe('sqlite .data/gov-mini.sqlite')
  })
})

describe('loadConfig: identity providers', () => {
  // Appended block: required here so the file's imports stay untouched.
  const { generateKeyPairSync } = require('node:crypto')
  const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const alipayKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const privatePem = appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const privateBase64 = appKeys.privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64')
  const alipayPublicBase64 = alipayKeys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
  const wechat = { WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: 'fedcba9876543210fedcba9876543210' }
  const alipay = { ALIPAY_APPID: '2021000000000001', ALIPAY_PRIVATE_KEY: privateBase64, ALIPAY_PUBLIC_KEY: alipayPublicBase64 }

  test('defaults: no platform configured, official endpoints, 5 s timeout', () => {
    expect(loadConfig({})).toMatchObject({
      wechatAppId: undefined,
      wechatSecret: undefined,
      wechatApiBase: 'https://api.weixin.qq.com',
      alipayAppId: undefined,
      alipayPrivateKey: undefined,
      alipayPublicKey: undefined,
      alipayGateway: 'https://openapi.alipay.com/gateway.do',
      identityTimeoutMs: 5000,
    })
  })

  test('the sandbox login is on by default only in development', () => {
    expect(loadConfig({}).authSandbox).toBe(true)
    expect(loadConfig({ NODE_ENV: 'development' }).authSandbox).toBe(true)
    expect(loadConfig({ NODE_ENV: 'test' }).authSandbox).toBe(false)
    expect(loadConfig({ AUTH_SANDBOX: '0' }).authSandbox).toBe(false)
    expect(loadConfig({ NODE_ENV: 'test', AUTH_SANDBOX: '1' }).authSandbox).toBe(true)
    expect(problemWith({ NODE_ENV: 'production' })).not.toContain('AUTH_SANDBOX')
  })

  test('AUTH_SANDBOX=1 with NODE_ENV=production is refused, naming AUTH_SANDBOX', () => {
    expect(problemWith({ NODE_ENV: 'production', AUTH_SANDBOX: '1' })).toContain('AUTH_SANDBOX must be 0 when NODE_ENV=production')
  })

  test('configured platforms are parsed', () => {
    const config = loadConfig({
      ...wechat,
      ...alipay,
      WECHAT_API_BASE: 'http://127.0.0.1:4010',
      ALIPAY_GATEWAY: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do',
      IDENTITY_TIMEOUT_MS: '1500',
    })
    expect(config).toMatchObject({
      wechatAppId: 'wx1234567890abcdef',
      wechatSecret: 'fedcba9876543210fedcba9876543210',
      wechatApiBase: 'http://127.0.0.1:4010',
      alipayAppId: '2021000000000001',
      alipayPrivateKey: privateBase64,
      alipayPublicKey: alipayPublicBase64,
      alipayGateway: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do',
      identityTimeoutMs: 1500,
    })
  })

  test('a PEM key written on one line with literal \\n (env files) is normalised', () => {
    const config = loadConfig({ ...alipay, ALIPAY_PRIVATE_KEY: privatePem.trim().replace(/\n/g, '\\n') })
    expect(config.alipayPrivateKey).toBe(privatePem.trim())
  })

  test.each([
    ['WECHAT_APPID', 'myapp', 'WECHAT_APPID must be the mini-program AppID'],
    ['WECHAT_API_BASE', 'api.weixin.qq.com', 'WECHAT_API_BASE must be an http:// or https:// URL'],
    ['WECHAT_API_BASE', 'ftp://api.weixin.qq.com', 'WECHAT_API_BASE must be an http:// or https:// URL'],
    ['ALIPAY_APPID', 'app-2021', 'ALIPAY_APPID must be the Alipay APPID'],
    ['ALIPAY_GATEWAY', 'openapi.alipay.com/gateway.do', 'ALIPAY_GATEWAY must be an http:// or https:// URL'],
    ['IDENTITY_TIMEOUT_MS', '0', 'IDENTITY_TIMEOUT_MS must be an integer 100-60000, got "0"'],
    ['IDENTITY_TIMEOUT_MS', '5s', 'IDENTITY_TIMEOUT_MS must be an integer 100-60000, got "5s"'],
    ['AUTH_SANDBOX', 'yes', 'AUTH_SANDBOX must be 0 or 1, got "yes"'],
  ])('%s=%s is refused with a message naming it and its rule', (name, value, expected) => {
    expect(problemWith({ [name]: value })).toContain(expected)
  })

  test('refused secrets and keys are never echoed', () => {
    const badSecret = problemWith({ ...wechat, WECHAT_SECRET: 'not the secret!' })
    expect(badSecret).toContain('WECHAT_SECRET must be the AppSecret')
    expect(badSecret).not.toContain('not the secret!')

    const shortKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')
    const badPrivate = problemWith({ ...alipay, ALIPAY_PRIVATE_KEY: shortKey })
    expect(badPrivate).toContain('ALIPAY_PRIVATE_KEY must be an RSA private key of at least 2048 bits')
    expect(badPrivate).not.toContain(shortKey.slice(0, 40))

    // The app private key pasted where Alipay's public key belongs: refused, and not echoed.
    const swapped = problemWith({ ...alipay, ALIPAY_PUBLIC_KEY: privatePem })
    expect(swapped).toContain('ALIPAY_PUBLIC_KEY must be Alipay\'s RSA public key')
    expect(swapped).not.toContain('PRIVATE KEY')
  })

  test('a platform configured half-way is refused instead of silently staying off', () => {
    expect(problemWith({ WECHAT_APPID: 'wx1234567890abcdef' })).toContain('WECHAT_SECRET must be set too')
    expect(problemWith({ ALIPAY_APPID: '2021000000000001', ALIPAY_PRIVATE_KEY: privateBase64 })).toContain(
      'ALIPAY_PUBLIC_KEY must be set too',
    )
    expect(() => loadConfig({ ...wechat })).not.toThrow()
  })
})
