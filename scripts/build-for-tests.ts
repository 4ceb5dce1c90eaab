/**
 * Builds what the test suites boot: weapp and alipay in production mode with a known API
 * base (the bundle tests assert requests go there), the H5 preview (same origin) and the
 * operator console (test/e2e/console-*).
 */
import { buildConsole } from './build-console'
import { buildH5 } from './build-h5'
import { ensureNative } from './ensure-native'
import { taroBuild } from './taro-build'
import { TEST_API_BASE } from './test-api-base'

try {
  ensureNative()
  for (const target of ['weapp', 'alipay'] as const) {
    console.log(`Building ${target} for the bundle tests (API base ${TEST_API_BASE})…`)
    taroBuild(target, { TARO_APP_API_BASE: TEST_API_BASE })
  }
  buildH5({ ifStale: true })
  buildConsole({ ifStale: true })
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
