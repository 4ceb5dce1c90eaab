import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * The health-code signing key for development and test when HEALTH_CODE_SIGNING_KEY is
 * unset: generated once and kept in a file (like the identity keys, ../identity/dev-keys.ts),
 * so codes issued before a restart still verify after it. Production refuses to start
 * without the variables (config.ts); this file is never a production key store.
 */
export const DEV_HEALTH_CODE_KEY_FILE = '.data/health-code.key'

export interface DevHealthCodeKey {
  kid: string
  /** PKCS8 DER, base64. */
  privateKey: string
}

export function devHealthCodeKey(file: string = DEV_HEALTH_CODE_KEY_FILE): DevHealthCodeKey {
  return readKey(file) ?? createKey(file)
}

function readKey(file: string): DevHealthCodeKey | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const parsed = JSON.parse(text) as Partial<DevHealthCodeKey>
  if (typeof parsed.kid !== 'string' || typeof parsed.privateKey !== 'string') {
    throw new Error(`${file} is not a development health-code key file; delete it to start afresh (codes already issued stop verifying)`)
  }
  return { kid: parsed.kid, privateKey: parsed.privateKey }
}

// Same race-free creation as the identity keys: a private temporary file hard-linked into
// place, which fails if another process (a jest worker, the seed CLI) won.
function createKey(file: string): DevHealthCodeKey {
  const { privateKey } = generateKeyPairSync('ed25519')
  const key: DevHealthCodeKey = {
    kid: `dev-${randomBytes(3).toString('hex')}`,
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  }
  mkdirSync(dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  writeFileSync(temporary, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 })
  try {
    linkSync(temporary, file)
    return key
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return readKey(file)!
  } finally {
    unlinkSync(temporary)
  }
}
