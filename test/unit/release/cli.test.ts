/** @jest-environment node */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs, release, type ReleaseDeps } from '../../../scripts/release/cli'
import { readLog } from '../../../scripts/release/log'
import { makeDist, tmpDir } from './fixtures'

const REPO = path.resolve(__dirname, '../../..')

function setup(overrides: Partial<ReleaseDeps> = {}, distFiles: Record<string, number | string> = { 'app.js': 'ok', 'packages/a/x.js': 5 }) {
  const keyDir = tmpDir('keys-')
  const key = path.join(keyDir, 'upload.key')
  fs.writeFileSync(key, 'not a real key')
  const logFile = path.join(tmpDir('log-'), 'releases', 'log.json')
  const upload = jest.fn().mockResolvedValue(undefined)
  const build = jest.fn()
  const deps: ReleaseDeps = {
    repoRoot: REPO,
    env: { RELEASE_WECHAT_APPID: 'wx0123456789abcdef', RELEASE_ALIPAY_APPID: '2021000000000001', ALIPAY_TOOL_ID: 'tool-1', WECHAT_UPLOAD_KEY_PATH: key, ALIPAY_UPLOAD_KEY_PATH: key, RELEASE_REQUEST_DOMAINS: 'https://api.gov-mini.example.cn' },
    uploader: { upload },
    build,
    gitCommit: () => 'deadbeef',
    now: () => new Date('2026-11-22T08:00:00.000Z'),
    logFile,
    distDir: makeDist(distFiles),
    print: () => {},
    ...overrides,
  }
  return { deps, upload, build, key, logFile }
}

test('parseArgs', () => {
  expect(parseArgs(['--platform', 'weapp', '--version', '1.2.3', '--desc', 'fix', '--dry-run'])).toEqual({ platform: 'weapp', version: '1.2.3', desc: 'fix', mode: 'production', dryRun: true })
  expect(parseArgs(['--platform', 'alipay', '--version', '1.2.3', '--desc', 'x', '--mode', 'staging']).mode).toBe('staging')
  expect(() => parseArgs(['--platform', 'alipay', '--version', '1.2.3', '--desc', 'x', '--mode', '../prod'])).toThrow(/--mode/)
  expect(() => parseArgs(['--platform', 'h5', '--version', '1.2.3', '--desc', 'x'])).toThrow(/weapp or alipay/)
  expect(() => parseArgs(['--platform', 'weapp', '--desc', 'x'])).toThrow(/--version/)
})

test('weapp: the uploader receives exactly the right arguments and the log records the entry', async () => {
  const { deps, upload, build, key, logFile } = setup()
  const outcome = await release({ platform: 'weapp', version: '1.2.10', desc: '首发', mode: 'production', dryRun: false }, deps)
  expect(outcome.failures).toEqual([])
  expect(build).toHaveBeenCalledWith('weapp', expect.objectContaining({ TARO_APP_API_BASE: 'https://api.gov-mini.example.cn', NODE_ENV: 'production' }), 'production')
  expect(upload).toHaveBeenCalledTimes(1)
  expect(upload).toHaveBeenCalledWith({ platform: 'weapp', projectDir: deps.distDir, version: '1.2.10', desc: '首发', appId: 'wx0123456789abcdef', privateKeyPath: key, robot: 1 })
  expect(readLog(logFile)).toEqual([{ version: '1.2.10', platform: 'weapp', time: '2026-11-22T08:00:00.000Z', commit: 'deadbeef', dryRun: false, mode: 'production', sizes: { main: expect.any(Number), subPackages: { 'packages/a': 5 }, total: expect.any(Number) } }])

  // The same version again is refused and not uploaded.
  const again = await release({ platform: 'weapp', version: '1.2.10', desc: 'again', mode: 'production', dryRun: false }, deps)
  expect(again.failures).toEqual([expect.stringContaining('1.2.10 is not higher than 1.2.10')])
  expect(upload).toHaveBeenCalledTimes(1)
})

test('alipay: tool id and key path are passed', async () => {
  const { deps, upload, key } = setup()
  await release({ platform: 'alipay', version: '1.0.0', desc: 'd', mode: 'production', dryRun: false }, deps)
  expect(upload).toHaveBeenCalledWith({ platform: 'alipay', projectDir: deps.distDir, version: '1.0.0', desc: 'd', appId: '2021000000000001', privateKeyPath: key, toolId: 'tool-1' })
})

test('--dry-run does not upload, records a dry-run entry that does not count as the last release', async () => {
  const { deps, upload, logFile } = setup()
  const outcome = await release({ platform: 'weapp', version: '2.0.0', desc: 'd', mode: 'production', dryRun: true }, deps)
  expect(outcome.ok).toBe(true)
  expect(upload).not.toHaveBeenCalled()
  expect(readLog(logFile)).toEqual([expect.objectContaining({ version: '2.0.0', dryRun: true })])
  expect((await release({ platform: 'weapp', version: '1.0.0', desc: 'd', mode: 'production', dryRun: false }, deps)).ok).toBe(true)
  expect(upload).toHaveBeenCalledTimes(1)
})

test('a failing preflight does not upload or record', async () => {
  const { deps, upload, logFile } = setup({}, { 'app.js': 'login("sandbox:110101")', 'common.js': '-----BEGIN RSA PRIVATE KEY-----' })
  const outcome = await release({ platform: 'weapp', version: '1.0.0', desc: 'd', mode: 'production', dryRun: false }, deps)
  expect(outcome.ok).toBe(false)
  expect(outcome.failures).toEqual(expect.arrayContaining(['app.js: contains a sandbox login code (sandbox:)', 'common.js: contains a PEM private key']))
  expect(upload).not.toHaveBeenCalled()
  expect(fs.existsSync(logFile)).toBe(false)
})

test('a key path inside the repository is refused before building', async () => {
  const { deps, upload, build } = setup()
  const outcome = await release({ platform: 'weapp', version: '1.0.0', desc: 'd', mode: 'production', dryRun: false }, { ...deps, env: { ...deps.env, WECHAT_UPLOAD_KEY_PATH: path.join(REPO, 'keys/upload.key') } })
  expect(outcome.failures).toEqual([expect.stringContaining('inside the repository')])
  expect(build).not.toHaveBeenCalled()
  expect(upload).not.toHaveBeenCalled()
})

test('unset appid and an API base off the whitelist are refused', async () => {
  const { deps, upload } = setup()
  const env = { ...deps.env, RELEASE_WECHAT_APPID: undefined, RELEASE_REQUEST_DOMAINS: 'other.cn', TARO_APP_API_BASE: 'http://api.gov-mini.example.cn' }
  const outcome = await release({ platform: 'weapp', version: '1.0.0', desc: 'd', mode: 'production', dryRun: true }, { ...deps, env })
  expect(outcome.failures).toEqual([expect.stringContaining('appid is not set'), expect.stringContaining('is not https'), expect.stringContaining('not in RELEASE_REQUEST_DOMAINS')])
  expect(upload).not.toHaveBeenCalled()
})

test('the default uploaders explain how to install a missing console package', async () => {
  const { wechatUploader } = await import('../../../scripts/release/uploaders')
  await expect(wechatUploader.upload({ platform: 'weapp', projectDir: '/x', version: '1.0.0', desc: 'd', appId: 'wx0123456789abcdef', privateKeyPath: '/k' })).rejects.toThrow(/miniprogram-ci is not installed: run `npm install/)
})

test('--mode builds with that .env file, and a missing one is refused before building', async () => {
  const { deps, build } = setup()
  const missing = await release({ platform: 'weapp', version: '9.0.0', desc: 'd', mode: 'staging', dryRun: true }, deps)
  expect(missing.failures).toEqual([expect.stringContaining('.env.staging not found')])
  expect(build).not.toHaveBeenCalled()

  // .env.development exists: its TARO_APP_* reach the build, with Taro's --mode.
  const development = fs.readFileSync(path.join(REPO, '.env.development'), 'utf8')
  const apiBase = /TARO_APP_API_BASE=(.*)/.exec(development)?.[1]?.trim().replace(/^['"]|['"]$/g, '')
  await release({ platform: 'weapp', version: '9.0.0', desc: 'd', mode: 'development', dryRun: true }, deps)
  expect(build).toHaveBeenCalledWith('weapp', expect.objectContaining({ TARO_APP_API_BASE: apiBase }), 'development')
})
