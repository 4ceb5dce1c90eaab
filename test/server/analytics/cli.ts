/**
 * Runs one of the ops commands as `npm run …` does (node --import tsx), against a suite's
 * database, with only the variables it needs: fixed keys so it never writes .data/*.key
 * files, and nothing inherited that could point it at another database or Redis.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { tmpdir } from 'node:os'

const ROOT = join(__dirname, '..', '..', '..')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

export function runCli(script: string, args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SEED_DEMO_DATA: '0',
      STATIC_DIR: join(tmpdir(), 'gov-mini-no-static-dir'),
      IDENTITY_ENCRYPTION_KEY: '0'.repeat(63) + '1',
      IDENTITY_HASH_KEY: '0'.repeat(63) + '2',
      HEALTH_CODE_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEID5oOG3PvfNPFWQ5UFVUg9ysmVkQYeEjo8kccXyiL0eY',
      HEALTH_CODE_KEY_ID: 'test-1',
      SOCIAL_PROOF_KEY: '0'.repeat(62) + '53',
      UPLOAD_LINK_KEY: '0'.repeat(62) + '54',
      CERT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE',
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Bytes first, decoded once: a chunk may end inside a multi-byte character.
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }))
  })
}
