/**
 * `npm run report:demand [-- --days 30 --csv]`: the demand report of the configured
 * database (what the operator route GET /api/operator/analytics/demand answers; every
 * figure is defined in src/contract/analytics/schemas.ts).
 *
 * Options:
 *   --days N        the window: the N days before --to (default 30)
 *   --from ISO      the window's start instead of --days (e.g. 2026-11-01T00:00:00+08:00)
 *   --to ISO        the window's end (default now)
 *   --dead-days N   no guide view for N days = dead (default 30)
 *   --top N         length of the ranked lists (default 10)
 *   --csv           one table as CSV on stdout (RFC 4180, UTF-8 with BOM for Excel) instead of the terminal tables
 *   --table KEY     which table --csv writes: services (default), departments, wanted, dead, zero-results, bad-tags, bad-reasons
 *   --no-bom        CSV without the byte-order mark (for scripts)
 *
 * Brings the database to the latest schema first, like the other commands. Exit 0 with the
 * report, 1 on a bad option or when the database cannot be read.
 */
import { parseArgs } from 'node:util'
import { demandReport } from '../analytics/demand'
import { toCsv } from '../analytics/csv-output'
import { percent, reportTables, TABLE_KEYS, type TableKey } from '../analytics/report-tables'
import { renderTable } from '../analytics/terminal-table'
import { resolveWindow } from '../analytics/window'
import { ConfigError, describeDatabase, loadConfig, type Config } from '../config'
import { createDb, poolTimeouts } from '../db/create-db'
import { migrateToLatest } from '../db/migrator'
import { AppError } from '../errors'

const USAGE =
  'usage: npm run report:demand -- [--days N | --from ISO] [--to ISO] [--dead-days N] [--top N] [--csv [--table ' + TABLE_KEYS.join('|') + '] [--no-bom]]'

interface Options {
  from?: string
  to?: string
  days?: number
  deadDays?: number
  top?: number
  csv: boolean
  table: TableKey
  bom: boolean
}

class UsageError extends Error {}

function integer(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${text}`)
  return value
}

export function parseOptions(argv: readonly string[]): Options {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        days: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'dead-days': { type: 'string' },
        top: { type: 'string' },
        csv: { type: 'boolean', default: false },
        table: { type: 'string' },
        'no-bom': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (parsed.days !== undefined && parsed.from !== undefined) throw new UsageError('give --days or --from, not both')
  const table = parsed.table ?? 'services'
  if (!(TABLE_KEYS as readonly string[]).includes(table)) throw new UsageError(`--table must be one of ${TABLE_KEYS.join(', ')}, got ${table}`)
  if (parsed.table !== undefined && !parsed.csv) throw new UsageError('--table goes with --csv (the terminal shows every table)')
  return {
    from: parsed.from,
    to: parsed.to,
    days: integer('days', parsed.days, 1, 366),
    deadDays: integer('dead-days', parsed['dead-days'], 1, 365),
    top: integer('top', parsed.top, 1, 100),
    csv: parsed.csv ?? false,
    table: table as TableKey,
    bom: !(parsed['no-bom'] ?? false),
  }
}

async function main(config: Config, options: Options): Promise<void> {
  const window = resolveWindow(options, new Date(), (name) => `--${name}`)
  const db = createDb(config.database, { timeouts: poolTimeouts(config, 'reports') })
  try {
    await migrateToLatest(db)
    const report = await demandReport(db, window)
    const tables = reportTables(report)
    if (options.csv) {
      const chosen = tables.find((table) => table.key === options.table)!
      process.stdout.write(toCsv(chosen.header, chosen.rows, { bom: options.bom }))
      return
    }
    const { totals } = report
    const lines = [
      `需求分析  ${report.window.from} — ${report.window.to}  (${describeDatabase(config.database)})`,
      `合计：浏览 ${totals.views}，搜索 ${totals.searches}，开始申请 ${totals.applicationsStarted}，提交 ${totals.applicationsSubmitted}，` +
        `放弃 ${totals.applicationsAbandoned}（放弃率 ${percent(totals.abandonmentRate) ?? '-'}），办结 ${totals.finished}` +
        `（中位时长 ${totals.medianHoursToFinish ?? '-'} 小时），评价 ${totals.ratings}（平均 ${totals.meanRating ?? '-'} 分，满意率 ${percent(totals.satisfiedRate) ?? '-'}）`,
    ]
    for (const table of tables) {
      lines.push('', `== ${table.title} ==`)
      lines.push(...(table.rows.length === 0 ? ['（无）'] : renderTable(table.header, table.rows, table.aligns)))
    }
    process.stdout.write(lines.join('\n') + '\n')
  } finally {
    await db.destroy()
  }
}

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

let options: Options
let config: Config
try {
  options = parseOptions(process.argv.slice(2))
  config = loadConfig()
} catch (error) {
  if (error instanceof UsageError) fail(`${error.message}\n${USAGE}`)
  if (error instanceof ConfigError) fail(error.message)
  throw error
}

main(config, options).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof AppError) fail(`${error.field ? `${error.field}: ` : ''}${error.message}${error.rule ? ` (${error.rule})` : ''}\n${USAGE}`)
    fail(`demand report failed: ${error instanceof Error ? error.message : String(error)}`)
  },
)
