import { readFile } from 'node:fs/promises'
import type { ReleaseLog } from '../../src/contract/console/schemas'

/**
 * The release history of both mini-programs as scripts/release records it (releases/log.json,
 * committed with each release), newest first, and the preflight of the current build when
 * one was recorded beside it (releases/preflight.json). The log has no person in it: `who`
 * is the commit the release was built from (git log names its author).
 */
interface LoggedRelease {
  version?: unknown
  platform?: unknown
  time?: unknown
  desc?: unknown
  mode?: unknown
  dryRun?: unknown
  commit?: unknown
}

const text = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback)

export async function readReleaseLog(logFile: string, preflightFile: string): Promise<ReleaseLog> {
  const entries = (await readJson(logFile)) ?? []
  const items = (Array.isArray(entries) ? (entries as LoggedRelease[]) : [])
    .filter((entry) => entry && typeof entry === 'object')
    .map((entry) => ({
      platform: text(entry.platform),
      version: text(entry.version),
      time: text(entry.time),
      description: text(entry.desc),
      // Entries before modes existed were production builds; a dry run was never uploaded.
      mode: `${text(entry.mode, 'production')}${entry.dryRun === true ? ' (dry run)' : ''}`,
      who: text(entry.commit),
    }))
    .sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0))
  const preflight = await readJson(preflightFile)
  return { items, preflight: preflight && typeof preflight === 'object' && !Array.isArray(preflight) ? (preflight as Record<string, unknown>) : null }
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}
