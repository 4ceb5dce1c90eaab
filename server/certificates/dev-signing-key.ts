import { generateKeyPairSync } from 'node:crypto'
import { readOrCreateKeyFile } from '../config/dev-key-file'

/**
 * The key that signs presentation codes, for development when CERT_SIGNING_KEY is unset:
 * generated once and kept in a file, so a restarted dev server still accepts the codes it
 * issued a minute ago. Production refuses to start without the variable (server/config/index.ts).
 * Deleting the file only invalidates codes still on screen (they live 2 minutes).
 */
export const DEV_CERT_SIGNING_KEY_FILE = '.data/certificate-signing.key'

/** The development key as PKCS8 PEM, creating the file on first use. */
export function devCertificateSigningKey(file: string = DEV_CERT_SIGNING_KEY_FILE): string {
  return readOrCreateKeyFile(file, (text) => text, () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    return { text: pem, value: pem }
  })
}
