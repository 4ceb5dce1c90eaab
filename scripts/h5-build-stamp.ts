/**
 * Decides whether the H5 preview in dist/h5 is stale: a fingerprint of every input the
 * build reads (sources, config, env files, dependencies' lock) is kept next to the output.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..')
const INPUTS = ['src', 'config', 'types', 'package.json', 'package-lock.json', 'babel.config.js', 'tsconfig.json', '.env', '.env.production', '.env.local', '.env.production.local']
export const STAMP_FILE = path.join(ROOT, 'dist', 'h5', '.build-fingerprint')

function files(entry: string, out: string[] = []): string[] {
  const full = path.join(ROOT, entry)
  if (!fs.existsSync(full)) return out
  if (fs.statSync(full).isDirectory()) {
    for (const child of fs.readdirSync(full).sort()) files(path.join(entry, child), out)
  } else out.push(entry)
  return out
}

export function inputFingerprint(): string {
  const hash = crypto.createHash('sha256')
  for (const entry of INPUTS.flatMap((input) => files(input))) {
    hash.update(entry)
    hash.update(fs.readFileSync(path.join(ROOT, entry)))
  }
  return hash.digest('hex')
}

export function h5BuildIsFresh(): boolean {
  return fs.existsSync(path.join(ROOT, 'dist', 'h5', 'index.html')) && fs.existsSync(STAMP_FILE) && fs.readFileSync(STAMP_FILE, 'utf8') === inputFingerprint()
}

export function writeStamp(): void {
  fs.writeFileSync(STAMP_FILE, inputFingerprint())
}
