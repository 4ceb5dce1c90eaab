/**
 * Builds the operator console (console/ → dist/console) with Vite. `--if-stale` (and
 * `npm start`) skip the build when dist/console already matches its inputs. A separate
 * process: Vite is an ES module, and its memory is freed before the server starts.
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { distOf } from './dist-root'
import { buildIsFresh, writeBuildStamp, type BuildStamp } from './h5-build-stamp'

const ROOT = path.resolve(__dirname, '..')
/** The console reads its own folder and the contract types; the lock pins antd, ECharts and Vite. */
export const CONSOLE_STAMP: BuildStamp = { outDir: path.relative(ROOT, distOf('console')), inputs: ['console', 'src/contract', 'package.json', 'package-lock.json'] }

export function buildConsole({ ifStale }: { ifStale: boolean }): void {
  if (ifStale && buildIsFresh(CONSOLE_STAMP)) {
    console.log('Operator console is up to date (dist/console).')
    return
  }
  console.log('Building the operator console (dist/console)…')
  try {
    execFileSync(process.execPath, [path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), 'build', '--config', path.join(ROOT, 'console', 'vite.config.mts'), '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' })
  } catch {
    throw new Error('The operator console build failed (see above); `npx tsx scripts/build-console.ts` repeats it')
  }
  writeBuildStamp(CONSOLE_STAMP)
}

if (require.main === module) {
  try {
    buildConsole({ ifStale: process.argv.includes('--if-stale') })
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
