/**
 * Server configuration from environment variables.
 *
 * One row per variable in `rows` below: its name, its default, the rule it must satisfy and
 * how to parse it. Adding a variable means adding a row; the Config type follows from the
 * table. Every problem is reported at once, each naming the variable and the rule, so an
 * operator fixes a deployment in one round instead of one variable per restart.
 */

export class ConfigError extends Error {
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    super(problems.join('\n'))
    this.name = 'ConfigError'
    this.problems = problems
  }
}

export type Env = Readonly<Record<string, string | undefined>>

/** How one variable is validated. `parse` returns undefined when the value breaks `rule`. */
interface Row<T> {
  name: string
  /** Used when the variable is unset or empty; a function when it depends on other variables. */
  default?: string | ((env: Env) => string)
  /** No default and may stay unset (the value is then undefined). */
  optional?: true
  /** Mask credentials when echoing a bad value back, since error messages end up in logs. */
  secret?: true
  /** Completes "<NAME> must …", e.g. "be an integer 1-65535". */
  rule: string
  parse(raw: string): T | undefined
}

// --- rule builders -------------------------------------------------------------------------

function integer(min: number, max: number) {
  return {
    rule: `be an integer ${min}-${max}`,
    parse(raw: string): number | undefined {
      if (!/^\d+$/.test(raw)) return undefined
      const value = Number(raw)
      return value >= min && value <= max ? value : undefined
    },
  }
}

function oneOf<V extends string>(values: readonly V[]) {
  return {
    rule: `be one of ${values.join(', ')}`,
    parse: (raw: string): V | undefined => values.find((value) => value === raw),
  }
}

function noSpaces(what: string) {
  return {
    rule: `be ${what} without spaces`,
    parse: (raw: string): string | undefined => (/\s/.test(raw) ? undefined : raw),
  }
}

// Paths may contain spaces, but spaces around one are a copy-paste slip, not a file name.
function path(what: string) {
  return {
    rule: `be ${what} without leading or trailing spaces`,
    parse: (raw: string): string | undefined => (raw.trim() === raw ? raw : undefined),
  }
}

const flag = {
  rule: 'be 0 or 1',
  parse: (raw: string): boolean | undefined => (raw === '1' ? true : raw === '0' ? false : undefined),
}

const postgresUrl = {
  rule: 'start with postgres:// or postgresql:// (unset it to use SQLite)',
  parse(raw: string): string | undefined {
    if (!/^postgres(ql)?:\/\//.test(raw)) return undefined
    try {
      new URL(raw)
      return raw
    } catch {
      return undefined
    }
  },
}

// --- the table -------------------------------------------------------------------------------

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const rows = {
  port: { name: 'PORT', default: '8080', ...integer(1, 65535) },
  host: { name: 'HOST', default: '0.0.0.0', ...noSpaces('a host name or IP address') },
  nodeEnv: { name: 'NODE_ENV', default: 'development', ...oneOf(['development', 'production', 'test'] as const) },
  logLevel: { name: 'LOG_LEVEL', default: 'info', ...oneOf(LOG_LEVELS) },
  databaseUrl: { name: 'DATABASE_URL', optional: true, secret: true, ...postgresUrl },
  // Relative to the working directory; ':memory:' gives a throwaway database.
  sqlitePath: { name: 'SQLITE_PATH', default: '.data/gov-mini.sqlite', ...path('a file path') },
  staticDir: { name: 'STATIC_DIR', default: 'dist/h5', ...path('a directory path') },
  // Demo notices make a fresh development checkout show something; production starts empty.
  seedDemoData: {
    name: 'SEED_DEMO_DATA',
    default: (env: Env) => ((env.NODE_ENV || 'development') === 'development' ? '1' : '0'),
    ...flag,
  },
} satisfies Record<string, Row<unknown>>

// --- the resulting type ----------------------------------------------------------------------

type Rows = typeof rows
type ValueOf<R> = R extends Row<infer T> ? (R extends { optional: true } ? T | undefined : T) : never

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly url: string }

export type Config = { readonly [K in keyof Rows]: ValueOf<Rows[K]> } & {
  /** Derived from DATABASE_URL / SQLITE_PATH: where the data lives. */
  readonly database: DatabaseTarget
}

// --- loading ---------------------------------------------------------------------------------

/** Hides the password in a connection URL: postgres://app:***@db:5432/gov. */
export function maskCredentials(value: string): string {
  return value.replace(/(\/\/[^:/@\s]*):[^@/\s]*@/, '$1:***@')
}

export function describeDatabase(target: DatabaseTarget): string {
  return target.dialect === 'sqlite' ? `sqlite ${target.path}` : `postgres ${maskCredentials(target.url)}`
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = []
  const values: Record<string, unknown> = {}

  for (const [key, row] of Object.entries(rows) as [string, Row<unknown>][]) {
    const given = env[row.name]
    // An empty value counts as unset: `DATABASE_URL=` in a compose file means "not set".
    const fallback = typeof row.default === 'function' ? row.default(env) : row.default
    const raw = given === undefined || given === '' ? fallback : given
    if (raw === undefined) {
      if (!row.optional) problems.push(`${row.name} is required and must ${row.rule}`)
      values[key] = undefined
      continue
    }
    const parsed = row.parse(raw)
    if (parsed === undefined) {
      const shown = row.secret ? maskCredentials(raw) : raw
      problems.push(`${row.name} must ${row.rule}, got "${shown}"`)
    }
    values[key] = parsed
  }
  if (problems.length > 0) throw new ConfigError(problems)

  const plain = values as { [K in keyof Rows]: ValueOf<Rows[K]> }
  const database: DatabaseTarget = plain.databaseUrl
    ? Object.freeze({ dialect: 'postgres', url: plain.databaseUrl })
    : Object.freeze({ dialect: 'sqlite', path: plain.sqlitePath })
  return Object.freeze({ ...plain, database })
}
