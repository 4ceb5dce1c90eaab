/**
 * Static checks as tests, so a type error, a lint error or a platform branch in the wrong
 * place is a failed test in the one report CI reads.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name)

function run(command: string, args: string[]): { ok: boolean; output: string } {
  try {
    const output = execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' })
    return { ok: true, output }
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string }
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) sourceFiles(full, out)
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(full)
  }
  return out
}

/** Source without comments: docs may name `wx.login`; code may not call it. */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1')

describe('static checks', () => {
  test('the client typechecks (tsc, strict)', () => {
    const result = run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'])
    expect(result.output).toBe('')
    expect(result.ok).toBe(true)
  }, 120_000)

  test('the server, tests and scripts typecheck (tsc, strict)', () => {
    const result = run(bin('tsc'), ['-p', 'tsconfig.server.json', '--noEmit'])
    expect(result.output).toBe('')
    expect(result.ok).toBe(true)
  }, 120_000)

  test('the operator console typechecks (tsc, strict; console/tsconfig.json)', () => {
    const result = run(bin('tsc'), ['-p', 'console/tsconfig.json', '--noEmit'])
    expect(result.output).toBe('')
    expect(result.ok).toBe(true)
  }, 120_000)

  test('ESLint reports no errors', () => {
    const result = run(bin('eslint'), ['.', '--quiet'])
    expect(result.output).toBe('')
    expect(result.ok).toBe(true)
  }, 120_000)

  test('no file outside src/platform touches wx, my or TARO_ENV', () => {
    const offenders = sourceFiles(path.join(ROOT, 'src'))
      .filter((file) => !file.startsWith(path.join(ROOT, 'src', 'platform') + path.sep))
      .filter((file) => /\bwx\.|\bmy\.|TARO_ENV/.test(withoutComments(fs.readFileSync(file, 'utf8'))))
      .map((file) => path.relative(ROOT, file))
    expect(offenders).toEqual([])
  })

  test('the client imports nothing from server/', () => {
    const offenders = sourceFiles(path.join(ROOT, 'src'))
      .filter((file) => /from ['"](\.\.\/)+server\//.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file))
    expect(offenders).toEqual([])
  })
})
