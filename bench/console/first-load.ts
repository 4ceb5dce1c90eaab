/**
 * The console's first load from its Vite manifest: the entry chunk with every chunk it
 * imports statically, plus the login page's chunk and its static imports (what a browser
 * opening /console/ signed out fetches before anything shows), gzipped as the server sends it.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
}

export const CONSOLE_DIST = path.resolve(__dirname, '..', '..', 'dist', 'console')
/** Issue 18's budget for the console's first load. */
export const FIRST_LOAD_BUDGET_BYTES = 350 * 1024

export interface FirstLoad {
  files: string[]
  gzipBytes: number
}

export function readManifest(dist: string): Record<string, ManifestChunk> {
  return JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>
}

export function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file)).length
}

/** `lazyEntries`: source paths of lazily loaded chunks the first view needs at once (the login page). */
export function firstLoad(dist: string, lazyEntries: readonly string[] = []): FirstLoad {
  const manifest = readManifest(dist)
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return
    seen.add(key)
    for (const imported of manifest[key].imports ?? []) visit(imported)
  }
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key)
  for (const entry of lazyEntries) visit(entry)
  const files = [...seen].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'))
  return { files, gzipBytes: files.reduce((sum, file) => sum + gzipSize(path.join(dist, file)), 0) }
}

/** The console's own first view when signed out. */
export const CONSOLE_FIRST_VIEW = ['src/pages/Login.tsx']
