/**
 * Checks run before a mini-program is uploaded. Each function takes its inputs (a dist
 * folder, a log, an env map) and returns failures, each naming the number or the file.
 */
import fs from 'node:fs'
import path from 'node:path'
import { measurePackages, sizeViolations, type SizeReport } from '../package-sizes'
import { FORBIDDEN, NOT_SCANNED } from '../secret-patterns'
import { keyFormatFailures } from './keys'
import { type Platform, type ReleaseEntry } from './log'

export type Env = Record<string, string | undefined>

/** Development leftovers that must not be in a production bundle. */
export const DEV_FLAGS: [string, RegExp][] = [
  ['a sandbox login code (sandbox:)', /sandbox:/],
  ['localhost', /localhost|127\.0\.0\.1/],
  ['an http:// URL', /http:\/\/(?!www\.w3\.org\/)/],
  ['the AUTH_SANDBOX dev flag', /AUTH_SANDBOX/],
]

export function sizeFailures(report: SizeReport): string[] {
  return sizeViolations(report)
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

export function parseVersion(version: string): [number, number, number] | null {
  const match = SEMVER.exec(version)
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a)
  const y = parseVersion(b)
  if (!x || !y) throw new Error(`not a version: ${x ? b : a}`)
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i]
  return 0
}

/** The last real (non-dry-run) upload for the platform, by version. */
export function lastRelease(log: ReleaseEntry[], platform: Platform): ReleaseEntry | undefined {
  return log
    .filter((entry) => entry.platform === platform && !entry.dryRun && parseVersion(entry.version))
    .sort((a, b) => compareVersions(a.version, b.version))
    .at(-1)
}

export function versionFailures(version: string, platform: Platform, log: ReleaseEntry[]): string[] {
  if (!parseVersion(version)) return [`version "${version}" is not X.Y.Z (semver, digits only)`]
  const last = lastRelease(log, platform)
  if (last && compareVersions(version, last.version) <= 0) {
    return [`version ${version} is not higher than ${last.version}, the last ${platform} release (${last.time})`]
  }
  return []
}

const PLACEHOLDER_APPIDS = new Set(['', 'touristappid'])
const APPID_FORMAT: Record<Platform, RegExp> = { weapp: /^wx[0-9a-f]{16}$/, alipay: /^\d{16}$/ }
export const APPID_ENV: Record<Platform, string> = { weapp: 'RELEASE_WECHAT_APPID', alipay: 'RELEASE_ALIPAY_APPID' }

/**
 * The appid to upload under: RELEASE_WECHAT_APPID / RELEASE_ALIPAY_APPID, else TARO_APP_ID,
 * else (WeChat) project.config.json's appid. "touristappid" counts as unset.
 */
export function resolveAppId(platform: Platform, env: Env, projectConfigAppId?: string): string | undefined {
  const candidates = [env[APPID_ENV[platform]], env.TARO_APP_ID, platform === 'weapp' ? projectConfigAppId : undefined]
  return candidates.map((value) => value?.trim()).find((value) => value && !PLACEHOLDER_APPIDS.has(value))
}

export function appIdFailures(platform: Platform, appId: string | undefined): string[] {
  if (!appId) return [`${platform} appid is not set: set ${APPID_ENV[platform]} (or TARO_APP_ID)${platform === 'weapp' ? '; project.config.json has only the "touristappid" placeholder' : ''}`]
  if (!APPID_FORMAT[platform].test(appId)) return [`${platform} appid "${appId}" does not look like a ${platform === 'weapp' ? 'WeChat appid (wx + 16 hex)' : 'Alipay app id (16 digits)'}`]
  return []
}

export function parseDomains(list: string | undefined): string[] {
  return (list ?? '').split(',').map((item) => item.trim().replace(/\/+$/, '').toLowerCase()).filter(Boolean)
}

/** The API base must be https and its origin on the request-domain whitelist (RELEASE_REQUEST_DOMAINS). */
export function apiBaseFailures(apiBase: string | undefined, requestDomains: string[]): string[] {
  if (!apiBase) return ['TARO_APP_API_BASE is empty: a mini-program needs an absolute https API origin (.env.production)']
  let url: URL
  try {
    url = new URL(apiBase)
  } catch {
    return [`TARO_APP_API_BASE "${apiBase}" is not a URL`]
  }
  const failures: string[] = []
  if (url.protocol !== 'https:') failures.push(`TARO_APP_API_BASE "${apiBase}" is not https`)
  if (requestDomains.length === 0) failures.push('RELEASE_REQUEST_DOMAINS is empty: list the request domains configured in the console (comma-separated)')
  else {
    const allowed = requestDomains.some((domain) => {
      const entry = domain.includes('://') ? domain : `https://${domain}`
      try {
        return new URL(entry).origin === url.origin
      } catch {
        return false
      }
    })
    if (!allowed) failures.push(`TARO_APP_API_BASE origin ${url.origin} is not in RELEASE_REQUEST_DOMAINS (${requestDomains.join(', ')})`)
  }
  return failures
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, out)
    else if (!NOT_SCANNED.test(entry.name)) out.push(full)
  }
  return out
}

/** Secrets (the shared list) and development leftovers, one failure per file and finding. */
export function bundleFailures(distDir: string): string[] {
  const failures: string[] = []
  for (const file of walk(distDir)) {
    const text = fs.readFileSync(file, 'utf8')
    const relative = path.relative(distDir, file).split(path.sep).join('/')
    for (const [what, pattern] of FORBIDDEN) if (pattern.test(text)) failures.push(`${relative}: contains ${what}`)
    for (const [what, pattern] of DEV_FLAGS) if (pattern.test(text)) failures.push(`${relative}: contains ${what}`)
  }
  return failures
}

/** An upload key must come from outside the repository (never a file that could be committed). */
export function keyPathFailures(name: string, keyPath: string | undefined, repoRoot: string, required: boolean): string[] {
  if (!keyPath) return required ? [`${name} is not set`] : []
  const resolved = path.resolve(keyPath)
  const real = (p: string) => (fs.existsSync(p) ? fs.realpathSync(p) : p)
  const relative = path.relative(real(repoRoot), real(resolved))
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return [`${name} ${keyPath} is inside the repository: keep upload keys outside it`]
  if (!fs.existsSync(resolved)) return required ? [`${name} ${keyPath} does not exist`] : []
  return []
}

export const KEY_ENV: Record<Platform, string> = { weapp: 'WECHAT_UPLOAD_KEY_PATH', alipay: 'ALIPAY_UPLOAD_KEY_PATH' }

/** Key location, then (for a key that is there) its format for the platform's package (./keys). */
export function credentialFailures(platform: Platform, env: Env, repoRoot: string, required: boolean): string[] {
  const name = KEY_ENV[platform]
  const keyPath = env[name]
  const failures = keyPathFailures(name, keyPath, repoRoot, required)
  if (!failures.length && keyPath && fs.existsSync(path.resolve(keyPath))) failures.push(...keyFormatFailures(platform, name, path.resolve(keyPath)))
  if (platform === 'alipay' && required && !env.ALIPAY_TOOL_ID) failures.push('ALIPAY_TOOL_ID is not set')
  return failures
}

/**
 * minidev 2.2.5 refuses a `versionDescription` whose length (UTF-16 units, as JavaScript
 * counts) is 200 or more, and only after the build; the console shows it as the version's
 * remark. WeChat's `desc` has no such check in miniprogram-ci.
 */
export const ALIPAY_DESC_MAX = 199

export function descriptionFailures(platform: Platform, desc: string): string[] {
  if (!desc.trim()) return ['--desc is empty: the console shows it as the version description']
  if (platform === 'alipay' && desc.length > ALIPAY_DESC_MAX) {
    return [`--desc is ${desc.length} characters: Alipay's versionDescription takes at most ${ALIPAY_DESC_MAX} (minidev refuses 200 or more)`]
  }
  return []
}

export interface PreflightInput {
  platform: Platform
  version: string
  /** The upload's description (--desc). */
  desc: string
  distDir: string
  log: ReleaseEntry[]
  appId: string | undefined
  apiBase: string | undefined
  requestDomains: string[]
  env: Env
  repoRoot: string
  /** Credentials are required for a real upload; a dry run checks them only when set. */
  dryRun: boolean
}

export interface PreflightResult {
  failures: string[]
  sizes?: SizeReport
}

export function preflight(input: PreflightInput): PreflightResult {
  const failures: string[] = []
  let sizes: SizeReport | undefined
  if (!fs.existsSync(path.join(input.distDir, 'app.json'))) failures.push(`${input.distDir}/app.json is missing: was the ${input.platform} build run?`)
  else {
    sizes = measurePackages(input.distDir, input.platform)
    failures.push(...sizeFailures(sizes), ...bundleFailures(input.distDir))
  }
  failures.push(
    ...versionFailures(input.version, input.platform, input.log),
    ...descriptionFailures(input.platform, input.desc),
    ...appIdFailures(input.platform, input.appId),
    ...apiBaseFailures(input.apiBase, input.requestDomains),
    ...credentialFailures(input.platform, input.env, input.repoRoot, !input.dryRun),
  )
  return { failures, sizes }
}

/** KEY=value lines of a .env file (no expansion; quotes stripped). */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line)
    if (!match || line.trim().startsWith('#')) continue
    out[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2')
  }
  return out
}
