/**
 * Builds the H5 preview. It is always served by our own server, so it calls the API on its
 * own origin (TARO_APP_API_BASE empty), whatever .env.production says for the mini-programs.
 * `--if-stale` skips the build when dist/h5 already matches the sources.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { h5BuildIsFresh, writeStamp } from './h5-build-stamp'

export function buildH5({ ifStale }: { ifStale: boolean }): void {
  if (ifStale && h5BuildIsFresh()) {
    console.log('H5 preview is up to date (dist/h5).')
    return
  }
  console.log('Building the H5 preview (dist/h5)…')
  const result = spawnSync('npx', ['taro', 'build', '--type', 'h5', '--no-check'], {
    cwd: path.resolve(__dirname, '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_API_BASE: '' },
  })
  if (result.status !== 0) throw new Error('H5 build failed (see the messages above)')
  writeStamp()
  console.log('H5 preview built.')
}

if (require.main === module) {
  try {
    buildH5({ ifStale: process.argv.includes('--if-stale') })
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
