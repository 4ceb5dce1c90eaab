import { createPublicKey, type KeyObject } from 'node:crypto'
import type { HealthCodeKeys } from '../../src/contract/health-code/schemas'
import type { Config } from '../config'

/**
 * The health-code keys: the one that signs new codes, and every key whose codes are still
 * accepted (the signing key plus retired ones from HEALTH_CODE_PREVIOUS_PUBLIC_KEYS). Both
 * the verify route and offline verifiers (GET /api/health-code/keys) see the same set.
 *
 * Rotation: generate a new key, move the old key's `kid:x` into
 * HEALTH_CODE_PREVIOUS_PUBLIC_KEYS, set the new key and id, restart; after one code
 * lifetime (HEALTH_CODE_TTL_SECONDS) the old key may be dropped from the list.
 */
export interface SigningKey {
  kid: string
  privateKey: KeyObject
}

export interface HealthCodeKeyring {
  signing: SigningKey
  /** The public key for a key id, if codes signed with it are accepted. */
  find(kid: string): KeyObject | undefined
  /** JWK-like, the signing key first. */
  published: HealthCodeKeys
}

type KeyConfig = Pick<Config, 'healthCodeSigningKey' | 'healthCodeKeyId' | 'healthCodePreviousPublicKeys'>

export function createKeyring(config: KeyConfig): HealthCodeKeyring {
  const signingPublic = createPublicKey(config.healthCodeSigningKey)
  const accepted = [
    { kid: config.healthCodeKeyId, x: rawPublicKey(signingPublic), publicKey: signingPublic },
    ...(config.healthCodePreviousPublicKeys ?? []),
  ]
  const byKid = new Map(accepted.map((key) => [key.kid, key.publicKey]))
  return {
    signing: { kid: config.healthCodeKeyId, privateKey: config.healthCodeSigningKey },
    find: (kid) => byKid.get(kid),
    published: { keys: accepted.map(({ kid, x }) => ({ kid, alg: 'EdDSA' as const, crv: 'Ed25519' as const, x })) },
  }
}

/** The raw 32-byte Ed25519 public key, base64url (JWK `x`). */
export function rawPublicKey(publicKey: KeyObject): string {
  const { x } = publicKey.export({ format: 'jwk' })
  if (typeof x !== 'string') throw new Error('not an Ed25519 public key')
  return x
}
