import { isIP } from 'node:net'
import type { Env } from './rules'

/*
 * Rule builders for the rows of the config table (./index.ts) about how the server is reached: the public
 * origin printed in links (PUBLIC_ORIGIN) and which proxies are trusted for the client's
 * address and scheme (TRUST_PROXY). Each is `{ rule, parse }` like those in ./rules.ts.
 */

/** `https://gov.example.cn` or `http://localhost:8080`: scheme, host and port, nothing else. */
export const publicOrigin = {
  rule: 'be an origin such as https://gov.example.cn (scheme, host and optional port; no path, query or credentials)',
  parse(raw: string): string | undefined {
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      return undefined
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
    if (url.username || url.password || url.search || url.hash || url.pathname !== '/') return undefined
    // `https://gov.example.cn/` is the same origin written with the root path; anything else
    // (a path, `?`, `#`) was refused above, so the origin is exactly what was meant.
    const written = raw.toLowerCase()
    if (written !== url.origin && written !== `${url.origin}/`) return undefined
    return url.origin
  },
}

/**
 * No default in production (links in signed documents must name the real site, so it is
 * required); elsewhere the server's own address, http://localhost:PORT.
 */
export function publicOriginDefault(env: Env): string | undefined {
  if ((env.NODE_ENV || 'development') === 'production') return undefined
  // A bad PORT is reported as such; it should not make this default a second problem.
  const port = /^\d{1,5}$/.test(env.PORT ?? '') && Number(env.PORT) >= 1 && Number(env.PORT) <= 65535 ? env.PORT : '8080'
  return `http://localhost:${port}`
}

/** What Fastify's `trustProxy` is given: false, true, a hop count, or addresses / CIDR ranges. */
export type TrustProxy = boolean | number | string[]

// proxy-addr's names for well-known ranges.
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true
  const [address, prefix, ...rest] = entry.split('/')
  if (rest.length > 0 || !address) return false
  const version = isIP(address)
  if (version === 0) return false
  if (prefix === undefined) return true
  if (!/^\d{1,3}$/.test(prefix)) return false
  return Number(prefix) <= (version === 4 ? 32 : 128)
}

/**
 * `false` (the default: X-Forwarded-* are ignored and the client is the TCP peer), a hop
 * count (`1`: one proxy in front, e.g. the load balancer), or a comma-separated list of the
 * proxies' addresses and CIDR ranges. `true` trusts any X-Forwarded-For, i.e. lets every
 * client choose its own address: refused in production (see networkProblems).
 */
export const trustProxy = {
  rule: 'be false, a hop count (1-10), or a comma-separated list of proxy IP addresses / CIDR ranges (e.g. 10.0.0.0/8,192.168.1.5)',
  parse(raw: string): TrustProxy | undefined {
    if (raw === 'false' || raw === '0') return false
    if (raw === 'true') return true
    if (/^\d+$/.test(raw)) {
      const hops = Number(raw)
      return hops >= 1 && hops <= 10 ? hops : undefined
    }
    const entries = raw.split(',').map((entry) => entry.trim())
    return entries.every(isAddressOrRange) ? entries : undefined
  },
}

/** Checked once every row parsed: what production refuses of these rows. */
export function networkProblems(values: { nodeEnv?: unknown; publicOrigin?: unknown; trustProxy?: unknown }): string[] {
  if (values.nodeEnv !== 'production') return []
  const problems: string[] = []
  if (typeof values.publicOrigin === 'string' && !values.publicOrigin.startsWith('https://')) {
    problems.push(`PUBLIC_ORIGIN must be an https:// origin when NODE_ENV=production, got "${values.publicOrigin}"`)
  }
  if (values.trustProxy === true) {
    problems.push('TRUST_PROXY must not be true when NODE_ENV=production (any client could choose its own address): give the hop count or the proxies\' addresses')
  }
  return problems
}

/**
 * TRUST_PROXY as Fastify's `trustProxy` option. A hop count becomes the function Fastify
 * would make of it (its types do not take a number): the client is `hops` addresses back
 * in X-Forwarded-For.
 */
export function fastifyTrustProxy(value: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value !== 'number') return value
  return (_address, hop) => hop < value
}
