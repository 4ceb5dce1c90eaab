/**
 * `.npmrc` disables install scripts (some dependencies' scripts reach outside hosts), so
 * the one native module we need, better-sqlite3, is compiled here on first use.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

function bindingLoads(): boolean {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: path.resolve(__dirname, '..'), stdio: 'ignore' })
  return probe.status === 0
}

export function ensureNative(): void {
  if (bindingLoads()) return
  console.log('Compiling better-sqlite3 for this machine (once, about a minute)…')
  const result = spawnSync('npm', ['rebuild', 'better-sqlite3', '--ignore-scripts=false'], { cwd: path.resolve(__dirname, '..'), stdio: 'inherit' })
  if (result.status !== 0 || !bindingLoads()) throw new Error('Could not build better-sqlite3: install python3, make and g++ and run `npm rebuild better-sqlite3 --ignore-scripts=false`')
}

if (require.main === module) {
  try {
    ensureNative()
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
