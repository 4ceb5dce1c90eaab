import type { Env } from '../config'
import { devIdentityKey } from './dev-keys'

/*
 * Rule builders for the identity rows of config.ts (kept here so config.ts stays a table).
 * Each is `{ rule, parse }` like the builders there.
 */

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

/**
 * The default of an identity key row: none in production (so loadConfig reports the
 * variable as required), otherwise the development key file. The file is only touched
 * when the variable is unset, so a configured environment never creates it.
 */
export function devKeyDefault(name: string, which: 'encryptionKey' | 'hashKey') {
  return (env: Env): string | undefined => {
    if ((env.NODE_ENV || 'development') === 'production') return undefined
    return env[name] ? undefined : devIdentityKey(which)
  }
}

export const redisUrl = {
  rule: 'start with redis:// or rediss:// (unset it to keep sessions and rate limits in this process and the database)',
  parse(raw: string): string | undefined {
    if (!/^rediss?:\/\//.test(raw)) return undefined
    try {
      new URL(raw)
      return raw
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
