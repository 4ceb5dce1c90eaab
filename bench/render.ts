/**
 * `npm run bench:render`: boots every page of dist/weapp and dist/alipay headless (the test
 * harness) as a level-4 demo citizen with the real backend answering, and prints per page the
 * setData calls until it settled, total and largest payload bytes and the time from onLoad to
 * the first payload; then the health-code page's calls and bytes until the code shows.
 * Budgets (asserted in test/bundle/render-budgets.test.ts): no setData over 64 KB, none over
 * 256 KB, the health code within 2 calls and 16 KB. Appends the figures to bench/RESULTS.md.
 *
 * Measures the bundles as built: run `npm run build:test` (or `npm test`) first.
 */
import type { MiniPlatform } from '../test/support/mini-harness'
import { startBundleBackend } from '../test/support/bundle-backend'
import {
  HEALTH_CODE_PAGE,
  NETWORK_LATENCY_MS,
  SET_DATA_BUDGET_BYTES,
  callsUntilCodeShows,
  distDirOf,
  pagesOf,
  renderPage,
} from '../test/support/page-renders'
import { sessionFor } from '../test/support/sessions'
import { appendResults, table } from './lib/results'

const PLATFORMS: MiniPlatform[] = ['weapp', 'alipay']
const kb = (bytes: number) => (bytes / 1024).toFixed(1)

async function main(): Promise<void> {
  const backend = await startBundleBackend()
  const problems: string[] = []
  const sections: string[] = []
  try {
    const token = await sessionFor(backend.app, 'zhang-wei', 4)
    for (const platform of PLATFORMS) {
      const rows: (string | number)[][] = []
      let healthCode = 'not found in the bundle'
      for (const route of pagesOf(distDirOf(platform))) {
        try {
          const render = await renderPage(route, { platform, backend, token })
          const query = new URLSearchParams(render.query).toString()
          rows.push([
            route + (query ? `?${query}` : ''),
            render.calls.length,
            kb(render.totalBytes),
            kb(render.largestBytes),
            render.firstPayloadMs === undefined ? '–' : render.firstPayloadMs,
          ])
          if (render.largestBytes > SET_DATA_BUDGET_BYTES) problems.push(`${platform} ${route}: a setData of ${kb(render.largestBytes)} KB (budget 64 KB)`)
          if (route === HEALTH_CODE_PAGE) {
            const shown = callsUntilCodeShows(render.calls)
            healthCode = shown
              ? `${shown.length} setData calls, ${kb(shown.reduce((sum, call) => sum + call.bytes, 0))} KB until the code shows (budget 2 calls, 16 KB)`
              : 'the code never showed'
            if (!shown || shown.length > 2 || shown.reduce((sum, call) => sum + call.bytes, 0) > 16 * 1024) problems.push(`${platform} health code: ${healthCode}`)
          }
        } catch (error) {
          rows.push([route, 'failed', '–', '–', '–'])
          problems.push(`${platform} ${route}: ${(error as Error).message.split('\n')[0]}`)
        }
      }
      const section = `### ${platform}\n\n${table(['page', 'setData calls', 'total KB', 'largest KB', 'first payload ms'], rows)}\n\nHealth code: ${healthCode}.`
      console.log(`\n${section}`)
      sections.push(section)
    }
  } finally {
    await backend.close()
  }
  const verdict = problems.length ? `Over budget or failed:\n${problems.map((problem) => `- ${problem}`).join('\n')}` : 'Every page within budget.'
  console.log(`\n${verdict}`)
  appendResults(
    'npm run bench:render',
    `First render of every page, a fresh app per page, level-4 citizen, ${NETWORK_LATENCY_MS} ms simulated network latency.\n\n${sections.join('\n\n')}\n\n${verdict}`,
  )
  process.exitCode = problems.length ? 1 : 0
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
