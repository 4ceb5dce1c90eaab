/**
 * Builds what the test suites boot: weapp and alipay in production mode with a known API
 * base (the bundle tests assert requests go there), and the H5 preview (same origin).
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { buildH5 } from './build-h5'
import { ensureNative } from './ensure-native'
import { TEST_API_BASE } from './test-api-base'

ensureNative()
for (const platform of ['weapp', 'alipay']) {
  console.log(`Building ${platform} for the bundle tests (API base ${TEST_API_BASE})…`)
  const result = spawnSync('npx', ['taro', 'build', '--type', platform, '--no-check'], {
    cwd: path.resolve(__dirname, '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_API_BASE: TEST_API_BASE },
  })
  if (result.status !== 0) {
    console.error(`${platform} build failed`)
    process.exit(1)
  }
}
buildH5({ ifStale: true })
