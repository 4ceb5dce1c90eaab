/** @jest-environment node */
import fs from 'node:fs'
import path from 'node:path'
import { MB } from '../../../scripts/package-sizes'
import { type ReleaseEntry } from '../../../scripts/release/log'
import { keyFormatFailures } from '../../../scripts/release/keys'
import { apiBaseFailures, appIdFailures, bundleFailures, compareVersions, credentialFailures, descriptionFailures, keyPathFailures, parseDomains, parseEnvFile, preflight, resolveAppId, versionFailures } from '../../../scripts/release/preflight'
import { makeDist, tmpDir, writeKey } from './fixtures'

const entry = (version: string, dryRun = false, platform: 'weapp' | 'alipay' = 'weapp'): ReleaseEntry => ({ version, platform, dryRun, time: '2026-01-01T00:00:00.000Z', commit: 'abc', sizes: { main: 1, subPackages: {}, total: 1 } })
const REPO = path.resolve(__dirname, '../../..')

describe('sizes', () => {
  test('a package over 2 MB and a total over 8 MB are named with their numbers', () => {
    const dist = makeDist({ 'app.js': 100, 'packages/a/big.js': 2 * MB + 1, 'packages/b/x.js': 2 * MB, 'packages/c/x.js': 2 * MB, 'packages/d/x.js': 2 * MB }, ['packages/a', 'packages/b', 'packages/c', 'packages/d'])
    const { failures } = preflight({ platform: 'weapp', version: '1.0.0', desc: 'd', distDir: dist, log: [], appId: 'wx0123456789abcdef', apiBase: 'https://api.example.cn', requestDomains: ['api.example.cn'], env: {}, repoRoot: REPO, dryRun: true })
    expect(failures).toEqual([
      'weapp packages/a: 2048.0 KB exceeds 2048.0 KB per package',
      expect.stringMatching(/^weapp total: 8192\.\d KB exceeds 8192\.0 KB$/),
    ])
  })

  test('a clean small bundle passes every check', () => {
    const dist = makeDist({ 'app.js': 'const api = "https://api.example.cn"', 'packages/a/x.js': 10 })
    const { failures, sizes } = preflight({ platform: 'alipay', version: '1.0.0', desc: 'd', distDir: dist, log: [], appId: '2021000000000001', apiBase: 'https://api.example.cn', requestDomains: ['api.example.cn'], env: {}, repoRoot: REPO, dryRun: true })
    expect(failures).toEqual([])
    expect(sizes?.subPackages).toEqual([{ name: 'packages/a', bytes: 10 }])
  })

  test('a missing build is a failure naming app.json', () => {
    const { failures } = preflight({ platform: 'weapp', version: '1.0.0', desc: 'd', distDir: tmpDir(), log: [], appId: 'wx0123456789abcdef', apiBase: 'https://a.cn', requestDomains: ['a.cn'], env: {}, repoRoot: REPO, dryRun: true })
    expect(failures[0]).toMatch(/app\.json is missing/)
  })
})

describe('bundle scan', () => {
  test('a fake PEM header, session_key and server code are found by file', () => {
    const dist = makeDist({ 'common.js': 'x="-----BEGIN PRIVATE KEY-----"', 'packages/a/y.js': 'r.session_key', 'vendor.js': 'require("fastify")', 'logo.png': '-----BEGIN PRIVATE KEY-----' })
    expect(bundleFailures(dist).sort()).toEqual(['common.js: contains a PEM private key', 'packages/a/y.js: contains WeChat session_key', 'vendor.js: contains server code (Fastify)'])
  })

  test('sandbox login codes, localhost, http:// bases and AUTH_SANDBOX are found', () => {
    const dist = makeDist({
      'pages/login/index.js': 'code="sandbox:110101"',
      'a.js': 'base="https://localhost:8080"',
      'b.js': 'base="http://api.example.cn"',
      'c.js': 'text="AUTH_SANDBOX=1"',
      'd.wxml': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    })
    expect(bundleFailures(dist).sort()).toEqual([
      'a.js: contains localhost',
      'b.js: contains an http:// URL',
      'c.js: contains the AUTH_SANDBOX dev flag',
      'pages/login/index.js: contains a sandbox login code (sandbox:)',
    ])
  })
})

describe('version', () => {
  test('ordering is numeric: 1.2.10 > 1.2.9', () => {
    expect(compareVersions('1.2.10', '1.2.9')).toBeGreaterThan(0)
    expect(versionFailures('1.2.10', 'weapp', [entry('1.2.9')])).toEqual([])
    expect(versionFailures('1.2.9', 'weapp', [entry('1.2.10')])).toEqual([expect.stringContaining('1.2.9 is not higher than 1.2.10')])
  })
  test('an equal version is refused', () => {
    expect(versionFailures('1.0.0', 'weapp', [entry('1.0.0')])).toEqual([expect.stringContaining('1.0.0 is not higher than 1.0.0')])
  })
  test('dry-run entries and other platforms are ignored', () => {
    expect(versionFailures('1.0.0', 'weapp', [entry('2.0.0', true), entry('3.0.0', false, 'alipay'), entry('0.9.0')])).toEqual([])
  })
  test('not semver is refused', () => {
    for (const bad of ['1.0', 'v1.0.0', '1.0.0-beta', '01.0.0']) expect(versionFailures(bad, 'weapp', [])).toEqual([expect.stringContaining(`"${bad}" is not X.Y.Z`)])
  })
})

describe('appid', () => {
  test('the touristappid placeholder counts as unset', () => {
    expect(resolveAppId('weapp', {}, 'touristappid')).toBeUndefined()
    expect(appIdFailures('weapp', undefined)).toEqual([expect.stringContaining('RELEASE_WECHAT_APPID')])
    expect(appIdFailures('alipay', resolveAppId('alipay', {}, 'wx0123456789abcdef'))).toEqual([expect.stringContaining('RELEASE_ALIPAY_APPID')])
  })
  test('env wins over TARO_APP_ID and project.config.json', () => {
    expect(resolveAppId('weapp', { RELEASE_WECHAT_APPID: 'wx1111111111111111', TARO_APP_ID: 'wx2222222222222222' }, 'wx3333333333333333')).toBe('wx1111111111111111')
    expect(resolveAppId('weapp', { TARO_APP_ID: 'wx2222222222222222' }, 'wx3333333333333333')).toBe('wx2222222222222222')
    expect(resolveAppId('weapp', {}, 'wx3333333333333333')).toBe('wx3333333333333333')
    expect(resolveAppId('alipay', { RELEASE_ALIPAY_APPID: '2021000000000001' })).toBe('2021000000000001')
  })
  test('a malformed appid is refused', () => {
    expect(appIdFailures('weapp', 'wx123')).toEqual([expect.stringContaining('"wx123"')])
    expect(appIdFailures('alipay', 'abc')).toEqual([expect.stringContaining('"abc"')])
    expect(appIdFailures('weapp', 'wx0123456789abcdef')).toEqual([])
  })
})

describe('API base', () => {
  test('must be https', () => {
    expect(apiBaseFailures('http://api.example.cn', ['http://api.example.cn'])).toEqual([expect.stringContaining('is not https')])
  })
  test('must be on the whitelist', () => {
    expect(apiBaseFailures('https://api.example.cn', parseDomains('https://other.cn, cdn.example.cn'))).toEqual([expect.stringContaining('https://api.example.cn is not in RELEASE_REQUEST_DOMAINS')])
    expect(apiBaseFailures('https://api.example.cn', [])).toEqual([expect.stringContaining('RELEASE_REQUEST_DOMAINS is empty')])
    expect(apiBaseFailures('https://api.example.cn/v1', parseDomains('https://other.cn,https://api.example.cn/'))).toEqual([])
    expect(apiBaseFailures('', ['a.cn'])).toEqual([expect.stringContaining('empty')])
  })
  test('.env.production is read', () => {
    expect(parseEnvFile(fs.readFileSync(path.join(REPO, '.env.production'), 'utf8')).TARO_APP_API_BASE).toBe('https://api.gov-mini.example.cn')
    expect(parseEnvFile('# c\nA="x y"\nexport B=2')).toEqual({ A: 'x y', B: '2' })
  })
})

describe('upload key path', () => {
  test('a key inside the repository is refused', () => {
    expect(keyPathFailures('WECHAT_UPLOAD_KEY_PATH', path.join(REPO, '.data/upload.key'), REPO, true)).toEqual([expect.stringContaining('is inside the repository')])
    expect(keyPathFailures('WECHAT_UPLOAD_KEY_PATH', 'package.json', REPO, false)).toEqual([expect.stringContaining('is inside the repository')])
  })
  test('a key outside is accepted; missing is refused only when required', () => {
    const key = path.join(tmpDir(), 'private.key')
    fs.writeFileSync(key, 'k')
    expect(keyPathFailures('K', key, REPO, true)).toEqual([])
    expect(keyPathFailures('K', undefined, REPO, true)).toEqual(['K is not set'])
    expect(keyPathFailures('K', undefined, REPO, false)).toEqual([])
    expect(keyPathFailures('K', '/nonexistent/k.key', REPO, true)).toEqual([expect.stringContaining('does not exist')])
  })
})

describe('upload key format', () => {
  test('WeChat: PKCS#1 (as the console downloads it) and PKCS#8 PEM keys are accepted', () => {
    expect(keyFormatFailures('weapp', 'K', writeKey('pkcs1'))).toEqual([])
    expect(keyFormatFailures('weapp', 'K', writeKey('pkcs8'))).toEqual([])
  })
  test('WeChat: a bare base64 key, an encrypted key and a non-RSA key are refused', () => {
    expect(keyFormatFailures('weapp', 'K', writeKey('pkcs8-base64'))).toEqual([expect.stringContaining('is not a PEM key: miniprogram-ci needs')])
    expect(keyFormatFailures('weapp', 'K', writeKey('encrypted'))).toEqual([expect.stringContaining('is encrypted with a passphrase')])
    expect(keyFormatFailures('weapp', 'K', writeKey('ec'))).toEqual([expect.stringContaining('is not an RSA key (ec)')])
  })
  test('Alipay: PKCS#8, PEM or the bare base64 of the key tool, is accepted', () => {
    expect(keyFormatFailures('alipay', 'K', writeKey('pkcs8'))).toEqual([])
    expect(keyFormatFailures('alipay', 'K', writeKey('pkcs8-base64'))).toEqual([])
  })
  test('Alipay: PKCS#1, PEM or bare base64, is refused with the conversion command', () => {
    for (const format of ['pkcs1', 'pkcs1-base64'] as const) {
      const key = writeKey(format)
      expect(keyFormatFailures('alipay', 'ALIPAY_UPLOAD_KEY_PATH', key)).toEqual([expect.stringMatching(new RegExp(`^ALIPAY_UPLOAD_KEY_PATH ${key} is a PKCS#1 key.*minidev accepts only PKCS#8: convert it with \`openssl pkcs8 -topk8 -nocrypt`))])
    }
  })
  test('Alipay: an encrypted key, a non-RSA key and text that is no key are refused', () => {
    expect(keyFormatFailures('alipay', 'K', writeKey('encrypted'))).toEqual([expect.stringContaining('is encrypted with a passphrase')])
    expect(keyFormatFailures('alipay', 'K', writeKey('ec'))).toEqual([expect.stringContaining('is not an RSA key (ec)')])
    const junk = path.join(tmpDir(), 'junk.key')
    fs.writeFileSync(junk, 'not a key')
    expect(keyFormatFailures('alipay', 'K', junk)).toEqual([expect.stringContaining('is not a PKCS#8 RSA private key minidev can sign with')])
  })
  test('credentialFailures checks the format of a key that is set, also on a dry run', () => {
    const env = { ALIPAY_UPLOAD_KEY_PATH: writeKey('pkcs1') }
    expect(credentialFailures('alipay', env, REPO, false)).toEqual([expect.stringContaining('is a PKCS#1 key')])
    expect(credentialFailures('weapp', { WECHAT_UPLOAD_KEY_PATH: env.ALIPAY_UPLOAD_KEY_PATH }, REPO, true)).toEqual([])
    expect(credentialFailures('alipay', { ALIPAY_UPLOAD_KEY_PATH: writeKey('pkcs8') }, REPO, true)).toEqual(['ALIPAY_TOOL_ID is not set'])
  })
})

describe('description', () => {
  test("Alipay's versionDescription: at most 199 (minidev refuses a length of 200 or more)", () => {
    expect(descriptionFailures('alipay', 'a'.repeat(199))).toEqual([])
    expect(descriptionFailures('alipay', 'a'.repeat(200))).toEqual([expect.stringContaining('--desc is 200 characters')])
    expect(descriptionFailures('weapp', 'a'.repeat(200))).toEqual([])
    expect(descriptionFailures('weapp', '  ')).toEqual([expect.stringContaining('--desc is empty')])
  })
})
