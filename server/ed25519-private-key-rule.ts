import { createPrivateKey, type KeyObject } from 'node:crypto'

/** Config rule: an Ed25519 private key as PKCS8 PEM (newlines may be written `\n`) or base64 DER. */
export const ed25519PrivateKey = {
  rule: 'be an Ed25519 private key as PKCS8 PEM or base64 DER (e.g. `openssl genpkey -algorithm ed25519`)',
  parse(raw: string): KeyObject | undefined {
    try {
      const key = raw.includes('-----BEGIN')
        ? createPrivateKey({ key: raw.replace(/\\n/g, '\n'), format: 'pem' })
        : /^[A-Za-z0-9+/=_-]+$/.test(raw)
          ? createPrivateKey({ key: Buffer.from(raw, 'base64'), format: 'der', type: 'pkcs8' })
          : undefined
      return key?.asymmetricKeyType === 'ed25519' ? key : undefined
    } catch {
      return undefined
    }
  },
}
