/**
 * One e2e suite's shared world: the real backend serving dist/h5 and one Chromium, started
 * before the suite's tests and closed after them. Use inside a test file:
 *   const e2e = e2eSuite()   … e2e.backend.request(…), e2e.browser.newPage(…)
 */
import type { Browser } from 'playwright-core'
import { launchChromium } from './chromium'
import { startE2eBackend } from './e2e-backend'

export function e2eSuite() {
  let backend: Awaited<ReturnType<typeof startE2eBackend>> | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    backend = await startE2eBackend()
    browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await backend?.close()
  })
  return {
    get backend() {
      if (!backend) throw new Error('the e2e backend is not started (use e2e.backend inside tests)')
      return backend
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not started (use e2e.browser inside tests)')
      return browser
    },
  }
}
