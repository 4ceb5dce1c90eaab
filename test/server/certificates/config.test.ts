import { generateKeyPairSync } from 'node:crypto'
import { ConfigError, loadConfig } from '../../../server/config'

function problemsWith(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return [...(error as ConfigError).problems]
  }
  return []
}

describe('loadConfig: certificates', () => {
  const { privateKey } = generateKeyPairSync('ed25519')
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
  const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')

  test('production requires CERT_SIGNING_KEY', () => {
    expect(problemsWith({ NODE_ENV: 'production' })).toEqual(expect.arrayContaining([expect.stringMatching(/^CERT_SIGNING_KEY is required and must be an Ed25519 private key/)]))
  })

  test.each([
    ['PEM', pem],
    ['PEM with \\n written out', pem.replace(/\n/g, '\\n')],
    ['base64 DER', der],
  ])('an Ed25519 key as %s is read', (_case, value) => {
    const config = loadConfig({ CERT_SIGNING_KEY: value })
    expect(config.certificateSigningKey.asymmetricKeyType).toBe('ed25519')
  })

  test('another kind of key is refused without echoing it', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    const problems = problemsWith({ CERT_SIGNING_KEY: rsa })
    expect(problems).toEqual([expect.stringMatching(/^CERT_SIGNING_KEY must be an Ed25519 private key .*, got "\(hidden\)"$/)])
  })

  test('defaults: codes live 120 s, verification 60 per minute; the lifetime is bounded', () => {
    expect(loadConfig({})).toMatchObject({ certificatePresentationTtlSeconds: 120, rateLimitCertificateVerify: { max: 60, windowMs: 60_000 } })
    expect(loadConfig({ CERT_PRESENTATION_TTL_SECONDS: '30' }).certificatePresentationTtlSeconds).toBe(30)
    expect(problemsWith({ CERT_PRESENTATION_TTL_SECONDS: '3600' })).toEqual(['CERT_PRESENTATION_TTL_SECONDS must be an integer 30-600, got "3600"'])
  })
})
