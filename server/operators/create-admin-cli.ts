/**
 * `npm run operator:create-admin -- --username NAME [--display-name "…"] [--force]`
 *
 * Creates the first admin operator in the configured database (migrating it first, like
 * `npm run seed`). The password is read from OPERATOR_PASSWORD when set (automation),
 * else asked twice without echo on a terminal, else read as the first line of stdin. It
 * must pass the same rule as every operator password (12+ characters, not the username,
 * not a common password).
 *
 * Refuses when an active admin already exists: more admins are made through the API by an
 * admin, where it is audited under their name. `--force` adds one anyway, for recovery
 * when every admin has lost access; it is audited too. An existing username is always
 * refused: nothing here changes an account that exists.
 */
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { USERNAME_PATTERN } from '../../src/contract/operators/data'
import { createAuditLog } from '../audit/audit-log'
import { systemClock } from '../clock'
import { ConfigError, describeDatabase, loadConfig, type Config } from '../config'
import { createDb, poolTimeouts } from '../db/create-db'
import { migrateToLatest } from '../db/migrator'
import { AppError } from '../errors'
import { OPERATOR_AUDIT_EVENTS } from './events'
import { assertAcceptablePassword } from './password-rule'
import { hashPassword } from './passwords'
import { createOperatorsRepository } from './repository'

class UsageError extends Error {}

interface Options {
  username: string
  displayName: string
  force: boolean
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: { username: { type: 'string' }, 'display-name': { type: 'string' }, force: { type: 'boolean', default: false } },
    strict: true,
  })
  const username = values.username?.trim().toLowerCase()
  if (!username) throw new UsageError('--username is required')
  if (!new RegExp(USERNAME_PATTERN).test(username)) throw new UsageError('--username must be 3-32 characters of a-z, 0-9, ".", "_" or "-"')
  const displayName = (values['display-name'] ?? username).trim()
  if (!displayName || displayName.length > 50) throw new UsageError('--display-name must be 1-50 characters')
  return { username, displayName, force: values.force ?? false }
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.OPERATOR_PASSWORD
  if (fromEnv) return fromEnv
  if (!process.stdin.isTTY) return firstLineOfStdin()
  const first = await askHidden('Password for the new admin: ')
  const second = await askHidden('Repeat it: ')
  if (first !== second) throw new UsageError('the two passwords differ')
  return first
}

async function firstLineOfStdin(): Promise<string> {
  let text = ''
  for await (const chunk of process.stdin) text += String(chunk)
  return text.split(/\r?\n/)[0] ?? ''
}

/** A prompt whose answer is not echoed (readline writes nothing but the question). */
function askHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  const writable = rl as unknown as { _writeToOutput: (text: string) => void }
  let asked = false
  writable._writeToOutput = (text) => {
    if (!asked) process.stdout.write(text)
    asked = true
  }
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close()
      process.stdout.write('\n')
      resolve(answer)
    })
  })
}

async function main(config: Config, opts: Options): Promise<void> {
  const password = await readPassword()
  assertAcceptablePassword(password, opts.username, 'password')
  const db = createDb(config.database, { timeouts: poolTimeouts(config, 'reports') })
  try {
    console.log(`database: ${describeDatabase(config.database)}`)
    await migrateToLatest(db)
    const passwordHash = await hashPassword(password)
    const now = systemClock()
    const id = await db.transaction().execute(async (trx) => {
      const operators = createOperatorsRepository(trx)
      if (await operators.findByUsername(opts.username)) throw new UsageError(`an operator named ${opts.username} exists already; choose another username`)
      const admins = await operators.activeAdminIds()
      if (admins.length > 0 && !opts.force) {
        throw new UsageError(`${admins.length} active admin(s) exist already: an admin creates further operators through the API (or use --force to recover access)`)
      }
      const created = await operators.create({ username: opts.username, displayName: opts.displayName, passwordHash, roles: ['admin'], grantedBy: null, mustChangePassword: true }, now)
      await createAuditLog(trx, () => now).record({
        event: OPERATOR_AUDIT_EVENTS.create,
        detail: { targetOperatorId: created, username: opts.username, roles: 'admin', via: 'command line', forced: admins.length > 0 },
      })
      return created
    })
    console.log(`created admin operator ${opts.username} (${opts.displayName}), id ${id}`)
    console.log('log in with POST /api/operator/login { "username", "password" }')
  } finally {
    await db.destroy()
  }
}

function fail(message: string): never {
  console.error(`operator:create-admin: ${message}`)
  process.exit(1)
}

function run(): void {
  let opts: Options
  let config: Config
  try {
    opts = options(process.argv.slice(2))
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) fail((error as Error).message)
    throw error
  }
  main(config, opts).catch((error: unknown) => {
    if (error instanceof AppError) fail(`the password was refused: ${error.message}`)
    fail(error instanceof Error ? error.message : String(error))
  })
}

run()
