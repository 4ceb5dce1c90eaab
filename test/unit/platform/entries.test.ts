/**
 * Entry files: what the app imports, and what each bundle would carry. The import graph is
 * read from the source (relative imports inside src/platform), because jest cannot do
 * Taro's build-time `index.<platform>.ts` selection.
 */
import { readFileSync, existsSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import * as entry from '@/platform'
import { normaliseApiBase } from '@/platform/config'

const PLATFORM_DIR = resolve(__dirname, '../../../src/platform')

function resolveImport(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier)
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate))
}

/** Every file reachable from an entry through relative imports (type-only imports included). */
function reachable(entryFile: string): Set<string> {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const source = readFileSync(file, 'utf8')
    for (const match of source.matchAll(/from\s+'(\.[^']+)'/g)) {
      const target = resolveImport(file, match[1])
      if (target) visit(target)
    }
  }
  visit(join(PLATFORM_DIR, entryFile))
  return new Set([...seen].map((file) => relative(PLATFORM_DIR, file)))
}

test.each([
  ['index.weapp.ts', ['mini-adapter.ts', 'tables/weapp.ts'], ['tables/alipay.ts', 'h5-adapter.ts']],
  ['index.alipay.ts', ['mini-adapter.ts', 'tables/alipay.ts'], ['tables/weapp.ts', 'h5-adapter.ts']],
  ['index.h5.ts', ['h5-adapter.ts'], ['mini-adapter.ts', 'tables/weapp.ts', 'tables/alipay.ts']],
  ['index.ts', ['h5-adapter.ts'], ['mini-adapter.ts', 'tables/weapp.ts', 'tables/alipay.ts']],
])('%s carries only its own adapter', (file, included, excluded) => {
  const files = reachable(file)
  for (const name of included) expect(files).toContain(name)
  for (const name of excluded) expect(files).not.toContain(name)
  expect(files).toContain('public.ts')
})

test('every entry exports the same public names', () => {
  const exportsOf = (file: string) => readFileSync(join(PLATFORM_DIR, file), 'utf8').match(/export (const platform|\* from '\.\/public')/g)
  for (const file of ['index.ts', 'index.weapp.ts', 'index.alipay.ts', 'index.h5.ts']) {
    expect(exportsOf(file)).toEqual(['export const platform', "export * from './public'"])
  }
})

test('under jest `src/platform` is the H5 platform, with ApiError and the sandbox key alongside', () => {
  expect(entry.platform.name).toBe('h5')
  expect(new entry.ApiError('TIMEOUT')).toBeInstanceOf(Error)
  expect(entry.SANDBOX_CODE_STORAGE_KEY).toBe('auth.sandboxCode')
})

test('the API base is trimmed of whitespace and trailing slashes; unset means same origin', () => {
  expect(normaliseApiBase('https://api.example.gov.cn/')).toBe('https://api.example.gov.cn')
  expect(normaliseApiBase(' https://api.example.gov.cn/v1// ')).toBe('https://api.example.gov.cn/v1')
  expect(normaliseApiBase('')).toBe('')
  expect(normaliseApiBase(undefined)).toBe('')
})
