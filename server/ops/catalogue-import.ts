/**
 * `npm run catalogue:import -- FILE`: imports service items (a JSON array of
 * ServiceItemImport, see src/contract/services/schemas.ts) into the configured database, by code:
 * new codes are inserted, existing ones updated (their popularity kept).
 *
 * Every item is checked by the same rules as the operator route. Any bad field and nothing
 * is written: each one is printed as `<code>: <field> <rule>` and the command exits 1.
 * Otherwise it prints how many items were inserted and updated. The import is audited
 * (catalogue.import, via cli).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createAuditLog } from '../audit/audit-log'
import { createCatalogue } from '../catalogue/catalogue'
import { describeError } from '../catalogue/import-rules'
import { systemClock } from '../clock'
import { describeDatabase, type Config } from '../config'
import { createDb, poolTimeouts } from '../db/create-db'
import { migrateToLatest } from '../db/migrator'
import { configOrExit, runCommand } from './command'

const USAGE = 'usage: npm run catalogue:import -- FILE   (FILE: a JSON array of service items)'

/** The items in the file, or a one-line reason why not. */
function readItems(path: string | undefined): unknown[] | string {
  if (!path) return USAGE
  let text: string
  try {
    // `npm run` starts in the package root; a relative FILE means relative to where it was typed.
    text = readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), path), 'utf8')
  } catch (error) {
    return `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return `${path} is not valid JSON: ${(error as Error).message}`
  }
  if (!Array.isArray(parsed)) return `${path} must hold a JSON array of service items`
  if (parsed.length === 0) return `${path} holds no items`
  return parsed
}

async function main(config: Config, path: string | undefined): Promise<number> {
  const items = readItems(path)
  if (typeof items === 'string') {
    console.error(items)
    return 1
  }
  const db = createDb(config.database, { timeouts: poolTimeouts(config, 'reports') })
  try {
    await migrateToLatest(db)
    const auditLog = createAuditLog(db, systemClock)
    const catalogue = createCatalogue({ db, clock: systemClock, audit: (event) => auditLog.record(event) })
    const outcome = await catalogue.importItems(items, { operatorId: null, ip: null, via: 'cli' })
    if (!outcome.ok) {
      for (const error of outcome.rejected.errors) console.error(describeError(error))
      const badItems = new Set(outcome.rejected.errors.map((error) => error.index)).size
      console.error(`${outcome.rejected.errors.length} bad field(s) in ${badItems} of ${items.length} item(s): nothing imported`)
      return 1
    }
    const { inserted, updated } = outcome.result
    console.log(`catalogue (${describeDatabase(config.database)}): ${inserted} inserted, ${updated} updated`)
    return 0
  } finally {
    await db.destroy()
  }
}

runCommand('catalogue import', () => main(configOrExit(), process.argv[2]))
