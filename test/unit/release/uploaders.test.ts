/** @jest-environment node */
// The uploaders against stand-ins of miniprogram-ci and minidev (the factories take the package
// loader), so these tests do not depend on what is installed and never reach a console.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createAlipayUploader, createWechatUploader, loadPackage, type MinidevModule, type MiniprogramCiModule } from '../../../scripts/release/uploaders'
import { tmpDir, writeKey } from './fixtures'

const REPO = path.resolve(__dirname, '../../..')

test('loadPackage: a missing package says how to install it; other errors pass through', async () => {
  const missing = Object.assign(new Error("Cannot find module 'miniprogram-ci'"), { code: 'MODULE_NOT_FOUND' })
  await expect(loadPackage('miniprogram-ci', () => Promise.reject(missing))).rejects.toThrow('miniprogram-ci is not installed: it is a pinned devDependency of this repository, run `npm ci`')
  const esmMissing = Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' })
  await expect(loadPackage('minidev', () => Promise.reject(esmMissing))).rejects.toThrow(/minidev is not installed/)
  await expect(loadPackage('minidev', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
  await expect(loadPackage('x', () => Promise.resolve(42))).resolves.toBe(42)
})

test('WeChat: Project and upload get the arguments; the package sizes come back', async () => {
  const projects: unknown[] = []
  const upload = jest.fn().mockResolvedValue({ subPackageInfo: [{ name: '__FULL__', size: 300 }, { name: '__APP__', size: 200 }], pluginInfo: [] })
  const fake = {
    Project: class {
      constructor(options: unknown) {
        projects.push(options)
      }
    },
    upload,
  }
  const uploader = createWechatUploader(() => Promise.resolve(fake as unknown as MiniprogramCiModule))
  const report = await uploader.upload({ platform: 'weapp', projectDir: '/dist/weapp', version: '1.2.3', desc: '首发', appId: 'wx0123456789abcdef', privateKeyPath: '/keys/private.key', robot: 2 })
  expect(projects).toEqual([{ appid: 'wx0123456789abcdef', type: 'miniProgram', projectPath: '/dist/weapp', privateKeyPath: '/keys/private.key', ignores: ['node_modules/**/*'] }])
  expect(upload).toHaveBeenCalledWith({ project: expect.any(fake.Project), version: '1.2.3', desc: '首发', robot: 2, setting: { es6: false, minify: false } })
  expect(report).toEqual({ subPackageInfo: [{ name: '__FULL__', size: 300 }, { name: '__APP__', size: 200 }] })
})

test('Alipay: the credentials are in place before the upload starts; versionDescription, version and the QR code URL', async () => {
  const key = writeKey('pkcs8')
  let runtime: Record<string, unknown> | undefined
  const seenAtUpload: unknown[] = []
  const fake = {
    minidev: {
      config: {
        // Resolves later, as minidev's does: an upload started without awaiting it would see no key.
        useRuntime: (config: Record<string, unknown>) => new Promise<void>((resolve) => setTimeout(() => ((runtime = config), resolve()), 20)),
      },
      upload: jest.fn((options: unknown) => {
        seenAtUpload.push(runtime)
        return Promise.resolve({ version: '1.2.3', ...((options as { experience?: boolean }).experience ? { experienceQrCodeUrl: 'https://qr.example.cn/x.png' } : {}) })
      }),
    },
  }
  const uploader = createAlipayUploader(() => Promise.resolve(fake as unknown as MinidevModule))
  const args = { platform: 'alipay' as const, projectDir: '/dist/alipay', version: '1.2.3', desc: '修复登录', appId: '2021000000000001', privateKeyPath: key, toolId: 'tool-1' }

  expect(await uploader.upload(args)).toEqual({ version: '1.2.3' })
  expect(seenAtUpload).toEqual([{ 'alipay.authentication.privateKey': fs.readFileSync(key, 'utf8').trim(), 'alipay.authentication.toolId': 'tool-1' }])
  expect(fake.minidev.upload).toHaveBeenLastCalledWith({ appId: '2021000000000001', project: '/dist/alipay', version: '1.2.3', versionDescription: '修复登录', clientType: 'alipay' })

  expect(await uploader.upload({ ...args, experience: true })).toEqual({ version: '1.2.3', experienceQrCodeUrl: 'https://qr.example.cn/x.png' })
  expect(fake.minidev.upload).toHaveBeenLastCalledWith(expect.objectContaining({ experience: true }))
})

test('loading the release CLI loads neither console package (they are imported on first use)', () => {
  const probe = path.join(tmpDir('probe-'), 'probe.cjs')
  fs.writeFileSync(probe, `require(${JSON.stringify(path.join(REPO, 'scripts/release/cli.ts'))}); console.log(JSON.stringify(Object.keys(require.cache).filter((file) => /node_modules[\\\\/](miniprogram-ci|minidev)[\\\\/]/.test(file))))`)
  const loaded = execFileSync(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, probe], { cwd: REPO, encoding: 'utf8' })
  expect(JSON.parse(loaded)).toEqual([])
})
