/** @jest-environment node */
import fs from 'node:fs'
import path from 'node:path'
import { formatUploadReport, parseArgs, release, type ReleaseDeps } from '../../../scripts/release/cli'
import { readLog, type UploadReport } from '../../../scripts/release/log'
import { makeDist, tmpDir, writeKey } from './fixtures'

const REPO = path.resolve(__dirname, '../../..')

const WEAPP_REPORT: UploadReport = { subPackageInfo: [{ name: '__FULL__', size: 204800 }, { name: '__APP__', size: 102400 }, { name: '/packages/a/', size: 5 }] }
const ALIPAY_REPORT: UploadReport = { version: '1.0.0', experienceQrCodeUrl: 'https://qr.example.cn/experience.png' }

// Keys as each console hands them out: WeChat's PKCS#1 PEM, Alipay's PKCS#8.
const wechatKey = writeKey('pkcs1')
const alipayKey = writeKey('pkcs8')

function setup(overrides: Partial<ReleaseDeps> = {}, distFiles: Record<string, number | string> = { 'app.js': 'ok', 'packages/a/x.js': 5 }) {
  const logFile = path.join(tmpDir('log-'), 'releases', 'log.json')
  const upload = jest.fn((args: { platform: string }) => Promise.resolve(args.platform === 'weapp' ? WEAPP_REPORT : ALIPAY_REPORT))
  const build = jest.fn()
  const compileCheck = jest.fn((_platform: string, _distDir: string) => Promise.resolve<string[]>([]))
  const printed: string[] = []
  const deps: ReleaseDeps = {
    repoRoot: REPO,
    env: { RELEASE_WECHAT_APPID: 'wx0123456789abcdef', RELEASE_ALIPAY_APPID: '2021000000000001', ALIPAY_TOOL_ID: 'tool-1', WECHAT_UPLOAD_KEY_PATH: wechatKey, ALIPAY_UPLOAD_KEY_PATH: alipayKey, RELEASE_REQUEST_DOMAINS: 'https://api.gov-mini.example.cn' },
    uploader: { upload },
    build,
    compileCheck,
    gitCommit: () => 'deadbeef',
    now: () => new Date('2026-11-22T08:00:00.000Z'),
    logFile,
    distDir: makeDist(distFiles),
    print: (line) => printed.push(line),
    ...overrides,
  }
  return { deps, upload, build, compileCheck, printed, logFile }
}

test('parseArgs', () => {
  expect(parseArgs(['--platform', 'weapp', '--version', '1.2.3', '--desc', 'fix', '--dry-run'])).toEqual({ platform: 'weapp', version: '1.2.3', desc: 'fix', mode: 'production', experience: false, dryRun: true })
  expect(parseArgs(['--platform', 'alipay', '--version', '1.2.3', '--desc', 'x', '--experience']).experience).toBe(true)
  expect(() => parseArgs(['--platform', 'weapp', '--version', '1.2.3', '--desc', 'x', '--experience'])).toThrow(/Alipay only/)
  expect(parseArgs(['--platform', 'alipay', '--version', '1.2.3', '--desc', 'x', '--mode', 'staging']).mode).toBe('staging')
  expect(() => parseArgs(['--platform', 'alipay', '--version', '1.2.3', '--desc', 'x', '--mode', '../prod'])).toThrow(/--mode/)
  expect(() => parseArgs(['--platform', 'h5', '--version', '1.2.3', '--desc', 'x'])).toThrow(/weapp or alipay/)
  expect(() => parseArgs(['--platform', 'weapp', '--desc', 'x'])).toThrow(/--version/)
})

test('weapp: the uploader receives exactly the right arguments; the console sizes are printed and logged', async () => {
  const { deps, upload, build, compileCheck, printed, logFile } = setup()
  const outcome = await release({ platform: 'weapp', version: '1.2.10', desc: '首发', mode: 'production', experience: false, dryRun: false }, deps)
  expect(outcome.failures).toEqual([])
  expect(build).toHaveBeenCalledWith('weapp', expect.objectContaining({ TARO_APP_API_BASE: 'https://api.gov-mini.example.cn', NODE_ENV: 'production' }), 'production')
  expect(compileCheck).toHaveBeenCalledWith('weapp', deps.distDir)
  expect(upload).toHaveBeenCalledTimes(1)
  expect(upload).toHaveBeenCalledWith({ platform: 'weapp', projectDir: deps.distDir, version: '1.2.10', desc: '首发', appId: 'wx0123456789abcdef', privateKeyPath: wechatKey, robot: 1 })
  expect(readLog(logFile)).toEqual([{ version: '1.2.10', platform: 'weapp', time: '2026-11-22T08:00:00.000Z', commit: 'deadbeef', dryRun: false, mode: 'production', desc: '首发', sizes: { main: expect.any(Number), subPackages: { 'packages/a': 5 }, total: expect.any(Number) }, upload: WEAPP_REPORT }])
  expect(printed).toEqual([...formatUploadReport(WEAPP_REPORT), expect.stringMatching(/^Uploaded: weapp 1\.2\.10/)])
  expect(printed).toContain(`  ${'__FULL__'.padEnd(34)}     200.0 KB`)

  // The same version again is refused and not uploaded.
  const again = await release({ platform: 'weapp', version: '1.2.10', desc: 'again', mode: 'production', experience: false, dryRun: false }, deps)
  expect(again.failures).toEqual([expect.stringContaining('1.2.10 is not higher than 1.2.10')])
  expect(upload).toHaveBeenCalledTimes(1)
})

test('alipay: tool id, key path and --experience are passed; the version and QR code URL are printed and logged', async () => {
  const { deps, upload, printed, logFile } = setup()
  await release({ platform: 'alipay', version: '1.0.0', desc: 'd', mode: 'production', experience: true, dryRun: false }, deps)
  expect(upload).toHaveBeenCalledWith({ platform: 'alipay', projectDir: deps.distDir, version: '1.0.0', desc: 'd', appId: '2021000000000001', privateKeyPath: alipayKey, toolId: 'tool-1', experience: true })
  expect(printed).toEqual(['Alipay console version: 1.0.0', 'Experience version QR code: https://qr.example.cn/experience.png', expect.stringMatching(/^Uploaded: alipay 1\.0\.0/)])
  expect(readLog(logFile)).toEqual([expect.objectContaining({ platform: 'alipay', desc: 'd', upload: ALIPAY_REPORT })])
})

test('alipay: a description minidev would refuse (200 characters or more) is refused before building', async () => {
  const { deps, upload, build } = setup()
  const outcome = await release({ platform: 'alipay', version: '1.0.0', desc: '办'.repeat(200), mode: 'production', experience: false, dryRun: true }, deps)
  expect(outcome.failures).toEqual(['--desc is 200 characters: Alipay\'s versionDescription takes at most 199 (minidev refuses 200 or more)'])
  expect(build).not.toHaveBeenCalled()
  expect(upload).not.toHaveBeenCalled()
  expect((await release({ platform: 'alipay', version: '1.0.0', desc: '办'.repeat(199), mode: 'production', experience: false, dryRun: true }, deps)).ok).toBe(true)
  // WeChat's desc has no such limit in miniprogram-ci.
  expect((await release({ platform: 'weapp', version: '1.0.0', desc: '办'.repeat(200), mode: 'production', experience: false, dryRun: true }, deps)).ok).toBe(true)
})

test('alipay: a PKCS#1 key is refused before building, with the conversion command', async () => {
  const { deps, upload, build } = setup()
  const pkcs1 = writeKey('pkcs1')
  const outcome = await release({ platform: 'alipay', version: '1.0.0', desc: 'd', mode: 'production', experience: false, dryRun: false }, { ...deps, env: { ...deps.env, ALIPAY_UPLOAD_KEY_PATH: pkcs1 } })
  expect(outcome.failures).toEqual([`ALIPAY_UPLOAD_KEY_PATH ${pkcs1} is a PKCS#1 key (-----BEGIN RSA PRIVATE KEY-----); minidev accepts only PKCS#8: convert it with \`openssl pkcs8 -topk8 -nocrypt -in <key> -out <key>.pkcs8.pem\`, or export the "PKCS8" format from Alipay's key tool`])
  expect(build).not.toHaveBeenCalled()
  expect(upload).not.toHaveBeenCalled()
})

test('each run records its preflight per platform beside the log (the console shows it): passed, or the failures', async () => {
  const { deps, logFile } = setup()
  await release({ platform: 'weapp', version: '1.2.10', desc: '首发', mode: 'production', experience: false, dryRun: true }, deps)
  const failing = { ...deps, compileCheck: () => Promise.resolve(['dist/alipay: does not compile']) }
  await release({ platform: 'alipay', version: '1.0.1', desc: 'd', mode: 'production', experience: false, dryRun: true }, failing)
  const recorded = JSON.parse(fs.readFileSync(path.join(path.dirname(logFile), 'preflight.json'), 'utf8'))
  expect(recorded.weapp).toMatchObject({ platform: 'weapp', version: '1.2.10', mode: 'production', time: '2026-11-22T08:00:00.000Z', commit: 'deadbeef', passed: true, failures: [], sizes: { main: expect.any(Number), total: expect.any(Number) } })
  expect(recorded.alipay).toMatchObject({ platform: 'alipay', version: '1.0.1', passed: false, failures: ['dist/alipay: does not compile'] })
})

test('a bundle that does not compile is refused and not uploaded', async () => {
  const { deps, upload, logFile } = setup({ compileCheck: () => Promise.resolve(['dist/weapp does not compile with miniprogram-ci (es7, minify) [error 10045]: app.js: Unexpected token (1:3)']) })
  const outcome = await release({ platform: 'weapp', version: '1.0.0', desc: 'd', mode: 'production', experience: false, dryRun: false }, deps)
  expect(outcome).toEqual({ ok: false, failures: [expect.stringContaining('app.js: Unexpected token')] })
  expect(upload).not.toHaveBeenCalled()
  expect(fs.existsSync(logFile)).toBe(false)
})

test('--dry-run does not upload, records a dry-run entry that does not count as the last release', async () => {
  const { deps, upload, logFile } = setup()
  const outcome = await release({ platform: 'weapp', version: '2.0.0', desc: 'd', mode: 'production', experience: false, dryRun: true }, deps)
  expect(outcome.ok).toBe(true)
  expect(upload).not.toHaveBeenCalled()
  expect(readLog(logFile)).toEqual([expect.objectContaining({ version: '2.0.0', dryRun: true })])
  expect((await release({ platform: 'weapp', version: '1.0.0', desc: 'd', mode: 'production', experience: false, dryRun: false }, deps)).ok).toBe(true)
  expect(upload).toHaveBeenCalledTimes(1)
})

test('a failing preflight does not upload or record', async () => {
  const { deps, upload, logFile } = setup({}, { 'app.js': 'login("sandbox:110101")', 'common.js': '-----BEGIN RSA PRIVATE KEY-----' })
  const outcome = await release({ platform: 'weapp', version: '1.0.0', desc: 'd', mode: 'production', experience: false, dryRun: false }, deps)
  expect(outcome.ok).toBe(false)
  expect(outcome.failures).toEqual(expect.arrayContaining(['app.js: contains a sandbox login code (sandbox:)', 'common.js: contains a PEM private key']))
  expect(upload).not.toHaveBeenCalled()
  expect(fs.existsSync(logFile)).toBe(false)
})

test('a key path inside the repository is refused before building', async () => {
  const { deps, upload, build, compileCheck } = setup()
  const outcome = await release({ platform: 'weapp', version: '1.0.0', desc: 'd', mode: 'production', experience: false, dryRun: false }, { ...deps, env: { ...deps.env, WECHAT_UPLOAD_KEY_PATH: path.join(REPO, 'keys/upload.key') } })
  expect(outcome.failures).toEqual([expect.stringContaining('inside the repository')])
  expect(build).not.toHaveBeenCalled()
  expect(compileCheck).not.toHaveBeenCalled()
  expect(upload).not.toHaveBeenCalled()
})

test('unset appid and an API base off the whitelist are refused', async () => {
  const { deps, upload } = setup()
  const env = { ...deps.env, RELEASE_WECHAT_APPID: undefined, RELEASE_REQUEST_DOMAINS: 'other.cn', TARO_APP_API_BASE: 'http://api.gov-mini.example.cn' }
  const outcome = await release({ platform: 'weapp', version: '1.0.0', desc: 'd', mode: 'production', experience: false, dryRun: true }, { ...deps, env })
  expect(outcome.failures).toEqual([expect.stringContaining('appid is not set'), expect.stringContaining('is not https'), expect.stringContaining('not in RELEASE_REQUEST_DOMAINS')])
  expect(upload).not.toHaveBeenCalled()
})


test('--mode builds with that .env file, and a missing one is refused before building', async () => {
  const { deps, build } = setup()
  const missing = await release({ platform: 'weapp', version: '9.0.0', desc: 'd', mode: 'staging', experience: false, dryRun: true }, deps)
  expect(missing.failures).toEqual([expect.stringContaining('.env.staging not found')])
  expect(build).not.toHaveBeenCalled()

  // .env.development exists: its TARO_APP_* reach the build, with Taro's --mode.
  const development = fs.readFileSync(path.join(REPO, '.env.development'), 'utf8')
  const apiBase = /TARO_APP_API_BASE=(.*)/.exec(development)?.[1]?.trim().replace(/^['"]|['"]$/g, '')
  await release({ platform: 'weapp', version: '9.0.0', desc: 'd', mode: 'development', experience: false, dryRun: true }, deps)
  expect(build).toHaveBeenCalledWith('weapp', expect.objectContaining({ TARO_APP_API_BASE: apiBase }), 'development')
})
