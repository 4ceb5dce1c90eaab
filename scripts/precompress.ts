/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every text
 * file of a web build, once at build time, so the server sends them as they are
 * (@fastify/static `preCompressed`, server/plugins/static.ts) instead of compressing each
 * response at the fast, weaker level an on-the-fly compressor must use: app.js goes from
 * ≈ 138 KB (on-the-fly) to ≈ 110 KB on the wire, which on a slow phone link is text sooner.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const TEXT_FILE = /\.(js|css|html|svg|json|txt)$/
/** Below this, compression saves less than the headers it costs (index.html is always done: the server keys on it). */
const MIN_BYTES = 1024
const always = (path: string) => path.endsWith('index.html')

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(path) : [path]
  })
}

export function precompress(dir: string): { files: number; bytes: number; brotliBytes: number } {
  let files = 0
  let bytes = 0
  let brotliBytes = 0
  for (const file of filesUnder(dir).filter((path) => TEXT_FILE.test(path) && (always(path) || statSync(path).size >= MIN_BYTES))) {
    const content = readFileSync(file)
    const brotli = brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
    })
    writeFileSync(`${file}.br`, brotli)
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }))
    files++
    bytes += content.length
    brotliBytes += brotli.length
  }
  return { files, bytes, brotliBytes }
}
