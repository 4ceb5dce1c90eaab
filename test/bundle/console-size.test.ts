/**
 * Issue 18: the operator console's first load is at most 350 KB of gzipped JS (route-split:
 * every page, ECharts included, is its own chunk). Reads dist/console (npm run build:test
 * builds it); bench/console-size.ts prints the figure against an empty React page.
 */
import fs from 'node:fs'
import path from 'node:path'
import { CONSOLE_DIST, CONSOLE_FIRST_VIEW, FIRST_LOAD_BUDGET_BYTES, firstLoad, readManifest } from '../../bench/console/first-load'

test('the console first load (signed out: entry + login page) is within 350 KB gzipped', () => {
  expect(fs.existsSync(path.join(CONSOLE_DIST, 'index.html'))).toBe(true)
  const load = firstLoad(CONSOLE_DIST, CONSOLE_FIRST_VIEW)
  expect(load.files.some((file) => /\/Login\./.test(file))).toBe(true)
  expect(load.gzipBytes).toBeGreaterThan(40 * 1024)
  expect(load.gzipBytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES)
})

test('ECharts and the pages are lazy: not in the first load', () => {
  const manifest = readManifest(CONSOLE_DIST)
  const load = firstLoad(CONSOLE_DIST, CONSOLE_FIRST_VIEW)
  for (const page of ['pages/Dashboard', 'pages/Applications', 'pages/Services', 'pages/Operators', 'ui/MinuteChart']) {
    const chunk = manifest[`src/${page}.tsx`]
    expect(chunk).toBeDefined()
    expect(load.files).not.toContain(chunk!.file)
  }
  for (const file of load.files) expect(fs.readFileSync(path.join(CONSOLE_DIST, file), 'utf8')).not.toContain('echarts')
})
