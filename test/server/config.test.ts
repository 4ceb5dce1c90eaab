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
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemoData).toBe(false)
    expect(loadConfig({ NODE_ENV: 'test' }).seedDemoData).toBe(false)
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO_DATA: '1' }).seedDemoData).toBe(true)
    expect(loadConfig({ SEED_DEMO_DATA: '0' }).seedDemoData).toBe(false)
  })

  test('values given are parsed', () => {
    const config = loadConfig({
      PORT: '3000',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
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
