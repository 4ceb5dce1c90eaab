import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Identity keys for development and test when IDENTITY_ENCRYPTION_KEY / IDENTITY_HASH_KEY
 * are unset: generated once and kept in a file, so data encrypted yesterday still decrypts
 * today, and a fresh checkout needs no setup. Production refuses to start without the
 * variables (see config.ts); this file is never a production key store.
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
  const keys = readKeys(file) ?? createKeys(file)
  return keys[which]
}

function readKeys(file: string): DevKeys | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const parsed = JSON.parse(text) as Partial<DevKeys>
  if (!isHexKey(parsed.encryptionKey) || !isHexKey(parsed.hashKey)) {
    throw new Error(`${file} is not a development identity key file; delete it (and the development database) to start afresh`)
  }
  return { encryptionKey: parsed.encryptionKey, hashKey: parsed.hashKey }
}

/**
 * Several processes may start at once (jest workers, the server and the seed CLI): write
 * a private temporary file and hard-link it into place, which fails if another process
 * won, so nobody ever reads a half-written file or overwrites keys already in use.
 */
function createKeys(file: string): DevKeys {
  const keys: DevKeys = { encryptionKey: randomBytes(32).toString('hex'), hashKey: randomBytes(32).toString('hex') }
  mkdirSync(dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  writeFileSync(temporary, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 })
  try {
    linkSync(temporary, file)
    return keys
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return readKeys(file)!
  } finally {
    unlinkSync(temporary)
  }
}

function isHexKey(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value)
}
