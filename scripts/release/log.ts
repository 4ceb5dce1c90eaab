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
}

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
