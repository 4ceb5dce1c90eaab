import { randomBytes } from 'node:crypto'
import { readOrCreateKeyFile } from '../config/dev-key-file'

/**
 * The key that signs proofs of contributions (HMAC-SHA256), for development and test when
 * SOCIAL_PROOF_KEY is unset: generated once and kept in a file, so proofs issued yesterday
 * still verify today. Production refuses to start without the variable (see server/config/index.ts).
 * Deleting the file makes every proof issued with it fail verification as tampered.
 */
export const DEV_PROOF_KEY_FILE = '.data/social-proof.key'

/** The development key as 64 hex characters, creating the file on first use. */
export function devProofKey(file: string = DEV_PROOF_KEY_FILE): string {
  return readOrCreateKeyFile(file, (text) => parseKey(file, text), () => {
    const key = randomBytes(32).toString('hex')
    return { text: `${key}\n`, value: key }
  })
}

function parseKey(file: string, text: string): string {
  const key = text.trim()
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`${file} is not a development proof key file; delete it to start afresh`)
  return key
}
