/** The release history, releases/log.json: one JSON array, committed on purpose. */
import fs from 'node:fs'
import path from 'node:path'

export type Platform = 'weapp' | 'alipay'

export interface ReleaseEntry {
  version: string
  platform: Platform
  /** ISO 8601 */
  time: string
  sizes: { main: number; subPackages: Record<string, number>; total: number }
  commit: string
  dryRun: boolean
  /** The `.env.<mode>` the bundle was built with; entries before modes existed were production. */
  mode?: string
  /** The description sent with the upload (WeChat `desc`, Alipay `versionDescription`). */
  desc?: string
  /** What the console answered to a real upload (absent on dry runs and on entries before it was kept). */
  upload?: UploadReport
}

/** WeChat (miniprogram-ci `upload`): the sizes the console measured, in bytes (`__FULL__`, `__APP__`, each subpackage root). */
export interface WeappUploadReport {
  subPackageInfo: { name: string; size: number }[]
  pluginInfo?: { pluginProviderAppid: string; version: string; size: number }[]
}

/** Alipay (minidev `upload`): the version the console recorded, and the experience QR code with --experience. */
export interface AlipayUploadReport {
  version: string
  experienceQrCodeUrl?: string
}

export type UploadReport = WeappUploadReport | AlipayUploadReport

export function readLog(file: string): ReleaseEntry[] {
  if (!fs.existsSync(file)) return []
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown
  if (!Array.isArray(parsed)) throw new Error(`${file} is not a JSON array`)
  return parsed as ReleaseEntry[]
}

export function appendLog(file: string, entry: ReleaseEntry): void {
  const log = readLog(file)
  log.push(entry)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify(log, null, 2) + '\n')
}
