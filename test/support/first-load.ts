/**
 * One cold first load of the H5 preview in Chromium, measured through the DevTools protocol:
 * bytes on the wire (every response's encodedDataLength: headers + body as transferred),
 * first contentful paint and the time until the home page's first text is on screen. The
 * link is throttled with Network.emulateNetworkConditions; the cache is off (a first visit).
 * `compressed: false` asks for `Accept-Encoding: identity`, which is what the preview sent
 * before compression: the baseline of the same build and server in the same run.
 * Used by bench/h5-first-load.ts and test/e2e/h5-first-load.test.ts.
 */
import type { Browser } from 'playwright-core'

/** Lighthouse's mobile link (≈ slow 4G): 1.6 Mbps down, 750 kbps up, 150 ms round trip. */
export const SLOW_LINK = { downloadBitsPerSecond: 1_600_000, uploadBitsPerSecond: 750_000, latencyMs: 150 }
/** The budget: what a citizen on that link downloads and waits for on a first visit. */
export const FIRST_LOAD_BUDGET = { bytes: 250 * 1024, firstTextMs: 1500 }

export interface FirstLoad {
  /** Bytes transferred, all requests (HTML, scripts, styles, API). */
  bytes: number
  /** Per URL path, bytes transferred (for the report). */
  byPath: Record<string, number>
  requests: number
  /** First contentful paint, from navigation start. */
  firstPaintMs: number
  /** Until the text `firstText` is visible, from navigation start. */
  firstTextMs: number
}

export async function measureFirstLoad(
  browser: Browser,
  url: string,
  options: { compressed: boolean; firstText: string; link?: typeof SLOW_LINK },
): Promise<FirstLoad> {
  const link = options.link ?? SLOW_LINK
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const page = await context.newPage()
  try {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: link.latencyMs,
      downloadThroughput: link.downloadBitsPerSecond / 8,
      uploadThroughput: link.uploadBitsPerSecond / 8,
    })
    if (!options.compressed) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } })
    const urls = new Map<string, string>()
    const byPath: Record<string, number> = {}
    let bytes = 0
    let requests = 0
    cdp.on('Network.responseReceived', (event) => urls.set(event.requestId, event.response.url))
    cdp.on('Network.loadingFinished', (event) => {
      requests++
      bytes += event.encodedDataLength
      const path = new URL(urls.get(event.requestId) ?? 'http://unknown/').pathname
      byPath[path] = (byPath[path] ?? 0) + event.encodedDataLength
    })
    // Checked every frame from the start, so the time is when the text was painted, not when we looked.
    // A string, not a function: tsx/esbuild wrap named functions in a `__name` helper the page lacks.
    await context.addInitScript({
      content: `(() => {
        const text = ${JSON.stringify(options.firstText)}
        const check = () => {
          if (document.body && document.body.innerText.includes(text)) window.gmFirstText = performance.now()
          else requestAnimationFrame(check)
        }
        requestAnimationFrame(check)
      })()`,
    })
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction(() => typeof (window as unknown as { gmFirstText?: number }).gmFirstText === 'number', undefined, { timeout: 60_000 })
    const firstTextMs = await page.evaluate(() => (window as unknown as { gmFirstText: number }).gmFirstText)
    await page.waitForLoadState('networkidle', { timeout: 60_000 })
    const firstPaintMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN)
    return { bytes, byPath, requests, firstPaintMs, firstTextMs }
  } finally {
    await context.close()
  }
}
