/**
 * Child processes of the API bench: the app (`node --import tsx server/main.ts`), the
 * hello-world and the seed CLI run as separate processes, never inside the load generator.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '../..')
const START_TIMEOUT_MS = 90_000

export interface Running {
  /** e.g. http://127.0.0.1:43121 */
  url: string
  /** The messages of the first error-level log lines (pino level ≥ 50) the process wrote since it started listening. */
  loggedErrors(): string[]
  stop(): Promise<void>
}

const MAX_KEPT_ERRORS = 5

/**
 * Starts `script` under Node with tsx and `env`, and resolves once it prints the URL it
 * listens on (a line matching `listening on http://host:port`). Its output is kept and shown
 * only if it fails to start.
 */
export function startNodeProcess(script: string, env: Record<string, string>, name: string, nodeFlags: string[] = []): Promise<Running> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS)
    const fail = (error: Error) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`${error.message}\n${output.split('\n').slice(-30).join('\n')}`))
    }
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/[^\s)]+)/.exec(output)
      if (!match) return
      clearTimeout(timer)
      child.stdout?.off('data', onOutput)
      // Keep draining (a chatty child would block on a full pipe), keeping the first errors.
      const errors: string[] = []
      let partial = ''
      child.stdout?.on('data', (data: Buffer) => {
        const lines = (partial + data.toString()).split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) {
          if (errors.length >= MAX_KEPT_ERRORS || !line.startsWith('{')) continue
          try {
            const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } }
            if ((entry.level ?? 0) >= 50) errors.push(`${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`)
          } catch {
            // Not a log line.
          }
        }
      })
      resolve({ url: match[1].replace('localhost', '127.0.0.1').replace(/\/$/, ''), loggedErrors: () => [...errors], stop: () => stop(child) })
    }
    child.stdout?.on('data', onOutput)
    child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString()))
    child.once('exit', (code) => fail(new Error(`${name} exited with code ${code} before listening`)))
  })
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.removeAllListeners('exit')
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** Runs a script to completion (e.g. the seed CLI); throws with its output if it fails. */
export function runNodeScript(script: string, env: Record<string, string>): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stdout}\n${result.stderr}`)
}

/** A port free on loopback right now (the server's PORT must be 1-65535, so 0 cannot be passed on). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
