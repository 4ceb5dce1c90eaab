/**
 * `npm run audit:content [-- --features FILE]`: the content audit of the configured database
 * of the published notices and of the home grid (what each finding means: server/analytics/content-audit.ts).
 * Prints one line per finding, `<kind>  <item code or src/features.ts#key>  <detail>`,
 * and exits 1 when there is any, 0 when there is none: a release can run it as a guard.
 *
 * The grid's features are asked through the real app (built on the configured database,
 * requests injected, nothing listens). --features FILE audits a JSON array of grid entries
 * ({ key, url, probe? }) instead of src/features.ts, to check a grid before it is shipped.
 * Brings the database to the latest schema first, like the other commands.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import pino from 'pino'
import { FEATURES } from '../../src/features'
import { pageTitles, registeredPages } from '../analytics/app-pages'
import { auditCatalogue, auditGrid, auditNotices, describeFinding, type GridEntry } from '../analytics/content-audit'
import { FEATURE_PROBES } from '../analytics/feature-probes'
import { buildApp } from '../app'
import { ConfigError, describeDatabase, loadConfig, type Config } from '../config'
import { createDb, poolTimeouts } from '../db/create-db'
import { migrateToLatest } from '../db/migrator'

const USAGE = 'usage: npm run audit:content [-- --features FILE]'

function readFeatures(path: string): GridEntry[] {
  const parsed = JSON.parse(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), path), 'utf8')) as unknown
  const valid = (entry: unknown): entry is GridEntry =>
    typeof entry === 'object' && entry !== null && typeof (entry as GridEntry).key === 'string' && typeof (entry as GridEntry).url === 'string'
  if (!Array.isArray(parsed) || !parsed.every(valid)) throw new Error(`${path} must hold a JSON array of { "key": …, "url": … } entries`)
  return parsed
}

async function main(config: Config, features: readonly GridEntry[]): Promise<number> {
  const db = createDb(config.database, { timeouts: poolTimeouts(config, 'reports') })
  try {
    await migrateToLatest(db)
    const app = await buildApp({ config, db, logger: pino({ level: 'silent' }) })
    try {
      const findings = [
        ...(await auditCatalogue(db)),
        ...(await auditNotices(db, { grid: FEATURES, pages: pageTitles() })),
        ...(await auditGrid({ app, features, pages: registeredPages(), probes: FEATURE_PROBES })),
      ]
      for (const finding of findings) console.log(describeFinding(finding))
      console.log(
        findings.length === 0
          ? `content audit (${describeDatabase(config.database)}): no findings`
          : `content audit (${describeDatabase(config.database)}): ${findings.length} finding(s)`,
      )
      return findings.length === 0 ? 0 : 1
    } finally {
      await app.close()
    }
  } finally {
    await db.destroy()
  }
}

function setup(): { config: Config; features: readonly GridEntry[] } {
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { features: { type: 'string' } }, strict: true, allowPositionals: false })
    const features = values.features === undefined ? FEATURES : readFeatures(values.features)
    return { config: loadConfig(), features }
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `${(error as Error).message}\n${USAGE}`)
    process.exit(1)
  }
}

const { config, features } = setup()
main(config, features).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`content audit failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
