/**
 * The direction of imports in the client (ARCHITECTURE.md): features (src/packages/<feature>)
 * never import each other; nothing outside src/packages imports a feature — not the main
 * package (src/app.tsx, src/pages, src/components, src/stores), so no feature's code rides in
 * every cold start, not src/platform, src/api, src/contract or the shared helpers. Features import the main package, src/api, src/contract and
 * src/platform freely.
 */
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')
const SRC = path.join(ROOT, 'src')

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) sourceFiles(full, out)
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(full)
  }
  return out
}

/** Every module a file imports (static, dynamic, re-export, side effect), as a path relative to src/, or undefined outside src. */
function importsOf(file: string, source = fs.readFileSync(file, 'utf8')): string[] {
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1])
  return specifiers.flatMap((specifier) => {
    const target = specifier.startsWith('@/') ? path.join(SRC, specifier.slice(2)) : specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : undefined
    return target && target.startsWith(SRC + path.sep) ? [path.relative(SRC, target)] : []
  })
}

/** `packages/certificates/…` → `certificates`. */
const featureOf = (relative: string) => /^packages\/([^/]+)\//.exec(relative.split(path.sep).join('/'))?.[1]
const isPlatform = (relative: string) => relative.startsWith('platform/')

function violations(): string[] {
  const found: string[] = []
  for (const file of sourceFiles(SRC)) {
    const from = path.relative(SRC, file).split(path.sep).join('/')
    const fromFeature = featureOf(from)
    for (const target of importsOf(file)) {
      const toFeature = featureOf(target.split(path.sep).join('/'))
      if (!toFeature) continue
      if (fromFeature && fromFeature !== toFeature) found.push(`${from} imports feature ${toFeature} (${target}): features never import each other`)
      else if (isPlatform(from)) found.push(`${from} imports feature ${toFeature} (${target}): src/platform imports no feature`)
      else if (!fromFeature) found.push(`${from} imports feature ${toFeature} (${target}): the main package (and api, contract, hooks, utils, theme) imports no feature`)
    }
  }
  return found
}

describe('import direction', () => {
  test('the checker sees every kind of import (alias, relative, dynamic, side effect)', () => {
    const file = path.join(SRC, 'pages', 'home', 'index.tsx')
    const source = [
      "import { a } from '@/packages/certificates/stores/certificates-store'",
      "import type { B } from '../../packages/health-code/api'",
      "import '@/packages/services/services.css'",
      "const c = import('@/packages/scan/classify')",
      "import { d } from 'mobx'",
    ].join('\n')
    expect(importsOf(file, source).map((target) => featureOf(target))).toEqual(['certificates', 'health-code', 'services', 'scan'])
  })

  test('no feature imports another; neither the main package nor src/platform imports a feature', () => {
    expect(violations()).toEqual([])
  })
})
