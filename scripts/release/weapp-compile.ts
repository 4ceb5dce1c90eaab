/**
 * Offline compile check of a weapp bundle with miniprogram-ci's compiler (the compile its
 * `upload` runs), with es7 and minify on so that every JS file is parsed (with both off,
 * JS is copied unparsed). It catches, before any upload, what the console would refuse: a
 * page listed in app.json without its files, a JS syntax error, a malformed page JSON.
 *
 *   npx tsx scripts/release/weapp-compile.ts [dist/weapp]
 *
 * No network. miniprogram-ci asks WeChat for the project's attributes (a request signed with
 * the upload key) unless the Project's options carry an `attr` function: CIProject.attr()
 * returns `options.attr()` when there is one. We supply miniprogram-ci's own
 * DefaultProjectAttr, which is also what it uses when WeChat answers with an error. Its one
 * other request, the list of uploadable file extensions, falls back to the built-in list when
 * it fails; it is sent through a "proxy" on a loopback port that closes every connection, so
 * nothing leaves the machine. No key is needed.
 *
 * The compiler forks worker processes that keep Node alive after it is done, so callers use
 * `weappCompileFailures`, which runs the compile in a child process that exits once it has
 * answered.
 */
import { fork } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { type MiniprogramCiModule, type WechatCompileSetting, loadPackage } from './uploaders'

/** es7 (which includes es6) and minify make miniprogram-ci parse and transform every JS file. */
export const CHECK_SETTING: WechatCompileSetting = { es7: true, minify: true }

export type CompileOutcome = { ok: true; files: number } | { ok: false; failure: string }

/** A proxy address on this machine that accepts and closes every connection. */
async function closingProxy(): Promise<{ url: string; close: () => void }> {
  const server = net.createServer((socket) => socket.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  server.unref()
  const { port } = server.address() as net.AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() }
}

/** miniprogram-ci's error as one line: its message without babel's code frame, paths relative to the bundle. */
export function describeCompileError(error: unknown, distDir: string): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  const root = path.resolve(distDir) + '/'
  const lines = String(message ?? error)
    .split('\n')
    .filter((line) => line.trim() && !/^\s*(>|\d+\s*\||\|)/.test(line))
    .map((line) => line.trim().split(root).join(''))
  // "file: a.js" followed by "a.js: Unexpected token (1:20)": keep the second.
  const kept = lines.filter((line) => !(line.startsWith('file: ') && lines.some((other) => other !== line && other.startsWith(line.slice('file: '.length) + ':'))))
  let text = kept.join(' — ')
  if (text.length > 600) text = `${text.slice(0, 600)}…`
  return `${label(distDir)} does not compile with miniprogram-ci (es7, minify)${code !== undefined ? ` [error ${String(code)}]` : ''}: ${text}`
}

function label(distDir: string): string {
  const relative = path.relative(process.cwd(), path.resolve(distDir))
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(distDir)
}

/** The compile itself, in this process (which it leaves with live workers: see the header). */
export async function compileWeapp(distDir: string, load: () => Promise<MiniprogramCiModule> = () => import('miniprogram-ci')): Promise<CompileOutcome> {
  const ci = await loadPackage('miniprogram-ci', load)
  const proxy = await closingProxy()
  try {
    ci.proxy(proxy.url)
    const options: ConstructorParameters<MiniprogramCiModule['Project']>[0] & { attr: () => Promise<MiniprogramCiModule['DefaultProjectAttr']> } = {
      appid: 'touristappid',
      type: 'miniProgram',
      projectPath: path.resolve(distDir),
      // Required by the constructor; used only to sign requests, and this compile sends none.
      privateKey: 'offline compile check: no key',
      ignores: ['node_modules/**/*'],
      attr: () => Promise.resolve(ci.DefaultProjectAttr),
    }
    const project = new ci.Project(options)
    const files = await ci.getCompiledResult({ project, version: '0.0.0', setting: CHECK_SETTING, onProgressUpdate: () => {} })
    return { ok: true, files: Object.keys(files).length }
  } catch (error) {
    return { ok: false, failure: describeCompileError(error, distDir) }
  } finally {
    proxy.close()
  }
}

/**
 * Compiles in a child process and returns the failures (none when it compiles). A crash,
 * a missing package or a timeout is a failure too, with the child's last output.
 */
export function weappCompileFailures(distDir: string, { timeoutMs = 300_000 } = {}): Promise<string[]> {
  if (!fs.existsSync(path.join(distDir, 'app.json'))) return Promise.resolve([`${label(distDir)}/app.json is missing: build weapp before the compile check`])
  return new Promise((resolve) => {
    // tsx by absolute URL: the compiler's own workers inherit these flags and start in other folders.
    const child = fork(__filename, [path.resolve(distDir)], { execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href], silent: true })
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)))
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)))
    let outcome: CompileOutcome | undefined
    child.on('message', (message: CompileOutcome) => (outcome = message))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (outcome) resolve(outcome.ok ? [] : [outcome.failure])
      else {
        const why = signal === 'SIGKILL' ? `timed out after ${timeoutMs / 1000} s` : `exited with ${signal ?? code} before answering`
        resolve([`weapp compile check ${why}:\n${output.split('\n').slice(-20).join('\n')}`])
      }
    })
  })
}

async function main(): Promise<void> {
  const distDir = path.resolve(process.argv[2] ?? path.join(__dirname, '../../dist/weapp'))
  let outcome: CompileOutcome
  try {
    outcome = await compileWeapp(distDir)
  } catch (error) {
    outcome = { ok: false, failure: (error as Error).message }
  }
  if (process.send) {
    // Forked by weappCompileFailures: answer, then leave (the compiler's workers would keep us).
    process.send(outcome, () => process.exit(0))
    return
  }
  if (outcome.ok) console.log(`${path.relative(process.cwd(), distDir) || '.'} compiles with miniprogram-ci (es7, minify): ${outcome.files} files`)
  else console.error(outcome.failure)
  process.exit(outcome.ok ? 0 : 1)
}

if (require.main === module) void main()
