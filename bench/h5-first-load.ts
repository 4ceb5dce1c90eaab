/**
 * `npm run bench:h5`: the H5 preview's first load on a slow phone link (1.6 Mbps down,
 * 150 ms RTT, via Chromium's Network.emulateNetworkConditions), compressed as served now and,
 * in the same run against the same server and build, uncompressed (Accept-Encoding: identity,
 * what the preview sent before): bytes transferred, first contentful paint and first text of
 * the home page, with the ratios. Needs dist/h5 (`npm run build:h5`) and Chromium.
 * Options: `-- --runs 3`. Appends the figures to bench/RESULTS.md.
 */
import { launchChromium } from '../test/support/chromium'
import { startE2eBackend } from '../test/support/e2e-backend'
import { FIRST_LOAD_BUDGET, measureFirstLoad, SLOW_LINK, type FirstLoad } from '../test/support/first-load'
import { appendResults, table } from './lib/results'

// The home page's search box: text the app renders (the title bar's 掌上政务 is Taro's, hidden).
const FIRST_TEXT = '搜索办事服务'
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const ms = (value: number) => `${Math.round(value)} ms`
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a whole number ≥ 1`)
  return value
}

async function main(): Promise<void> {
  const runs = option('runs', 3)
  const backend = await startE2eBackend()
  const browser = await launchChromium()
  const results: Record<'compressed' | 'uncompressed', FirstLoad[]> = { compressed: [], uncompressed: [] }
  try {
    const url = `${backend.baseUrl}/#/pages/home/index`
    for (let run = 0; run < runs; run++) {
      // Alternated, so a machine getting busier mid-run weighs on both alike.
      for (const compressed of [false, true]) {
        results[compressed ? 'compressed' : 'uncompressed'].push(await measureFirstLoad(browser, url, { compressed, firstText: FIRST_TEXT }))
      }
    }
  } finally {
    await browser.close()
    await backend.close()
  }
  const summary = (loads: FirstLoad[]) => ({
    bytes: median(loads.map((load) => load.bytes)),
    firstPaintMs: median(loads.map((load) => load.firstPaintMs)),
    firstTextMs: median(loads.map((load) => load.firstTextMs)),
    requests: median(loads.map((load) => load.requests)),
  })
  const after = summary(results.compressed)
  const before = summary(results.uncompressed)
  const largest = Object.entries(results.compressed[0]!.byPath)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([path, bytes]) => [path, kb(bytes), kb(results.uncompressed[0]!.byPath[path] ?? 0)])
  const body = [
    `Link: ${SLOW_LINK.downloadBitsPerSecond / 1e6} Mbps down, ${SLOW_LINK.uploadBitsPerSecond / 1e3} kbps up, ${SLOW_LINK.latencyMs} ms RTT; cache off; median of ${runs} runs each.`,
    '',
    table(
      ['', 'uncompressed (before)', 'br/gzip (now)', 'now / before', 'budget'],
      [
        ['transferred', kb(before.bytes), kb(after.bytes), (after.bytes / before.bytes).toFixed(2), `≤ ${kb(FIRST_LOAD_BUDGET.bytes)}`],
        ['first contentful paint', ms(before.firstPaintMs), ms(after.firstPaintMs), (after.firstPaintMs / before.firstPaintMs).toFixed(2), ''],
        ['first text (home header)', ms(before.firstTextMs), ms(after.firstTextMs), (after.firstTextMs / before.firstTextMs).toFixed(2), `≤ ${ms(FIRST_LOAD_BUDGET.firstTextMs)}`],
        ['requests', before.requests, after.requests, '', ''],
      ],
    ),
    '',
    'Largest transfers now (first run): path, now, before.',
    '',
    table(['path', 'now', 'before'], largest),
  ].join('\n')
  console.log(body)
  appendResults('npm run bench:h5', body)
  const misses = [
    after.bytes > FIRST_LOAD_BUDGET.bytes ? `transferred ${kb(after.bytes)} > ${kb(FIRST_LOAD_BUDGET.bytes)}` : '',
    after.firstTextMs > FIRST_LOAD_BUDGET.firstTextMs ? `first text ${ms(after.firstTextMs)} > ${ms(FIRST_LOAD_BUDGET.firstTextMs)}` : '',
  ].filter(Boolean)
  console.log(misses.length ? `\nOver budget: ${misses.join('; ')}` : '\nWithin budget.')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
