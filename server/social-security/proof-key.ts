import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Env } from '../config'

/**
 * The key that signs proofs of contributions (HMAC-SHA256), for development and test when
 * SOCIAL_PROOF_KEY is unset: generated once and kept in a file, so proofs issued yesterday
 * still verify today. Production refuses to start without the variable (see config.ts).
 * Deleting the file makes every proof issued with it fail verification as tampered.
 */
export const DEV_PROOF_KEY_FILE = '.data/social-proof.key'

/** The development key as 64 hex characters, creating the file on first use. */
export function devProofKey(file: string = DEV_PROOF_KEY_FILE): string {
  return readKey(file) ?? createKey(file)
}

/** The default of the SOCIAL_PROOF_KEY row: none in production, else the development key file. */
export function proofKeyDefault(env: Env): string | undefined {
  if ((env.NODE_ENV || 'development') === 'production') return undefined
  return env.SOCIAL_PROOF_KEY ? undefined : devProofKey()
}

function readKey(file: string): string | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8').trim()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${file} is not a development proof key file; delete it to start afresh`)
  return text
}

/** Written to a private temporary file and hard-linked into place: concurrent starts agree on one key. */
function createKey(file: string): string {
  const key = randomBytes(32).toString('hex')
  mkdirSync(dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  writeFileSync(temporary, `${key}\n`, { mode: 0o600 })
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
