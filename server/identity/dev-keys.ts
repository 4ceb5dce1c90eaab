import { randomBytes } from 'node:crypto'
import { readOrCreateKeyFile } from '../config/dev-key-file'

/**
 * Identity keys for development and test when IDENTITY_ENCRYPTION_KEY / IDENTITY_HASH_KEY
 * are unset: generated once and kept in a file, so data encrypted yesterday still decrypts
 * today, and a fresh checkout needs no setup. Production refuses to start without the
 * variables (see server/config/index.ts); this file is never a production key store.
 *
 * Deleting the file makes existing encrypted values and lookup hashes unreadable: reset
 * the development database along with it.
 */
export const DEV_KEY_FILE = '.data/identity.key'

interface DevKeys {
  encryptionKey: string
  hashKey: string
}

/** The named key as 64 hex characters, creating the file with fresh keys on first use. */
export function devIdentityKey(which: keyof DevKeys, file: string = DEV_KEY_FILE): string {
  const keys = readOrCreateKeyFile(file, (text) => parseKeys(file, text), () => {
    const value: DevKeys = { encryptionKey: randomBytes(32).toString('hex'), hashKey: randomBytes(32).toString('hex') }
    return { text: `${JSON.stringify(value, null, 2)}\n`, value }
  })
  return keys[which]
}

function parseKeys(file: string, text: string): DevKeys {
  const parsed = JSON.parse(text) as Partial<DevKeys>
  if (!isHexKey(parsed.encryptionKey) || !isHexKey(parsed.hashKey)) {
    throw new Error(`${file} is not a development identity key file; delete it (and the development database) to start afresh`)
  }
  return { encryptionKey: parsed.encryptionKey, hashKey: parsed.hashKey }
}

function isHexKey(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value)
}
