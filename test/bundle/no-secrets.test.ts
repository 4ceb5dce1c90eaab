/**
 * What must never ship to a citizen's phone: platform secrets, private keys, session keys,
 * and server code. Scans every built file of all three targets.
 */
import fs from 'node:fs'
import path from 'node:path'

const DIST = path.resolve(__dirname, '../../dist')
const TARGETS = ['weapp', 'alipay', 'h5']

function files(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) files(full, out)
    else if (!/\.(png|jpg|gif|ico|LICENSE\.txt)$/.test(entry.name)) out.push(full)
  }
  return out
}

const FORBIDDEN: [string, RegExp][] = [
  ['a PEM private key', /-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/],
  ['a base64 PKCS#8 RSA private key', /MIIE[vp]QIBADANBgkqhkiG9w0BAQEFAASC/],
  ['WeChat session_key', /session_key/],
  ['an env secret name', /WECHAT_SECRET|ALIPAY_PRIVATE_KEY|IDENTITY_ENCRYPTION_KEY|IDENTITY_HASH_KEY|HEALTH_CODE_SIGNING_KEY|SOCIAL_PROOF_KEY/],
  ['server code (Fastify)', /fastify/i],
  ['server code (Kysely)', /kysely/i],
  ['server code (better-sqlite3)', /better-sqlite3/],
  ['the TypeBox runtime', /TypeBox\.Kind|@sinclair\/typebox/],
]

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
