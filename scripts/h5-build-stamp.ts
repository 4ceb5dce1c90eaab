/**
 * Decides whether a build in dist/ is stale: a fingerprint of every input the build reads
 * (sources, config, env files, dependencies' lock) is kept next to the output. Used for the
 * H5 preview (dist/h5) and the operator console (dist/console: scripts/build-console.ts).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { distOf } from './dist-root'

const ROOT = path.resolve(__dirname, '..')
const INPUTS = ['src', 'config', 'types', 'package.json', 'package-lock.json', 'babel.config.js', 'tsconfig.json', '.env', '.env.production', '.env.local', '.env.production.local']
export const STAMP_FILE = path.join(distOf('h5'), '.build-fingerprint')

export interface BuildStamp {
  /** Output directory, relative to the repository root. */
  outDir: string
  /** Files and directories (relative to the root) whose content the build depends on. */
  inputs: readonly string[]
}

function files(entry: string, out: string[] = []): string[] {
  const full = path.join(ROOT, entry)
  if (!fs.existsSync(full)) return out
  if (fs.statSync(full).isDirectory()) {
    for (const child of fs.readdirSync(full).sort()) files(path.join(entry, child), out)
  } else out.push(entry)
  return out
}

export function inputFingerprint(inputs: readonly string[] = INPUTS): string {
  const hash = crypto.createHash('sha256')
  for (const entry of inputs.flatMap((input) => files(input))) {
    hash.update(entry)
    hash.update(fs.readFileSync(path.join(ROOT, entry)))
  }
  return hash.digest('hex')
}

const stampFile = (stamp: BuildStamp) => path.join(ROOT, stamp.outDir, '.build-fingerprint')

export function buildIsFresh(stamp: BuildStamp): boolean {
  const file = stampFile(stamp)
  return fs.existsSync(path.join(ROOT, stamp.outDir, 'index.html')) && fs.existsSync(file) && fs.readFileSync(file, 'utf8') === inputFingerprint(stamp.inputs)
}

export function writeBuildStamp(stamp: BuildStamp): void {
  fs.writeFileSync(stampFile(stamp), inputFingerprint(stamp.inputs))
}

const H5: BuildStamp = { outDir: path.relative(ROOT, distOf('h5')), inputs: INPUTS }

export function h5BuildIsFresh(): boolean {
  return buildIsFresh(H5)
}

export function writeStamp(): void {
  writeBuildStamp(H5)
}
