/**
 * Builds the H5 preview. It is always served by our own server, so it calls the API on its
 * own origin (TARO_APP_API_BASE empty), whatever .env.production says for the mini-programs.
 * `--if-stale` skips the build when dist/h5 already matches the sources.
 */
import { resolve } from 'node:path'
import { h5BuildIsFresh, writeStamp } from './h5-build-stamp'
import { precompress } from './precompress'
import { taroBuild } from './taro-build'

export function buildH5({ ifStale }: { ifStale: boolean }): void {
  if (ifStale && h5BuildIsFresh()) {
    console.log('H5 preview is up to date (dist/h5).')
    return
  }
  console.log('Building the H5 preview (dist/h5)…')
  taroBuild('h5', { TARO_APP_API_BASE: '' })
  const { files, bytes, brotliBytes } = precompress(resolve(process.env.BUILD_OUTPUT_ROOT ?? 'dist', 'h5'))
  console.log(`Precompressed ${files} files: ${(bytes / 1024).toFixed(0)} KB → ${(brotliBytes / 1024).toFixed(0)} KB (brotli)`)
  writeStamp()
}

if (require.main === module) {
  try {
    buildH5({ ifStale: process.argv.includes('--if-stale') })
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
