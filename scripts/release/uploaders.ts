/**
 * Uploading to the consoles. The CLI takes an Uploader so tests inject one; the defaults load
 * miniprogram-ci / minidev lazily (they are not dependencies of this repository).
 */
import fs from 'node:fs'
import { type Platform } from './log'

export interface UploadArgs {
  platform: Platform
  projectDir: string
  version: string
  desc: string
  appId: string
  privateKeyPath: string
  /** Alipay only. */
  toolId?: string
  /** WeChat only: the CI robot (1-30). */
  robot?: number
}

export interface Uploader {
  upload(args: UploadArgs): Promise<void>
}

function load(name: string): any {
  try {
    return require(name)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
      throw new Error(`${name} is not installed: run \`npm install --no-save ${name}\` (or add it as a devDependency) to upload`)
    }
    throw error
  }
}

export const wechatUploader: Uploader = {
  async upload(args) {
    const ci = load('miniprogram-ci')
    const project = new ci.Project({ appid: args.appId, type: 'miniProgram', projectPath: args.projectDir, privateKeyPath: args.privateKeyPath, ignores: ['node_modules/**/*'] })
    await ci.upload({ project, version: args.version, desc: args.desc, robot: args.robot ?? 1, setting: { es6: false, minify: false } })
  },
}

export const alipayUploader: Uploader = {
  async upload(args) {
    const { minidev } = load('minidev')
    minidev.config.useRuntime({
      'alipay.authentication.privateKey': fs.readFileSync(args.privateKeyPath, 'utf8').trim(),
      'alipay.authentication.toolId': args.toolId,
    })
    await minidev.upload({ appId: args.appId, project: args.projectDir, version: args.version, clientType: 'alipay' })
  },
}

export const defaultUploaders: Record<Platform, Uploader> = { weapp: wechatUploader, alipay: alipayUploader }
