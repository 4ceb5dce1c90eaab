import type { Env } from '../config'
import { devCertificateSigningKey } from './dev-signing-key'

/*
 * Rule builders for the certificate rows of config.ts (kept here so config.ts stays a
 * table). Each is `{ rule, parse }` like the builders there.
 */

/** The signing key's rule is the shared Ed25519 one. */
export { ed25519PrivateKey as certificateSigningKey } from '../ed25519-private-key-rule'

/**
 * No default in production (loadConfig then reports the variable as required); elsewhere
 * the development key file, touched only when the variable is unset.
 */
export function devCertificateSigningKeyDefault(env: Env): string | undefined {
  if ((env.NODE_ENV || 'development') === 'production' || env.CERT_SIGNING_KEY) return undefined
  return devCertificateSigningKey()
}
