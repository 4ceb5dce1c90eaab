/**
 * What must never ship to a citizen's phone: platform secrets, private keys, session keys,
 * and server code. Scans every built file of all three targets.
 */
import fs from 'node:fs'
import path from 'node:path'
import { DIST_ROOT } from '../../scripts/dist-root'
import { FORBIDDEN, NOT_SCANNED } from '../../scripts/secret-patterns'

const DIST = DIST_ROOT
const TARGETS = ['weapp', 'alipay', 'h5']

function files(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) files(full, out)
    else if (!NOT_SCANNED.test(entry.name)) out.push(full)
  }
  return out
}

describe.each(TARGETS)('dist/%s', (target) => {
  const dir = path.join(DIST, target)

  test('carries no secret, private key or server code', () => {
    expect(fs.existsSync(dir)).toBe(true)
    const found: string[] = []
    for (const file of files(dir)) {
      const text = fs.readFileSync(file, 'utf8')
      for (const [what, pattern] of FORBIDDEN) if (pattern.test(text)) found.push(`${path.relative(DIST, file)}: ${what}`)
    }
    expect(found).toEqual([])
  })

  test('carries none of the development keys kept under .data/', () => {
    const dataDir = path.resolve(__dirname, '../../.data')
    const keys = fs.existsSync(dataDir)
      ? fs.readdirSync(dataDir).filter((name) => /key/i.test(name)).map((name) => fs.readFileSync(path.join(dataDir, name), 'utf8'))
      : []
    const fragments = keys.flatMap((key) => key.split(/\s+/).filter((part) => part.length >= 24 && !part.startsWith('-----')))
    const bundle = files(dir).map((file) => fs.readFileSync(file, 'utf8')).join('\n')
    expect(fragments.filter((fragment) => bundle.includes(fragment))).toEqual([])
  })
})

test('the scanner recognises what it looks for', () => {
  const samples = ['-----BEGIN PRIVATE KEY-----', 'x.session_key', 'require("fastify")']
  for (const sample of samples) expect(FORBIDDEN.some(([, pattern]) => pattern.test(sample))).toBe(true)
})
