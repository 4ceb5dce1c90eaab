import { createPrivateKey, type KeyObject } from 'node:crypto'
import type { Env } from '../config'
import { devCertificateSigningKey } from './dev-signing-key'

/*
 * Rule builders for the certificate rows of config.ts (kept here so config.ts stays a
 * table). Each is `{ rule, parse }` like the builders there.
 */

/** An Ed25519 private key as PKCS8 PEM (newlines may be written `\n`) or base64 PKCS8 DER. */
export const certificateSigningKey = {
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

/**
 * No default in production (loadConfig then reports the variable as required); elsewhere
 * the development key file, touched only when the variable is unset.
 */
export function devCertificateSigningKeyDefault(env: Env): string | undefined {
  if ((env.NODE_ENV || 'development') === 'production' || env.CERT_SIGNING_KEY) return undefined
  return devCertificateSigningKey()
}
