import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { readOrCreateKeyFile } from '../config/dev-key-file'

/**
 * The health-code signing key for development and test when HEALTH_CODE_SIGNING_KEY is
 * unset: generated once and kept in a file (like the identity keys, ../identity/dev-keys.ts),
 * so codes issued before a restart still verify after it. Production refuses to start
 * without the variables (server/config/index.ts); this file is never a production key store.
 */
export const DEV_HEALTH_CODE_KEY_FILE = '.data/health-code.key'

export interface DevHealthCodeKey {
  kid: string
  /** PKCS8 DER, base64. */
  privateKey: string
}

export function devHealthCodeKey(file: string = DEV_HEALTH_CODE_KEY_FILE): DevHealthCodeKey {
  return readOrCreateKeyFile(file, (text) => parseKey(file, text), () => {
    const { privateKey } = generateKeyPairSync('ed25519')
    const value: DevHealthCodeKey = {
      kid: `dev-${randomBytes(3).toString('hex')}`,
      privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    }
    return { text: `${JSON.stringify(value, null, 2)}\n`, value }
  })
}

function parseKey(file: string, text: string): DevHealthCodeKey {
  const parsed = JSON.parse(text) as Partial<DevHealthCodeKey>
  if (typeof parsed.kid !== 'string' || typeof parsed.privateKey !== 'string') {
    throw new Error(`${file} is not a development health-code key file; delete it to start afresh (codes already issued stop verifying)`)
  }
  return { kid: parsed.kid, privateKey: parsed.privateKey }
}
