import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * The key that signs presentation codes, for development when CERT_SIGNING_KEY is unset:
 * generated once and kept in a file, so a restarted dev server still accepts the codes it
 * issued a minute ago. Production refuses to start without the variable (config.ts).
 * Deleting the file only invalidates codes still on screen (they live 2 minutes).
 */
export const DEV_CERT_SIGNING_KEY_FILE = '.data/certificate-signing.key'

/** The development key as PKCS8 PEM, creating the file on first use. */
export function devCertificateSigningKey(file: string = DEV_CERT_SIGNING_KEY_FILE): string {
  return readKey(file) ?? createKey(file)
}

function readKey(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/** Written to a private temporary file and hard-linked into place: concurrent starts agree on one key. */
function createKey(file: string): string {
  const { privateKey } = generateKeyPairSync('ed25519')
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
  mkdirSync(dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  writeFileSync(temporary, pem, { mode: 0o600 })
  try {
    linkSync(temporary, file)
    return pem
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return readKey(file)!
  } finally {
    unlinkSync(temporary)
  }
}
