/**
 * `npm run bench:size`: builds the blank Taro React + MobX app (bench/blank-app, same Taro
 * version and build options) and this app, both in production for weapp and alipay, into a
 * temporary directory (BUILD_OUTPUT_ROOT; dist/ stays what the tests built), and prints each
 * platform's main package and subpackages in KB and the ratio main / blank main. Target:
 * ≤ 1.3× on both. Appends the figures to bench/RESULTS.md.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { measurePackages, type SizeReport } from '../scripts/package-sizes'
import { appendResults, table } from './lib/results'

const ROOT = path.resolve(__dirname, '..')
const BLANK_APP = path.join(__dirname, 'blank-app')
const TARO_CLI = path.join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro')
const PLATFORMS = ['weapp', 'alipay'] as const
export const MAIN_RATIO_TARGET = 1.3

const kb = (bytes: number) => (bytes / 1024).toFixed(1)

/** One production build of the app in `cwd` into `<outputRoot>/<platform>`; output shown only on failure. */
function build(cwd: string, platform: string, outputRoot: string): number {
  const started = Date.now()
  const result = spawnSync(process.execPath, [TARO_CLI, 'build', '--type', platform, '--no-check'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    // The production API base of .env.production, as a release would have it.
    env: { ...process.env, NODE_ENV: 'production', BUILD_OUTPUT_ROOT: outputRoot },
  })
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.split('\n').filter((line) => line.trim()).slice(-40).join('\n')
    throw new Error(`taro build --type ${platform} in ${path.relative(ROOT, cwd) || '.'} failed:\n${output}`)
  }
  return (Date.now() - started) / 1000
}

function main(): void {
  const outputRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gov-mini-bench-size-'))
  const sections: string[] = []
  const misses: string[] = []
  try {
    for (const platform of PLATFORMS) {
      const blankSeconds = build(BLANK_APP, platform, path.join(outputRoot, 'blank'))
      const appSeconds = build(ROOT, platform, path.join(outputRoot, 'app'))
      const blank = measurePackages(path.join(outputRoot, 'blank', platform), platform)
      const app = measurePackages(path.join(outputRoot, 'app', platform), platform)
      const ratio = app.main.bytes / blank.main.bytes
      if (ratio > MAIN_RATIO_TARGET) misses.push(`${platform}: main ${ratio.toFixed(2)}× blank (target ≤ ${MAIN_RATIO_TARGET}×)`)
      const section = `### ${platform}\n\n${sizeTable(app, blank)}\n\nMain / blank main: **${ratio.toFixed(2)}×** (target ≤ ${MAIN_RATIO_TARGET}×). Builds: blank ${blankSeconds.toFixed(1)} s, app ${appSeconds.toFixed(1)} s.`
      console.log(`\n${section}`)
      sections.push(section)
    }
  } finally {
    fs.rmSync(outputRoot, { recursive: true, force: true })
  }
  const verdict = misses.length ? `Over target: ${misses.join('; ')}.` : 'Main package within target on both platforms.'
  console.log(`\n${verdict}`)
  appendResults('npm run bench:size', `Production builds (API base from .env.production), sizes as the consoles count them (scripts/package-sizes.ts).\n\n${sections.join('\n\n')}\n\n${verdict}`)
}

function sizeTable(app: SizeReport, blank: SizeReport): string {
  const rows: (string | number)[][] = [
    ['blank app: main', kb(blank.main.bytes)],
    ['main', kb(app.main.bytes)],
    ...app.subPackages.map((sub) => [sub.name, kb(sub.bytes)]),
    ['total', kb(app.total)],
  ]
  return table(['package', 'KB'], rows)
}

try {
  main()
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
