/**
 * Uploading to the consoles with miniprogram-ci (WeChat) and minidev (Alipay), pinned
 * devDependencies typed by their own declarations. Each is loaded with a dynamic import on
 * first use, so nothing but an upload (and the weapp compile check) loads them. The CLI takes
 * an Uploader so tests inject one; the factories take the package loader for the same reason.
 */
import fs from 'node:fs'
import type * as MiniprogramCi from 'miniprogram-ci'
import type * as Minidev from 'minidev'
import { type AlipayUploadReport, type Platform, type UploadReport, type WeappUploadReport } from './log'

export interface UploadArgs {
  platform: Platform
  projectDir: string
  version: string
  /** WeChat `desc`, Alipay `versionDescription`: the version's description in the console. */
  desc: string
  appId: string
  privateKeyPath: string
  /** Alipay only. */
  toolId?: string
  /** Alipay only: make the upload the experience version (the console answers with its QR code URL). */
  experience?: boolean
  /** WeChat only: the CI robot (1-30). */
  robot?: number
}

export interface Uploader {
  /** Resolves with what the console answered (see UploadReport in ./log). */
  upload(args: UploadArgs): Promise<UploadReport>
}

export type MiniprogramCiModule = typeof MiniprogramCi
export type MinidevModule = typeof Minidev
/** miniprogram-ci's compile settings (es6, es7, minify, …), as its `upload` takes them. */
export type WechatCompileSetting = NonNullable<Parameters<MiniprogramCiModule['upload']>[0]['setting']>

/** Runs a package's dynamic import; a missing package is an error that says how to get it. */
export async function loadPackage<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
      throw new Error(`${name} is not installed: it is a pinned devDependency of this repository, run \`npm ci\` (without --omit=dev) to upload`)
    }
    throw error
  }
}

/**
 * Taro's production output is already ES5 and minified: the upload ships it as built.
 * (The compile check, ./weapp-compile, turns es7 and minify on so that every file is parsed.)
 */
export const WECHAT_UPLOAD_SETTING: WechatCompileSetting = { es6: false, minify: false }

export function createWechatUploader(load: () => Promise<MiniprogramCiModule> = () => import('miniprogram-ci')): Uploader {
  return {
    async upload(args) {
      const ci = await loadPackage('miniprogram-ci', load)
      const project = new ci.Project({ appid: args.appId, type: 'miniProgram', projectPath: args.projectDir, privateKeyPath: args.privateKeyPath, ignores: ['node_modules/**/*'] })
      const result = await ci.upload({ project, version: args.version, desc: args.desc, robot: args.robot ?? 1, setting: WECHAT_UPLOAD_SETTING })
      const report: WeappUploadReport = { subPackageInfo: result.subPackageInfo ?? [] }
      if (result.pluginInfo?.length) report.pluginInfo = result.pluginInfo
      return report
    },
  }
}

export function createAlipayUploader(load: () => Promise<MinidevModule> = () => import('minidev')): Uploader {
  return {
    async upload(args) {
      const { minidev } = await loadPackage('minidev', load)
      // useRuntime is async: the upload must not start before the credentials are in place.
      await minidev.config.useRuntime({
        'alipay.authentication.privateKey': fs.readFileSync(args.privateKeyPath, 'utf8').trim(),
        'alipay.authentication.toolId': args.toolId,
      })
      const options: Minidev.IUploadOptions = {
        appId: args.appId,
        project: args.projectDir,
        version: args.version,
        versionDescription: args.desc,
        clientType: 'alipay',
        ...(args.experience ? { experience: true } : {}),
      }
      const result = await minidev.upload(options)
      const report: AlipayUploadReport = { version: result.version }
      if (result.experienceQrCodeUrl) report.experienceQrCodeUrl = result.experienceQrCodeUrl
      return report
    },
  }
}

export const wechatUploader = createWechatUploader()
export const alipayUploader = createAlipayUploader()

export const defaultUploaders: Record<Platform, Uploader> = { weapp: wechatUploader, alipay: alipayUploader }
