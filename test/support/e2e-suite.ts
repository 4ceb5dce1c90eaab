/**
 * One e2e suite's shared world: the real backend serving dist/h5 and one Chromium, started
 * before the suite's tests and closed after them. Use inside a test file:
 *   const e2e = e2eSuite()   … e2e.backend.request(…), e2e.browser.newPage(…)
 *
 * Every page opened through e2e.browser is watched for Content-Security-Policy violations
 * (the server's CSP, server/plugins/security-headers.ts) and for console errors and uncaught
 * exceptions: a test during which Chromium refused something because of the CSP, or a page
 * logged an error (a React warning, a framework NotFoundError, a failed render), fails,
 * naming each. The console errors that are not the page's: Chromium's own "Failed to load
 * resource" line for a 4xx/5xx or a network failure the journey provokes on purpose (a wrong
 * ID number, a 429, going offline); what the page does then is what the test itself checks.
 */
import type { Browser, BrowserContext } from 'playwright-core'
import { launchChromium } from './chromium'
import { startE2eBackend } from './e2e-backend'

export function e2eSuite() {
  let backend: Awaited<ReturnType<typeof startE2eBackend>> | undefined
  let browser: Browser | undefined
  const violations: string[] = []
  const consoleErrors: string[] = []
  beforeAll(async () => {
    backend = await startE2eBackend()
    browser = watchPages(await launchChromium(), violations, consoleErrors)
  }, 60_000)
  afterEach(() => {
    const found = violations.splice(0)
    const errors = consoleErrors.splice(0)
    if (found.length > 0) throw new Error(`Content-Security-Policy violations during this test:\n${found.join('\n')}`)
    if (errors.length > 0) throw new Error(`console errors during this test:\n${errors.join('\n')}`)
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
    /** An API call as the test's setup makes it (a citizen or operator token): the body, or a thrown error naming the answer. */
    async api<T>(url: string, options: { token?: string; method?: 'GET' | 'POST'; payload?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
      if (!backend) throw new Error('the e2e backend is not started (use e2e.api inside tests)')
      const response = await backend.request(url, {
        method: options.method ?? 'GET',
        payload: options.payload,
        headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      })
      if (response.status >= 300) throw new Error(`${options.method ?? 'GET'} ${url}: ${response.status} ${response.text}`)
      return response.body as T
    },
  }
}

const CSP_MESSAGE = /Content[- ]Security[- ]Policy/i
/**
 * Chromium's own network line for an HTTP error answer or a request that never got one
 * (offline): the browser's log, not the page's code. A test that provokes them checks what
 * the page does about it.
 */
const HTTP_ERROR_ANSWER = /^Failed to load resource: (the server responded with a status of [45]\d\d\b|net::ERR_)/

/**
 * Every context the browser opens (browser.newPage opens one too) reports CSP violations into
 * `violations`: Chromium's own console message for each refusal, and the page's
 * `securitypolicyviolation` event (logged by an init script, which the CSP does not apply to);
 * and every other console error and uncaught exception into `consoleErrors`.
 */
function watchPages(browser: Browser, violations: string[], consoleErrors: string[]): Browser {
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (...args: Parameters<Browser['newContext']>): Promise<BrowserContext> => {
    const context = await newContext(...args)
    context.on('console', (message) => {
      const where = message.page()?.url() ?? ''
      if (CSP_MESSAGE.test(message.text())) violations.push(`${where}: ${message.text()}`)
      else if (message.type() === 'error' && !HTTP_ERROR_ANSWER.test(message.text())) consoleErrors.push(`${where}: ${message.text()}`)
    })
    context.on('weberror', (error) => consoleErrors.push(`${error.page()?.url() ?? ''}: uncaught ${error.error().stack ?? error.error().message}`))
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`Content-Security-Policy violation: ${event.violatedDirective} refused ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`)
      })
    })
    return context
  }
  return browser
}
