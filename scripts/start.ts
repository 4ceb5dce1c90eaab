/**
 * `npm start`: from a fresh clone (after `npm ci`) to a working product on one port.
 * Compiles the native SQLite binding if needed, builds the H5 preview and the operator
 * console when missing or stale, then runs the server, which migrates and seeds the embedded database and serves
 * both the API and the preview.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { buildConsole } from './build-console'
import { buildH5 } from './build-h5'
import { ensureNative } from './ensure-native'

try {
  ensureNative()
  buildH5({ ifStale: true })
  buildConsole({ ifStale: true })
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}

const root = path.resolve(__dirname, '..')
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { STATIC_DIR: path.join(root, 'dist', 'h5'), ...process.env },
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
