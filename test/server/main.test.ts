import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { request } from '../support/http'
import { dialects, type TestDatabase } from '../support/dialects'

/**
 * Boots server/main.ts as a real process. It runs the tsx binary directly rather than
 * `npx tsx`: npm (npx and `npm run` alike) exits at once on SIGTERM without waiting and
 * leaves its child running, so neither the graceful shutdown nor its exit code would be
 * observable through it.
 */
const ROOT = join(__dirname, '..', '..')
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')

interface Booted {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exit: Promise<number | null>
}

function boot(env: Record<string, string>): Booted {
  // Only what the server needs: the developer's own DATABASE_URL etc. must not leak in.
  const child = spawn(process.execPath, [TSX, 'server/main.ts'], {
    cwd: ROOT,
    // types/global.d.ts makes TARO_ENV required in ProcessEnv (for the Taro build); the
    // server does not read it, so the child's environment is cast past that.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, stdout: () => stdout, stderr: () => stderr, exit }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function waitFor(booted: Booted, pattern: RegExp, ms = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms
  for (;;) {
    const match = booted.stdout().match(pattern)
    if (match) return match
    if (booted.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`server did not print ${pattern}\nstdout:\n${booted.stdout()}\nstderr:\n${booted.stderr()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe.each(dialects())('server/main.ts on $name', (dialect) => {
  let testDb: TestDatabase
  let booted: Booted | undefined

  beforeAll(async () => {
    testDb = await dialect.setup()
  })
  afterEach(() => {
    // Never leave a server behind when an assertion failed half-way.
    if (booted && booted.child.exitCode === null) booted.child.kill('SIGKILL')
    booted = undefined
  })
  afterAll(() => testDb.cleanup())

  test('boots, migrates, seeds, serves, and exits 0 on SIGTERM', async () => {
    const port = await freePort()
    booted = boot({ ...testDb.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development', LOG_LEVEL: 'warn' })
    const [line] = await waitFor(booted, /gov-mini listening on http:\/\/localhost:\d+ \(database: .*\)/)
    expect(line).toContain(`http://localhost:${port} (database: ${dialect.name} `)
    expect(line).not.toMatch(/:[^:/@]+@/) // no password in the banner

    const notices = await request(`http://127.0.0.1:${port}/api/notices`)
    expect(notices.status).toBe(200)
    expect(notices.body.items).toHaveLength(5)

    booted.child.kill('SIGTERM')
    expect(await booted.exit).toBe(0)
  })

  test('NODE_ENV=production with a bad PORT exits 1 naming PORT, without a stack trace', async () => {
    booted = boot({ ...testDb.env, NODE_ENV: 'production', PORT: 'http' })
    expect(await booted.exit).toBe(1)
    expect(booted.stderr()).toContain('PORT must be an integer 1-65535, got "http"')
    expect(booted.stderr()).not.toMatch(/\n\s+at /)
  })
})
