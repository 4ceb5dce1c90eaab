/**
 * One e2e suite's shared world: the real backend serving dist/h5 and one Chromium, started
 * before the suite's tests and closed after them. Use inside a test file:
 *   const e2e = e2eSuite()   … e2e.backend.request(…), e2e.browser.newPage(…)
 *
 * Every page opened through e2e.browser is watched for Content-Security-Policy violations
 * (the server's CSP, server/plugins/security-headers.ts): a test during which Chromium
 * refused a script, style, image or request because of it fails, naming what was refused.
 */
import type { Browser, BrowserContext } from 'playwright-core'
import { launchChromium } from './chromium'
import { startE2eBackend } from './e2e-backend'

export function e2eSuite() {
  let backend: Awaited<ReturnType<typeof startE2eBackend>> | undefined
  let browser: Browser | undefined
  const violations: string[] = []
  beforeAll(async () => {
    backend = await startE2eBackend()
    browser = watchContentSecurityPolicy(await launchChromium(), violations)
  }, 60_000)
  afterEach(() => {
    const found = violations.splice(0)
    if (found.length > 0) throw new Error(`Content-Security-Policy violations during this test:\n${found.join('\n')}`)
  })
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

const CSP_MESSAGE = /Content[- ]Security[- ]Policy/i

/**
 * Every context the browser opens (browser.newPage opens one too) reports CSP violations into
 * `violations`: Chromium's own console message for each refusal, and the page's
 * `securitypolicyviolation` event (logged by an init script, which the CSP does not apply to).
 */
function watchContentSecurityPolicy(browser: Browser, violations: string[]): Browser {
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (...args: Parameters<Browser['newContext']>): Promise<BrowserContext> => {
    const context = await newContext(...args)
    context.on('console', (message) => {
      if (CSP_MESSAGE.test(message.text())) violations.push(`${message.page()?.url() ?? ''}: ${message.text()}`)
    })
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`Content-Security-Policy violation: ${event.violatedDirective} refused ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`)
      })
    })
    return context
  }
  return browser
}
