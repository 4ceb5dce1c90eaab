import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, loadConfig } from '../../../server/config'
import { devHealthCodeKey } from '../../../server/health-code/dev-key'
import { createKeyring } from '../../../server/health-code/keys'

// The other keys production needs, so only the health-code variables are under test.
const OTHER_KEYS = {
  IDENTITY_ENCRYPTION_KEY: 'ab'.repeat(32),
  IDENTITY_HASH_KEY: 'cd'.repeat(32),
  SOCIAL_PROOF_KEY: 'ef'.repeat(32),
  UPLOAD_LINK_KEY: 'fe'.repeat(32),
  CERT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIO7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u',
  PUBLIC_ORIGIN: 'https://gov.example.cn',
}
const { privateKey, publicKey } = generateKeyPairSync('ed25519')
const DER = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')
const PEM = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
const X = publicKey.export({ format: 'jwk' }).x!

function problemsWith(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return [...(error as ConfigError).problems]
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`)
}

describe('loadConfig: health code', () => {
  test('production without a signing key is a ConfigError naming HEALTH_CODE_SIGNING_KEY and HEALTH_CODE_KEY_ID', () => {
    const problems = problemsWith({ NODE_ENV: 'production', ...OTHER_KEYS })
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^HEALTH_CODE_SIGNING_KEY is required and must be an Ed25519 private key as PKCS8 PEM or base64 DER/),
        expect.stringMatching(/^HEALTH_CODE_KEY_ID is required and must be 1-16 characters/),
      ]),
    )
    expect(problems.filter((problem) => problem.startsWith('HEALTH_'))).toHaveLength(2)
  })

  test('the key is read as base64 DER or PEM (newlines may be written \\n); defaults 300 s codes, 1 day cache', () => {
    const fromDer = loadConfig({ NODE_ENV: 'production', ...OTHER_KEYS, HEALTH_CODE_SIGNING_KEY: DER, HEALTH_CODE_KEY_ID: 'hc-2026a' })
    const fromPem = loadConfig({ NODE_ENV: 'production', ...OTHER_KEYS, HEALTH_CODE_SIGNING_KEY: PEM.replace(/\n/g, '\\n'), HEALTH_CODE_KEY_ID: 'hc-2026a' })
    for (const config of [fromDer, fromPem]) {
      expect(createKeyring(config).published.keys).toEqual([{ kid: 'hc-2026a', alg: 'EdDSA', crv: 'Ed25519', x: X }])
      expect(config).toMatchObject({ healthCodeTtlSeconds: 300, healthStatusCacheSeconds: 86_400 })
    }
  })

  test.each([
    ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')],
    ['a public key', publicKey.export({ format: 'pem', type: 'spki' }).toString()],
    ['a passphrase', 'correct horse battery staple'],
  ])('%s as HEALTH_CODE_SIGNING_KEY is refused without echoing it', (_case, value) => {
    const [problem] = problemsWith({ ...OTHER_KEYS, HEALTH_CODE_SIGNING_KEY: value, HEALTH_CODE_KEY_ID: 'k' })
    expect(problem).toMatch(/^HEALTH_CODE_SIGNING_KEY must be an Ed25519 private key/)
    expect(problem).toContain('(hidden)')
  })

  test('a signing key without its key id is refused: the id of a development key would not match it', () => {
    expect(problemsWith({ HEALTH_CODE_SIGNING_KEY: DER })).toEqual([expect.stringMatching(/^HEALTH_CODE_KEY_ID is required/)])
  })

  test('previous public keys: listed kid:x pairs are accepted and published after the current key', () => {
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!
    const config = loadConfig({ HEALTH_CODE_SIGNING_KEY: DER, HEALTH_CODE_KEY_ID: 'hc-b', HEALTH_CODE_PREVIOUS_PUBLIC_KEYS: ` hc-a:${other} ` })
    const keyring = createKeyring(config)
    expect(keyring.published.keys.map((key) => key.kid)).toEqual(['hc-b', 'hc-a'])
    expect(keyring.find('hc-a')).toBeDefined()
    expect(keyring.find('hc-c')).toBeUndefined()
  })

  test.each([
    ['no key id', X, /^HEALTH_CODE_PREVIOUS_PUBLIC_KEYS must be a comma-separated list/],
    ['a short key', 'hc-a:abc', /^HEALTH_CODE_PREVIOUS_PUBLIC_KEYS must be a comma-separated list/],
    ['the current key id', `hc-b:${X}`, /^HEALTH_CODE_PREVIOUS_PUBLIC_KEYS must not list the current HEALTH_CODE_KEY_ID "hc-b"/],
    ['one id twice', `hc-a:${X},hc-a:${X}`, /^HEALTH_CODE_PREVIOUS_PUBLIC_KEYS must list each key id once/],
  ])('previous public keys with %s are refused', (_case, value, expected) => {
    const problems = problemsWith({ HEALTH_CODE_SIGNING_KEY: DER, HEALTH_CODE_KEY_ID: 'hc-b', HEALTH_CODE_PREVIOUS_PUBLIC_KEYS: value })
    expect(problems).toEqual([expect.stringMatching(expected)])
  })

  test('a key id long enough to bloat the QR code is refused', () => {
    expect(problemsWith({ HEALTH_CODE_SIGNING_KEY: DER, HEALTH_CODE_KEY_ID: 'k'.repeat(17) })).toEqual([
      'HEALTH_CODE_KEY_ID must be 1-16 characters of letters, digits, . _ or - (it travels in every code), got "kkkkkkkkkkkkkkkkk"',
    ])
  })

  test('HEALTH_CODE_TTL_SECONDS and HEALTH_STATUS_CACHE_SECONDS are bounded', () => {
    expect(problemsWith({ HEALTH_CODE_TTL_SECONDS: '5' })).toEqual(['HEALTH_CODE_TTL_SECONDS must be an integer 30-3600, got "5"'])
    expect(problemsWith({ HEALTH_STATUS_CACHE_SECONDS: '0' })).toEqual(['HEALTH_STATUS_CACHE_SECONDS must be an integer 60-604800, got "0"'])
  })
})

describe('development health-code key', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gov-mini-hc-key-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test('is generated once, private to the owner, and the same on every later read', () => {
    const file = join(dir, 'nested', 'health-code.key')
    const first = devHealthCodeKey(file)
    expect(first.kid).toMatch(/^dev-[0-9a-f]{6}$/)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(devHealthCodeKey(file)).toEqual(first)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first)
    const config = loadConfig({ HEALTH_CODE_SIGNING_KEY: first.privateKey, HEALTH_CODE_KEY_ID: first.kid })
    expect(createKeyring(config).signing.kid).toBe(first.kid)
  })
})
