import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Development keys (`.data/*.key`, used only when the production variable is unset): read
 * the file, or create it once. Several processes may start at once (jest workers, the
 * server, the seed CLI), so a new key is written to a private temporary file and
 * hard-linked into place, which fails if another process won: nobody reads a half-written
 * file or overwrites a key already in use.
 */
export function readOrCreateKeyFile<T>(file: string, parse: (text: string) => T, generate: () => { text: string; value: T }): T {
  const existing = readText(file)
  if (existing !== undefined) return parse(existing)
  const { text, value } = generate()
  mkdirSync(dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  writeFileSync(temporary, text, { mode: 0o600 })
  try {
    linkSync(temporary, file)
    return value
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return parse(readText(file)!)
  } finally {
    unlinkSync(temporary)
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}
