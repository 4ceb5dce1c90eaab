/**
 * npm run release -- --platform weapp|alipay --version X.Y.Z --desc "…" [--mode NAME] [--experience] [--dry-run]
 * Checks the upload key and the description, builds with `.env.<mode>` (default production),
 * runs the preflight and (weapp) the offline compile check, uploads (unless --dry-run), prints
 * what the console answered and records it all in releases/log.json.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { kb } from '../package-sizes'
import { taroBuild } from '../taro-build'
import { appendLog, readLog, type Platform, type ReleaseEntry, type UploadReport } from './log'
import { credentialFailures, descriptionFailures, KEY_ENV, parseDomains, parseEnvFile, preflight, resolveAppId, type Env } from './preflight'
import { defaultUploaders, type Uploader } from './uploaders'
import { weappCompileFailures } from './weapp-compile'

export interface ReleaseOptions {
  platform: Platform
  version: string
  desc: string
  /** Which `.env.<mode>` file the build reads (Taro's --mode); default production. */
  mode: string
  /** Alipay only: upload as the experience version (the console answers with its QR code URL). */
  experience: boolean
  dryRun: boolean
}

/** Mode names become file names (`.env.<mode>`): keep them plain. */
const MODE_PATTERN = /^[a-z][a-z0-9-]{0,31}$/

export function parseArgs(argv: string[]): ReleaseOptions {
  const options: Partial<ReleaseOptions> = { dryRun: false, mode: 'production', experience: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const next = argv[++i]
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`)
      return next
    }
    if (arg === '--platform') {
      const platform = value()
      if (platform !== 'weapp' && platform !== 'alipay') throw new Error(`--platform must be weapp or alipay, not ${platform}`)
      options.platform = platform
    } else if (arg === '--version') options.version = value()
    else if (arg === '--desc') options.desc = value()
    else if (arg === '--mode') {
      const mode = value()
      if (!MODE_PATTERN.test(mode)) throw new Error(`--mode must be lower-case letters, digits and dashes (e.g. staging), not ${mode}`)
      options.mode = mode
    } else if (arg === '--experience') options.experience = true
    else if (arg === '--dry-run') options.dryRun = true
    else throw new Error(`unknown argument ${arg}`)
  }
  if (options.experience && options.platform === 'weapp') throw new Error('--experience is for Alipay only (WeChat: pick the experience version in the console)')
  if (!options.platform) throw new Error('--platform weapp|alipay is required')
  if (!options.version) throw new Error('--version X.Y.Z is required')
  if (!options.desc?.trim()) throw new Error('--desc "…" is required')
  return options as ReleaseOptions
}

export interface ReleaseDeps {
  repoRoot: string
  env: Env
  uploader: Uploader
  build: (platform: Platform, env: Record<string, string>, mode: string) => void
  /** Compiles the built bundle as the console would and returns the failures (weapp: ./weapp-compile). */
  compileCheck: (platform: Platform, distDir: string) => Promise<string[]>
  gitCommit: () => string
  now: () => Date
  /** Defaults to <repoRoot>/releases/log.json. */
  logFile?: string
  /** Defaults to <repoRoot>/dist/<platform>. */
  distDir?: string
  print?: (line: string) => void
}

export interface ReleaseOutcome {
  ok: boolean
  failures: string[]
  entry?: ReleaseEntry
}

/** What the console answered, as lines for the terminal. */
export function formatUploadReport(report: UploadReport): string[] {
  if ('subPackageInfo' in report) {
    return [
      'WeChat console package sizes:',
      ...report.subPackageInfo.map((pkg) => `  ${pkg.name.padEnd(34)} ${kb(pkg.size).padStart(9)} KB`),
      ...(report.pluginInfo ?? []).map((plugin) => `  plugin ${plugin.pluginProviderAppid} ${plugin.version}`.padEnd(36) + ` ${kb(plugin.size).padStart(9)} KB`),
    ]
  }
  return [`Alipay console version: ${report.version}`, ...(report.experienceQrCodeUrl ? [`Experience version QR code: ${report.experienceQrCodeUrl}`] : [])]
}

export async function release(options: ReleaseOptions, deps: ReleaseDeps): Promise<ReleaseOutcome> {
  const print = deps.print ?? ((line: string) => console.log(line))
  const { platform, version, desc, dryRun, mode, experience } = options
  const logFile = deps.logFile ?? path.join(deps.repoRoot, 'releases', 'log.json')
  const distDir = deps.distDir ?? path.join(deps.repoRoot, 'dist', platform)

  // Refuse bad credentials (location and key format) and a description the console would
  // refuse before spending minutes on a build.
  const early = [...credentialFailures(platform, deps.env, deps.repoRoot, !dryRun), ...descriptionFailures(platform, desc)]
  if (early.length) return { ok: false, failures: early }

  const envFile = path.join(deps.repoRoot, `.env.${mode}`)
  if (mode !== 'production' && !fs.existsSync(envFile)) return { ok: false, failures: [`.env.${mode} not found: --mode ${mode} builds with the TARO_APP_* variables of that file`] }
  const fileEnv = fs.existsSync(envFile) ? parseEnvFile(fs.readFileSync(envFile, 'utf8')) : {}
  const apiBase = deps.env.TARO_APP_API_BASE ?? fileEnv.TARO_APP_API_BASE
  const projectConfigFile = path.join(deps.repoRoot, 'project.config.json')
  const projectAppId = fs.existsSync(projectConfigFile) ? (JSON.parse(fs.readFileSync(projectConfigFile, 'utf8')) as { appid?: string }).appid : undefined
  const appId = resolveAppId(platform, deps.env, projectAppId)

  deps.build(platform, { ...fileEnv, ...(apiBase !== undefined ? { TARO_APP_API_BASE: apiBase } : {}), NODE_ENV: 'production' }, mode)

  const { failures, sizes } = preflight({
    platform,
    version,
    desc,
    distDir,
    log: readLog(logFile),
    appId,
    apiBase,
    requestDomains: parseDomains(deps.env.RELEASE_REQUEST_DOMAINS),
    env: deps.env,
    repoRoot: deps.repoRoot,
    dryRun,
  })
  // The compile the console would run (minutes of CPU, no network), once there is a bundle.
  if (sizes) failures.push(...(await deps.compileCheck(platform, distDir)))
  // What the operator console's 发布记录 shows as the current build's check, passed or not.
  recordPreflight(path.join(path.dirname(logFile), 'preflight.json'), {
    platform,
    version,
    mode,
    time: deps.now().toISOString(),
    commit: deps.gitCommit(),
    passed: failures.length === 0 && sizes !== undefined && appId !== undefined,
    failures,
    ...(sizes ? { sizes: { main: sizes.main.bytes, total: sizes.total } } : {}),
  })
  if (failures.length || !sizes || !appId) return { ok: false, failures }

  let upload: UploadReport | undefined
  if (!dryRun) {
    upload = await deps.uploader.upload({
      platform,
      projectDir: distDir,
      version,
      desc,
      appId,
      privateKeyPath: path.resolve(deps.env[KEY_ENV[platform]]!),
      ...(platform === 'weapp' ? { robot: 1 } : { toolId: deps.env.ALIPAY_TOOL_ID!, experience }),
    })
  }
  const entry: ReleaseEntry = {
    version,
    platform,
    time: deps.now().toISOString(),
    sizes: { main: sizes.main.bytes, subPackages: Object.fromEntries(sizes.subPackages.map((sub) => [sub.name, sub.bytes])), total: sizes.total },
    commit: deps.gitCommit(),
    dryRun,
    mode,
    desc,
    ...(upload ? { upload } : {}),
  }
  appendLog(logFile, entry)
  if (upload) for (const line of formatUploadReport(upload)) print(line)
  print(`${dryRun ? 'Dry run passed (not uploaded)' : 'Uploaded'}: ${platform} ${version} (${mode}), ${sizes.total} bytes, recorded in ${path.relative(deps.repoRoot, logFile)}`)
  return { ok: true, failures: [], entry }
}

/**
 * The last preflight of each platform's build, releases/preflight.json (beside the log, not
 * committed: it describes this checkout's build), read by GET /api/operator/releases.
 */
function recordPreflight(file: string, result: { platform: string } & Record<string, unknown>): void {
  let recorded: Record<string, unknown> = {}
  try {
    recorded = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch {
    // None yet (or unreadable): start afresh.
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, `${JSON.stringify({ ...recorded, [result.platform]: result }, null, 2)}\n`)
}

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '../..')
  let options: ReleaseOptions
  try {
    options = parseArgs(process.argv.slice(2))
  } catch (error) {
    console.error(`release: ${(error as Error).message}\nusage: npm run release -- --platform weapp|alipay --version X.Y.Z --desc "…" [--mode NAME] [--experience] [--dry-run]`)
    process.exit(2)
  }
  const outcome = await release(options, {
    repoRoot,
    env: process.env,
    uploader: defaultUploaders[options.platform],
    build: (platform, env, mode) => taroBuild(platform, env, mode),
    compileCheck: async (platform, distDir) => {
      if (platform !== 'weapp') return []
      const failures = await weappCompileFailures(distDir)
      if (!failures.length) console.log(`${path.relative(repoRoot, distDir)} compiles with miniprogram-ci (es7, minify, offline).`)
      return failures
    },
    gitCommit: () => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim(),
    now: () => new Date(),
  })
  if (!outcome.ok) {
    console.error(`Release refused (${outcome.failures.length} problem${outcome.failures.length === 1 ? '' : 's'}):`)
    for (const failure of outcome.failures) console.error(`  - ${failure}`)
    process.exit(1)
  }
  // miniprogram-ci's compiler leaves worker processes that would keep Node running.
  process.exit(0)
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`release failed: ${error.message}`)
    process.exit(1)
  })
}
