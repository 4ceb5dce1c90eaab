/**
 * `npm run bench:console-size`: gzipped JS of the operator console's first load (issue 18:
 * ≤ 350 KB), against a baseline built in the same run with the same Vite: an empty React
 * page (React + ReactDOM, nothing else), so the figure says what antd and the console add.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildConsole } from '../scripts/build-console'
import { CONSOLE_DIST, CONSOLE_FIRST_VIEW, FIRST_LOAD_BUDGET_BYTES, firstLoad } from './console/first-load'

const ROOT = path.resolve(__dirname, '..')
const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js')

function buildBaseline(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-baseline-'))
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><body><div id="root"></div><script type="module" src="/main.tsx"></script></body></html>')
  fs.writeFileSync(path.join(dir, 'main.tsx'), "import { createRoot } from 'react-dom/client'\ncreateRoot(document.getElementById('root')!).render(<p>空白页</p>)\n")
  // Resolve react from this repository's node_modules.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'))
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { jsx: 'react-jsx' } }))
  fs.writeFileSync(path.join(dir, 'vite.config.mjs'), `export default { root: ${JSON.stringify(dir)}, logLevel: 'warn', build: { outDir: 'dist', manifest: true } }\n`)
  execFileSync(process.execPath, [vite, 'build', '--config', path.join(dir, 'vite.config.mjs')], { cwd: dir, stdio: 'inherit' })
  return path.join(dir, 'dist')
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

buildConsole({ ifStale: true })
const baseline = firstLoad(buildBaseline())
const console_ = firstLoad(CONSOLE_DIST, CONSOLE_FIRST_VIEW)
console.log(`Empty React page (same Vite):   ${kb(baseline.gzipBytes)} gzipped JS`)
console.log(`Console first load (/console/): ${kb(console_.gzipBytes)} gzipped JS in ${console_.files.length} files (budget ${kb(FIRST_LOAD_BUDGET_BYTES)})`)
console.log(`  of which antd, router and console: ${kb(console_.gzipBytes - baseline.gzipBytes)}`)
for (const file of console_.files) console.log(`  ${file}`)
// For information: a signed-in operator opening the dashboard first also loads ECharts.
const dashboard = firstLoad(CONSOLE_DIST, ['src/pages/Dashboard.tsx'])
console.log(`Dashboard as the first page after login: ${kb(dashboard.gzipBytes)} gzipped JS before the chart (ECharts, its own chunk, follows)`)
if (console_.gzipBytes > FIRST_LOAD_BUDGET_BYTES) {
  console.error('Over budget')
  process.exit(1)
}
