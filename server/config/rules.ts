import { createPrivateKey, type KeyObject } from 'node:crypto'

/*
 * The generic config rules: each is `{ rule, parse }`, where `rule` completes "<NAME> must …"
 * and `parse` returns undefined when the value breaks it. A leaf: the table (./index.ts) and
 * the domain rule files (server/<domain>/config-rules.ts) import from here, never the other way.
 */

export type Env = Readonly<Record<string, string | undefined>>

export function isProduction(env: Env): boolean {
  return (env.NODE_ENV || 'development') === 'production'
}

/**
 * The default of a key row: none in production (so loadConfig reports the variable as
 * required), otherwise the development key file `read` returns. The file is only touched
 * when the variable is unset, so a configured environment never creates it.
 */
export function devKeyDefault(name: string, read: () => string) {
  return (env: Env): string | undefined => (isProduction(env) || env[name] ? undefined : read())
}

export function integer(min: number, max: number) {
  return {
    rule: `be an integer ${min}-${max}`,
    parse(raw: string): number | undefined {
      if (!/^\d+$/.test(raw)) return undefined
      const value = Number(raw)
      return value >= min && value <= max ? value : undefined
    },
  }
}

export function oneOf<V extends string>(values: readonly V[]) {
  return {
    rule: `be one of ${values.join(', ')}`,
    parse: (raw: string): V | undefined => values.find((value) => value === raw),
  }
}

export function noSpaces(what: string) {
  return {
    rule: `be ${what} without spaces`,
    parse: (raw: string): string | undefined => (/\s/.test(raw) ? undefined : raw),
  }
}

// Paths may contain spaces, but spaces around one are a copy-paste slip, not a file name.
export function path(what: string) {
  return {
    rule: `be ${what} without leading or trailing spaces`,
    parse: (raw: string): string | undefined => (raw.trim() === raw ? raw : undefined),
  }
}

export const flag = {
  rule: 'be 0 or 1',
  parse: (raw: string): boolean | undefined => (raw === '1' ? true : raw === '0' ? false : undefined),
}

/** A URL with one of the given scheme patterns that also parses as a URL. */
function urlRule(rule: string, scheme: RegExp) {
  return {
    rule,
    parse(raw: string): string | undefined {
      if (!scheme.test(raw)) return undefined
      try {
        new URL(raw)
        return raw
      } catch {
        return undefined
      }
    },
  }
}

export const postgresUrl = urlRule('start with postgres:// or postgresql:// (unset it to use SQLite)', /^postgres(ql)?:\/\//)

export const redisUrl = urlRule(
  'start with redis:// or rediss:// (unset it to keep sessions and rate limits in this process and the database)',
  /^rediss?:\/\//,
)

export function httpUrl(what: string) {
  return urlRule(`be an http:// or https:// URL (${what})`, /^https?:\/\/\S+$/)
}

/** A 32-byte key, as 64 hex characters or base64 / base64url (44 or 43 characters). */
export const key32 = {
  rule: 'be 32 bytes as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)',
  parse(raw: string): Buffer | undefined {
    if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex')
    if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(raw)) return undefined
    const key = Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    return key.length === 32 ? key : undefined
  },
}

/** An Ed25519 private key as PKCS8 PEM (newlines may be written `\n`) or base64 DER. */
export const ed25519PrivateKey = {
  rule: 'be an Ed25519 private key as PKCS8 PEM or base64 DER (e.g. `openssl genpkey -algorithm ed25519`)',
  parse(raw: string): KeyObject | undefined {
    try {
      const key = raw.includes('-----BEGIN')
        ? createPrivateKey({ key: raw.replace(/\\n/g, '\n'), format: 'pem' })
        : /^[A-Za-z0-9+/=_-]+$/.test(raw)
          ? createPrivateKey({ key: Buffer.from(raw, 'base64'), format: 'der', type: 'pkcs8' })
          : undefined
      return key?.asymmetricKeyType === 'ed25519' ? key : undefined
    } catch {
      return undefined
    }
  },
}

export interface RateLimit {
  max: number
  windowMs: number
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const

/** `<max>/<window>`, e.g. `10/1m`, `5/10m`, `10/1h`: at most max requests per window. */
export const rateLimit = {
  rule: 'be <max>/<window> like 10/1m, 5/10m or 10/1h (max 1-100000, window in s, m or h)',
  parse(raw: string): RateLimit | undefined {
    const match = /^(\d{1,6})\/(\d{1,4})?([smh])$/.exec(raw)
    if (!match) return undefined
    const max = Number(match[1])
    const windowMs = Number(match[2] ?? '1') * UNIT_MS[match[3] as keyof typeof UNIT_MS]
    return max >= 1 && max <= 100_000 && windowMs > 0 ? { max, windowMs } : undefined
  },
}
